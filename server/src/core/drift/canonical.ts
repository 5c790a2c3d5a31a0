import { ECR_ACTIONS, ECR_PUBLIC_ACTIONS } from '../actions';
import { PolicyDocument, PolicyStatement, Str } from '../model';

/**
 * A policy in a form where what IAM treats as the same reads the same, so a deployed policy and its
 * definition in the workspace compare as text: statements in a fixed order; actions in the catalogue's
 * spelling, others lower case (IAM action names are case-insensitive), sorted and without repeats; every single value a list; condition keys lower
 * case (they are case-insensitive; operators and values are not); an empty Sid as none; an account ID
 * principal as its root ARN
 * ("The account ARN and the shortened account ID behave the same way"); no `Version` as IAM's default,
 * 2008-10-17. `"*"` and `{"AWS": "*"}` stay apart: IAM gives the first to anyone, even unsigned callers, the
 * second to signed-in principals of any account. Sources: IAM User Guide, "IAM JSON policy elements"
 * (Version, Principal, Action, Condition); docs/aws-ecr-policy-facts.md, "Deployed policies".
 */
export interface CanonicalOptions {
  /** The account the policy is deployed in: what the IaC's caller-identity account (`own-account`) stands for. */
  account?: string;
  /** The partition of root ARNs an account ID is rewritten to (`aws`). */
  partition?: string;
}

/** IAM's Version when a policy gives none. */
const DEFAULT_VERSION = '2008-10-17';
const ACCOUNT_ID = /^\d{12}$/;
// What Terraform and CloudFormation write for the caller's account until it is known.
const OWN_ACCOUNT_PLACEHOLDER = /\$\{[^}]*\}/g;

/** Why the document cannot be compared (a value not known until deployment), or undefined when it can. */
export function unknownValue(document: PolicyDocument, options: CanonicalOptions = {}): string | undefined {
  for (const statement of document.statements) {
    for (const item of strsOf(statement)) {
      if (item.origin === 'unresolved') return item.value;
      if (item.origin === 'own-account' && ownValue(item, options) === undefined) return item.value;
    }
  }
  return undefined;
}

/** The canonical policy as JSON text, two-space indented: what the editor's diff shows for either side. */
export function canonicalPolicyText(document: PolicyDocument, options: CanonicalOptions = {}): string {
  return `${JSON.stringify(canonicalPolicy(document, options), null, 2)}\n`;
}

/** The canonical policy as a value. */
export function canonicalPolicy(document: PolicyDocument, options: CanonicalOptions = {}): { Version: string; Statement: Record<string, unknown>[] } {
  const statements = document.statements.map((statement) => canonicalStatement(statement, options));
  const keyed = statements.map((statement) => [JSON.stringify(statement), statement] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { Version: document.version ?? DEFAULT_VERSION, Statement: keyed.map(([, statement]) => statement) };
}

/** One canonical statement, its keys in a fixed order. */
export function canonicalStatement(statement: PolicyStatement, options: CanonicalOptions = {}): Record<string, unknown> {
  const value = (item: Str): string => (item.origin === 'own-account' ? ownValue(item, options) ?? item.value : item.value);
  const out: Record<string, unknown> = {};
  // An empty Sid names nothing; the AWS provider before v5 wrote one for every statement without a Sid.
  if (statement.sid && value(statement.sid) !== '') out.Sid = value(statement.sid);
  if (statement.effect) out.Effect = value(statement.effect);
  if (statement.principalKey || statement.principals.length > 0) out[statement.notPrincipal ? 'NotPrincipal' : 'Principal'] = principals(statement, value, options.partition ?? 'aws');
  if (statement.actionKey || statement.actions.length > 0) out[statement.notAction ? 'NotAction' : 'Action'] = sortedSet(statement.actions.map((action) => actionSpelling(value(action))));
  if (statement.resourceKey || (statement.resources?.length ?? 0) > 0) out[statement.notResource ? 'NotResource' : 'Resource'] = sortedSet((statement.resources ?? []).map(value));
  if (statement.conditionKey || statement.conditions.length > 0) out.Condition = conditions(statement, value);
  return out;
}

function principals(statement: PolicyStatement, value: (item: Str) => string, partition: string): Record<string, string[]> | string {
  if (statement.principals.some((principal) => principal.kind === '*')) return '*';
  const byKind = new Map<string, string[]>();
  for (const principal of statement.principals) {
    const { kind } = principal;
    let text = value(principal.value);
    if (kind === 'AWS' && ACCOUNT_ID.test(text)) text = `arn:${partition}:iam::${text}:root`;
    byKind.set(kind, [...(byKind.get(kind) ?? []), text]);
  }
  return Object.fromEntries([...byKind.keys()].sort().map((kind) => [kind, sortedSet(byKind.get(kind) ?? [])]));
}

function conditions(statement: PolicyStatement, value: (item: Str) => string): Record<string, Record<string, string[]>> {
  const byOperator = new Map<string, Map<string, string[]>>();
  for (const clause of statement.conditions) {
    const operator = value(clause.operator);
    const keys = byOperator.get(operator) ?? new Map<string, string[]>();
    const key = value(clause.key).toLowerCase();
    keys.set(key, [...(keys.get(key) ?? []), ...clause.values.map(value)]);
    byOperator.set(operator, keys);
  }
  return Object.fromEntries([...byOperator.keys()].sort().map((operator) => {
    const keys = byOperator.get(operator) ?? new Map<string, string[]>();
    return [operator, Object.fromEntries([...keys.keys()].sort().map((key) => [key, sortedSet(keys.get(key) ?? [])]))];
  }));
}

/** A value built on the caller's account, with the deployed account put in; undefined when that is not known. */
function ownValue(item: Str, options: CanonicalOptions): string | undefined {
  if (options.account === undefined || !item.value.includes('${')) return undefined;
  return item.value.replace(OWN_ACCOUNT_PLACEHOLDER, options.account);
}

function strsOf(statement: PolicyStatement): Str[] {
  const items: Str[] = [];
  if (statement.sid) items.push(statement.sid);
  if (statement.effect) items.push(statement.effect);
  for (const principal of statement.principals) items.push(principal.value);
  items.push(...statement.actions, ...(statement.resources ?? []));
  for (const clause of statement.conditions) items.push(clause.operator, clause.key, ...clause.values);
  return items;
}

/** Catalogued ECR actions by lower-case name: `ECR:batchgetimage` reads `ecr:BatchGetImage`. */
const SPELLING = new Map([...ECR_ACTIONS, ...ECR_PUBLIC_ACTIONS].map((action) => [action.name.toLowerCase(), action.name]));

function actionSpelling(action: string): string {
  const lower = action.toLowerCase();
  return SPELLING.get(lower) ?? lower;
}

function sortedSet(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
