import type { Node } from 'web-tree-sitter';
import { literalStrings, ModuleScope } from './resolve';
import { attributesOf, blocksOf, configBody, HclBlock } from './syntax';
import { HclValue, valueOf } from './values';

/** What one .tf file contributes to its module: the facts other files of the folder may depend on. */
export interface TerraformFileSummary {
  locals: Map<string, string[] | undefined>;
  variables: Map<string, string[] | undefined>;
  /** aws_iam_policy_document names that ECR policy resources of this file use as their policy. */
  ecrReferences: Set<string>;
  /** For each policy document, the documents it merges (source_policy_documents, override_policy_documents). */
  documentSources: Map<string, string[]>;
  /** Policy documents and ECR policy resources in the file: zero means there is nothing to extract. */
  policyBlocks: number;
  hasErrors: boolean;
}

export interface TerraformModuleContext {
  scope: ModuleScope;
  /** Policy documents an ECR policy resource of the module uses, directly or through merged documents. */
  ecrDocuments: ReadonlySet<string>;
  /** Equal for equal contexts: what extraction results cached per block are keyed by. */
  signature: string;
}

export const ECR_POLICY_RESOURCES = new Set(['aws_ecr_repository_policy', 'aws_ecr_registry_policy']);
export const POLICY_DOCUMENT = 'aws_iam_policy_document';
// `.json` or `.minified_json`, also of a document made with count or for_each (`NAME[0]`, `NAME["a"]`).
const DOCUMENT_REFERENCE = /^data\.aws_iam_policy_document\.([A-Za-z_][\w-]*)(?:\[[^\]]*\])?\.(?:minified_)?json$/;

export function documentReference(value: HclValue): string | undefined {
  return value.kind === 'reference' ? DOCUMENT_REFERENCE.exec(value.text)?.[1] : undefined;
}

export function emptySummary(hasErrors = false): TerraformFileSummary {
  return { locals: new Map(), variables: new Map(), ecrReferences: new Set(), documentSources: new Map(), policyBlocks: 0, hasErrors };
}

export function summarizeTerraform(root: Node): TerraformFileSummary {
  const summary = emptySummary(root.hasError);
  for (const block of blocksOf(configBody(root))) summarizeInto(block, summary);
  return summary;
}

/** Adds one top-level block's contribution to a summary. */
export function summarizeInto(block: HclBlock, summary: TerraformFileSummary): void {
  try {
    summarizeBlock(block, summary);
  } catch {
    // Pathologically deep expressions overflow the stack; they define nothing a policy could use. Any other
    // failure on hostile text likewise costs this block's contribution only.
  }
}

/** Merges per-block summaries into the file's. */
export function mergeSummaries(parts: readonly TerraformFileSummary[], hasErrors: boolean): TerraformFileSummary {
  const summary = emptySummary(hasErrors);
  for (const part of parts) {
    for (const [name, value] of part.locals) summary.locals.set(name, value);
    for (const [name, value] of part.variables) summary.variables.set(name, value);
    for (const name of part.ecrReferences) summary.ecrReferences.add(name);
    for (const [name, value] of part.documentSources) summary.documentSources.set(name, value);
    summary.policyBlocks += part.policyBlocks;
  }
  return summary;
}

function summarizeBlock(block: HclBlock, summary: TerraformFileSummary): void {
  if (block.type === 'locals') {
    for (const [name, expression] of attributesOf(block.body)) summary.locals.set(name, literalStrings(valueOf(expression)));
  } else if (block.type === 'variable' && block.labels[0]) {
    const fallback = attributesOf(block.body).get('default');
    summary.variables.set(block.labels[0], fallback ? literalStrings(valueOf(fallback)) : undefined);
  } else if (block.type === 'resource' && ECR_POLICY_RESOURCES.has(block.labels[0])) {
    summary.policyBlocks++;
    const policy = attributesOf(block.body).get('policy');
    const name = policy && documentReference(valueOf(policy));
    if (name) summary.ecrReferences.add(name);
  } else if (block.type === 'data' && block.labels[0] === POLICY_DOCUMENT && block.labels[1]) {
    summary.policyBlocks++;
    summary.documentSources.set(block.labels[1], mergedDocuments(block.body));
  }
}

function mergedDocuments(body: Node | undefined): string[] {
  const attributes = attributesOf(body);
  return ['source_policy_documents', 'override_policy_documents'].flatMap((name) => {
    const expression = attributes.get(name);
    const value = expression && valueOf(expression);
    const items = value?.kind === 'list' ? value.items : value ? [value] : [];
    return items.flatMap((item) => documentReference(item) ?? []);
  });
}

/** Merges the summaries of a folder's files; a name defined twice keeps the first (Terraform rejects it anyway). */
export function moduleContext(summaries: readonly TerraformFileSummary[]): TerraformModuleContext {
  const locals = new Map<string, string[] | undefined>();
  const variables = new Map<string, string[] | undefined>();
  const sources = new Map<string, string[]>();
  const pending: string[] = [];
  for (const summary of summaries) {
    for (const [name, value] of summary.locals) if (!locals.has(name)) locals.set(name, value);
    for (const [name, value] of summary.variables) if (!variables.has(name)) variables.set(name, value);
    for (const [name, merged] of summary.documentSources) sources.set(name, [...(sources.get(name) ?? []), ...merged]);
    pending.push(...summary.ecrReferences);
  }
  const ecrDocuments = new Set<string>();
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (ecrDocuments.has(name)) continue;
    ecrDocuments.add(name);
    pending.push(...(sources.get(name) ?? []));
  }
  const signature = JSON.stringify([[...locals].sort(), [...variables].sort(), [...ecrDocuments].sort()]);
  return { scope: { locals, variables }, ecrDocuments, signature };
}
