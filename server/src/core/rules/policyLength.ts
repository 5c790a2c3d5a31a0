import { Finding, PolicyDocument, PolicyStatement, Str } from '../model';
import { statementFinding } from './context';
import { anchorOf, shapeKnown } from './invalidStatement';

/** SetRepositoryPolicy, PutRegistryPolicy and ECR Public's SetRepositoryPolicy: policyText "Maximum length of 10240". */
export const POLICY_TEXT_LIMIT = 10_240;

/**
 * A policy longer than ECR accepts. A JSON policy file is sent as written (`file://`), so its text counts;
 * a policy Terraform builds is sent as compact JSON, of which the model holds a lower bound (its literal
 * values). CloudFormation's model holds both branches of every `Fn::If`, so it gives no lower bound and is
 * not judged.
 */
export function policyTooLong(document: PolicyDocument, documentIndex: number): Finding[] {
  const first = document.statements[0];
  const source = document.provenance?.source ?? 'json';
  if (!first || source === 'cloudformation') return [];
  const written = source === 'json' && document.syntax.kind === 'json' ? document.syntax.span.length : undefined;
  const length = written ?? renderedLength(document.statements);
  if (length <= POLICY_TEXT_LIMIT) return [];
  const size = `${written === undefined ? 'at least ' : ''}${length.toLocaleString('en-US')} characters`;
  return [statementFinding(documentIndex, first, 'invalid-policy', anchorOf(first), `The policy is ${size}; ECR accepts at most 10,240.`)];
}

/** The length of the compact JSON of what the model knows for sure; values it cannot compute count nothing. */
export function renderedLength(statements: readonly PolicyStatement[]): number {
  const rendered = statements.filter(shapeKnown).map((statement) => {
    const entry: Record<string, unknown> = {};
    const sid = literal(statement.sid);
    if (sid !== undefined) entry.Sid = sid;
    const effect = literal(statement.effect);
    if (effect !== undefined) entry.Effect = effect;
    const principal = principalOf(statement);
    if (principal !== undefined) entry[statement.notPrincipal ? 'NotPrincipal' : 'Principal'] = principal;
    const actions = compact(statement.actions);
    if (actions !== undefined) entry[statement.notAction ? 'NotAction' : 'Action'] = actions;
    const conditions = conditionOf(statement);
    if (conditions !== undefined) entry.Condition = conditions;
    return entry;
  });
  return sizeOf({ Statement: rendered });
}

/** A number or boolean the model keeps as text: JSON may have written it without quotes. */
const BARE = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false)$/;

/** The compact JSON length, counting a value that may have been a number or boolean without its quotes. */
function sizeOf(value: unknown): number {
  if (typeof value === 'string') return BARE.test(value) ? value.length : JSON.stringify(value).length;
  if (Array.isArray(value)) return 1 + value.reduce((total: number, item) => total + sizeOf(item) + 1, 0) + (value.length === 0 ? 1 : 0);
  const entries = Object.entries(value as Record<string, unknown>);
  return 1 + entries.reduce((total, [key, item]) => total + JSON.stringify(key).length + 1 + sizeOf(item) + 1, 0) + (entries.length === 0 ? 1 : 0);
}

function principalOf(statement: PolicyStatement): unknown {
  const byKind = new Map<string, Str[]>();
  for (const principal of statement.principals) {
    if (principal.kind === '*' && principal.value.value === '*' && principal.value.origin === undefined) return '*';
    byKind.set(principal.kind, [...(byKind.get(principal.kind) ?? []), principal.value]);
  }
  const map: Record<string, unknown> = {};
  for (const [kind, values] of byKind) {
    const rendered = compact(values);
    if (rendered !== undefined && kind !== '*') map[kind] = rendered;
  }
  return Object.keys(map).length > 0 ? map : undefined;
}

function conditionOf(statement: PolicyStatement): unknown {
  const operators: Record<string, Record<string, unknown>> = {};
  for (const clause of statement.conditions) {
    const operator = literal(clause.operator);
    const key = literal(clause.key);
    const values = compact(clause.values);
    if (operator === undefined || key === undefined || values === undefined) continue;
    (operators[operator] ??= {})[key] = values;
  }
  return Object.keys(operators).length > 0 ? operators : undefined;
}

/** One literal as a string, several as a list (the shorter form JSON allows); none: nothing to count. */
function compact(items: readonly Str[]): unknown {
  // Terraform's principals and actions are sets: a value written twice is sent once.
  const values = [...new Set(items.flatMap((item) => literal(item) ?? []))];
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : values;
}

function literal(item: Str | undefined): string | undefined {
  return item && item.origin !== 'unresolved' ? item.value : undefined;
}
