import { PolicyDocument, Str } from '../../server/src/core/model';

/**
 * Compares the policies ECR Guard extracts from Terraform with the ones Terraform itself computes
 * (test/fixtures/terraform-eval/CASE/golden.json, written by scripts/terraform-golden.mjs from `terraform plan`).
 *
 * Both sides are brought to one canonical form that keeps what the statement model holds and drops what
 * is only spelling:
 * - the order of statements is kept (aws_iam_policy_document keeps block order, source documents first),
 * - within a statement, Principal / NotPrincipal become kind -> sorted unique values, Action / NotAction and
 *   each condition's values sorted unique lists, since aws_iam_policy_document writes its sets (identifiers,
 *   actions, condition values) in hash order and a single value as a string rather than a list of one,
 * - `"Principal": "*"` is kind `*` (what the model calls a bare wildcard), distinct from `{"AWS": "*"}`,
 * - case is kept everywhere; an empty Sid counts as none (aws_iam_policy_document leaves it out),
 * - Version and Resource are dropped: the model has neither.
 * A value ECR Guard could not compute becomes `<unresolved:TEXT>`, which equals nothing Terraform writes;
 * the caller's account ID becomes OWN_ACCOUNT on both sides (Terraform's is the STS stub's account).
 */

export const OWN_ACCOUNT = '<own-account>';
const ECR_POLICY_TYPES = ['aws_ecr_repository_policy', 'aws_ecr_registry_policy', 'aws_ecr_repository_creation_template', 'aws_ecrpublic_repository_policy'];
/** A Terraform address of an ECR policy resource instance, in the root module or a module instance. */
const ECR_POLICY_ADDRESS = new RegExp(`^(?:module\\.[\\w-]+(?:\\[[^\\]]*\\])?\\.)*(?:${ECR_POLICY_TYPES.join('|')})\\.[\\w-]+(?:\\[[^\\]]*\\])?$`);
const CALLER_REFERENCE = /\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}|^data\.aws_caller_identity\.[\w-]+\.account_id$/g;

export interface CanonicalStatement {
  Sid?: string;
  Effect?: string;
  Principal?: Record<string, string[]>;
  NotPrincipal?: Record<string, string[]>;
  Action?: string[];
  NotAction?: string[];
  Condition?: Record<string, Record<string, string[]>>;
}

export interface GoldenPolicy {
  address: string;
  type: string;
  attribute: string;
  /** Absent when `unknown`; null when the resource has no policy. */
  policy?: unknown;
  unknown?: true;
}

export interface GoldenCase {
  generatedBy: { terraform: string; aws: string };
  callerAccountId: string;
  policies: GoldenPolicy[];
}

/** A document ECR Guard extracted, and whether it came from the case's root folder. */
export interface ExtractedDocument {
  document: PolicyDocument;
  root: boolean;
}

export function isEcrPolicyAddress(address: string | undefined): boolean {
  return address !== undefined && ECR_POLICY_ADDRESS.test(address);
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : value === null || typeof value === 'object' ? `<non-scalar:${JSON.stringify(value)}>` : String(value);
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(scalarText) : [scalarText(value)];
}

function ownInJson(text: string, callerAccountId: string): string {
  return text.split(callerAccountId).join(OWN_ACCOUNT);
}

/** A policy as Terraform wrote it (parsed JSON), in canonical form. */
export function canonicalFromJson(policy: unknown, callerAccountId: string): CanonicalStatement[] {
  const statements = (policy as { Statement?: unknown } | null)?.Statement;
  const list = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
  const text = (value: unknown): string[] => stringsOf(value).map((item) => ownInJson(item, callerAccountId));
  const principal = (value: unknown): Record<string, string[]> => {
    if (value === '*') return { '*': ['*'] };
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { '<invalid>': text(value) };
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([kind, ids]) => [kind, sortedUnique(text(ids))]));
  };
  return list.map((raw: Record<string, unknown>) => {
    const statement: CanonicalStatement = {};
    if (raw.Sid !== undefined && raw.Sid !== '') statement.Sid = scalarText(raw.Sid);
    if (raw.Effect !== undefined) statement.Effect = scalarText(raw.Effect);
    if (raw.Principal !== undefined) statement.Principal = principal(raw.Principal);
    if (raw.NotPrincipal !== undefined) statement.NotPrincipal = principal(raw.NotPrincipal);
    if (raw.Action !== undefined) statement.Action = sortedUnique(text(raw.Action));
    if (raw.NotAction !== undefined) statement.NotAction = sortedUnique(text(raw.NotAction));
    if (raw.Condition !== undefined) {
      const condition: Record<string, Record<string, string[]>> = {};
      for (const [operator, keys] of Object.entries(raw.Condition as Record<string, Record<string, unknown>>)) {
        for (const [key, values] of Object.entries(keys ?? {})) (condition[operator] ??= {})[key] = sortedUnique([...(condition[operator]?.[key] ?? []), ...text(values)]);
      }
      statement.Condition = sortedRecord(condition);
    }
    return statement;
  });
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** A string of ECR Guard's model as the canonical form writes it. */
export function canonicalStr(str: Str): string {
  if (str.origin === 'unresolved') return `<unresolved:${str.value}>`;
  if (str.origin === 'own-account') return str.value.replace(CALLER_REFERENCE, OWN_ACCOUNT);
  return str.value;
}

/** A policy in ECR Guard's statement model, in canonical form. */
export function canonicalFromModel(document: PolicyDocument): CanonicalStatement[] {
  return document.statements.map((source) => {
    const statement: CanonicalStatement = {};
    if (source.sid && source.sid.value !== '') statement.Sid = canonicalStr(source.sid);
    if (source.effect) statement.Effect = canonicalStr(source.effect);
    if (source.principalKey || source.principals.length > 0) {
      const map: Record<string, string[]> = {};
      for (const principal of source.principals) (map[principal.kind] ??= []).push(canonicalStr(principal.value));
      const principals = sortedRecord(Object.fromEntries(Object.entries(map).map(([kind, ids]) => [kind, sortedUnique(ids)])));
      if (source.notPrincipal) statement.NotPrincipal = principals;
      else statement.Principal = principals;
    }
    if (source.actionKey || source.actions.length > 0) statement[source.notAction ? 'NotAction' : 'Action'] = sortedUnique(source.actions.map(canonicalStr));
    if (source.conditionKey || source.conditions.length > 0) {
      const condition: Record<string, Record<string, string[]>> = {};
      for (const clause of source.conditions) {
        const operator = canonicalStr(clause.operator);
        const key = canonicalStr(clause.key);
        (condition[operator] ??= {})[key] = sortedUnique([...(condition[operator]?.[key] ?? []), ...clause.values.map(canonicalStr)]);
      }
      statement.Condition = sortedRecord(condition);
    }
    return statement;
  });
}

function hasUnresolved(statements: readonly CanonicalStatement[]): boolean {
  return JSON.stringify(statements).includes('<unresolved:');
}

/**
 * How ECR Guard's deployed policies differ from Terraform's, one line each; none when they agree. A policy
 * is matched by its Terraform address (`aws_ecr_repository_policy.app["a"]`, `module.ecr.aws_ecr_repository_policy.this`):
 * - a known policy needs exactly one document of that address, canonically equal,
 * - a policy unknown at plan time needs exactly one document that admits not knowing (an unresolved value),
 * - a resource without a policy, and an address Terraform does not plan (count = 0), no document.
 * Documents of a module folder read on its own (no `module.` address) are not what Terraform planned there
 * and are passed over; a root folder's, or a `module.` address, that Terraform does not plan is a difference.
 */
export function compareWithGolden(golden: GoldenCase, extracted: readonly ExtractedDocument[]): string[] {
  const differences: string[] = [];
  const byAddress = new Map<string, PolicyDocument[]>();
  for (const { document } of extracted) {
    const address = document.provenance?.resource;
    if (isEcrPolicyAddress(address)) byAddress.set(address!, [...(byAddress.get(address!) ?? []), document]);
  }
  for (const entry of golden.policies) {
    const found = byAddress.get(entry.address) ?? [];
    if (entry.unknown || entry.policy === null) {
      const admits = entry.unknown && found.length === 1 && hasUnresolved(canonicalFromModel(found[0]));
      if (entry.unknown && !admits) differences.push(`${entry.address}: unknown at plan time, ECR Guard has ${found.length} document(s)${found.length === 1 ? ' with every value known' : ''}`);
      if (entry.policy === null && found.length > 0) differences.push(`${entry.address}: has no policy, ECR Guard has ${found.length} document(s)`);
      continue;
    }
    if (found.length !== 1) {
      differences.push(`${entry.address}: ECR Guard has ${found.length} document(s)`);
      continue;
    }
    const expected = JSON.stringify(canonicalFromJson(entry.policy, golden.callerAccountId));
    const actual = JSON.stringify(canonicalFromModel(found[0]));
    if (expected !== actual) differences.push(`${entry.address}:\n  terraform: ${expected}\n  ecr-guard: ${actual}`);
  }
  const planned = new Set(golden.policies.map((entry) => entry.address));
  for (const { document, root } of extracted) {
    const address = document.provenance?.resource;
    if (!isEcrPolicyAddress(address) || planned.has(address!)) continue;
    if (root || address!.startsWith('module.')) differences.push(`${address}: not planned by Terraform, ECR Guard has a document`);
  }
  return differences;
}
