/**
 * How the AWS provider's `aws_iam_policy_document` merges documents (source_policy_documents, then the
 * document's own statements, then override_policy_documents): a statement with a Sid replaces, in place,
 * an earlier one with the same Sid; others are appended. A statement replaced in every deployed policy is
 * not deployed, so it is not reported.
 */
export interface DocumentFacts {
  /** Each statement's literal Sid; undefined without one (never replaces); null for a dynamic block (unknown count). */
  sids: (string | undefined | null)[];
  sources: string[];
  overrides: string[];
}

interface Entry {
  document: string;
  index: number;
  sid?: string;
}

/** For each document merged into a deployed one: the indexes of its statements that survive somewhere. */
export function survivingStatements(documents: ReadonlyMap<string, DocumentFacts>, deployed: readonly string[]): Map<string, Set<number>> {
  const surviving = new Map<string, Set<number>>();
  const involved = new Set<string>();
  for (const name of deployed) {
    for (const entry of composition(name, documents, new Set(), involved)) {
      if (!surviving.has(entry.document)) surviving.set(entry.document, new Set());
      surviving.get(entry.document)!.add(entry.index);
    }
  }
  for (const name of involved) if (!surviving.has(name)) surviving.set(name, new Set());
  // A document with a dynamic statement block has statements the facts cannot count: keep all of them.
  for (const [name, facts] of documents) if (facts.sids.includes(null)) surviving.delete(name);
  return surviving;
}

function composition(name: string, documents: ReadonlyMap<string, DocumentFacts>, visiting: Set<string>, involved: Set<string>): Entry[] {
  const facts = documents.get(name);
  if (!facts || visiting.has(name) || visiting.size > 64) return [];
  visiting.add(name);
  involved.add(name);
  const merged: Entry[] = [];
  for (const source of facts.sources) mergeInto(merged, composition(source, documents, visiting, involved));
  mergeInto(merged, facts.sids.map((sid, index) => ({ document: name, index, sid: sid ?? undefined })));
  for (const override of facts.overrides) mergeInto(merged, composition(override, documents, visiting, involved));
  visiting.delete(name);
  return merged;
}

function mergeInto(merged: Entry[], statements: readonly Entry[]): void {
  for (const statement of statements) {
    const at = statement.sid ? merged.findIndex((entry) => entry.sid === statement.sid) : -1;
    if (at >= 0) merged[at] = statement;
    else merged.push(statement);
  }
}
