import { ConditionClause, PolicyStatement, Str } from './model';
import { arnAccount, hasWildcard } from './principals';

/**
 * Which conditions bind a caller to known accounts or organisations. Keys are case-insensitive, operator
 * names are not. A clause binds only when it is a positive string or ARN comparison that fails when the key
 * is absent, and every value it accepts pins an account, organisation or resource.
 */
const ORGANIZATION_KEYS = new Set(['aws:principalorgid', 'aws:sourceorgid']);
const ORGANIZATION_PATH_KEYS = new Set(['aws:principalorgpaths', 'aws:sourceorgpaths']);
const ACCOUNT_KEYS = new Set(['aws:principalaccount', 'aws:sourceaccount', 'aws:sourceowner']);
const ARN_KEYS = new Set(['aws:principalarn', 'aws:sourcearn']);

const POSITIVE_OPERATORS = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnEquals', 'ArnLike']);
const NEGATED_OPERATORS = new Set(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike']);
const LIKE_OPERATORS = new Set(['StringLike', 'ArnLike']);

export function isBindingKey(key: string): boolean {
  const lower = key.toLowerCase();
  return ORGANIZATION_KEYS.has(lower) || ORGANIZATION_PATH_KEYS.has(lower) || ACCOUNT_KEYS.has(lower) || ARN_KEYS.has(lower);
}

/** An account, organisation or resource that a binding condition admits; `value` is the string naming it. */
export type Binding =
  | { kind: 'account'; account: string; value: Str; clause: ConditionClause }
  | { kind: 'organization'; organizationId: string; value: Str; clause: ConditionClause }
  | { kind: 'resource'; value: Str; clause: ConditionClause }
  | { kind: 'own'; value: Str; clause: ConditionClause }
  /** Not a literal; `pinsAccount` when the key names one account (it may well be the team's own). */
  | { kind: 'unresolved'; value: Str; clause: ConditionClause; pinsAccount: boolean };

/** Why a clause on a binding key does not bind; the fixable kinds are weak spellings of a real binding. */
export type WeaknessKind = 'negated' | 'not-a-comparison' | 'if-exists' | 'for-all-values' | 'no-values' | 'policy-variable' | 'wildcard';

/** A clause on a binding key that does not bind, with the reason in words a user can act on. */
export interface WeakCondition {
  clause: ConditionClause;
  kind: WeaknessKind;
  reason: string;
}

export interface ConditionVerdict {
  bindings: Binding[];
  weak: WeakCondition[];
}

interface ParsedOperator {
  qualifier?: 'ForAllValues' | 'ForAnyValue';
  base: string;
  ifExists: boolean;
}

function parseOperator(operator: string): ParsedOperator {
  let rest = operator;
  let qualifier: ParsedOperator['qualifier'];
  for (const prefix of ['ForAllValues', 'ForAnyValue'] as const) {
    if (rest.startsWith(`${prefix}:`)) {
      qualifier = prefix;
      rest = rest.slice(prefix.length + 1);
    }
  }
  const ifExists = rest.endsWith('IfExists');
  return { qualifier, base: ifExists ? rest.slice(0, -'IfExists'.length) : rest, ifExists };
}

/** The verdict on a statement without conditions; shared, so it must never be changed. */
const NO_CONDITIONS: ConditionVerdict = Object.freeze({ bindings: Object.freeze([]) as unknown as Binding[], weak: Object.freeze([]) as unknown as WeakCondition[] });

export function analyzeConditions(statement: PolicyStatement): ConditionVerdict {
  if (statement.conditions.length === 0) return NO_CONDITIONS;
  const verdict: ConditionVerdict = { bindings: [], weak: [] };
  for (const clause of statement.conditions) {
    if (!isBindingKey(clause.key.value)) continue;
    const weak = weakness(clause);
    if (weak) {
      verdict.weak.push({ clause, ...weak });
      continue;
    }
    verdict.bindings.push(...clause.values.map((value) => bindingOf(clause, value)));
  }
  return verdict;
}

function weakness(clause: ConditionClause): { kind: WeaknessKind; reason: string } | undefined {
  const operator = parseOperator(clause.operator.value);
  const text = `${clause.operator.value} on ${clause.key.value}`;
  if (NEGATED_OPERATORS.has(operator.base)) return { kind: 'negated', reason: `${text} is negated: it says who may not call, so everyone else still may.` };
  if (!POSITIVE_OPERATORS.has(operator.base)) return { kind: 'not-a-comparison', reason: `${text} does not compare the caller's account or organisation with a fixed value.` };
  if (operator.ifExists) return { kind: 'if-exists', reason: `${text} passes when the key is absent from the request, so it does not bind the caller.` };
  if (operator.qualifier === 'ForAllValues') return { kind: 'for-all-values', reason: `${text} passes when the key is absent (ForAllValues: on an empty set is true), so it does not bind the caller.` };
  if (clause.values.length === 0) return { kind: 'no-values', reason: `${text} lists no values.` };
  const variable = clause.values.find((value) => value.origin === undefined && value.value.includes('${'));
  if (variable) return { kind: 'policy-variable', reason: `${text} compares with "${variable.value}", a policy variable that follows the caller, so it does not pin an account.` };
  if (LIKE_OPERATORS.has(operator.base)) {
    const loose = clause.values.find((value) => value.origin === undefined && wildcardInIdentity(clause.key.value, value.value, operator.base === 'ArnLike'));
    if (loose) return { kind: 'wildcard', reason: `${text} matches "${loose.value}", a wildcard in the account or organisation part, so it admits accounts you do not know.` };
  }
  return undefined;
}

/**
 * Whether a Like pattern leaves the account or organisation open; wildcards after it (role/*) are fine.
 * ArnLike matches an ARN field by field, so a wildcard in the region or service field still pins the
 * account; StringLike's `*` also matches colons, so any wildcard up to the account field opens it.
 */
function wildcardInIdentity(key: string, value: string, fieldwise: boolean): boolean {
  const lower = key.toLowerCase();
  if (ARN_KEYS.has(lower)) {
    const arn = arnAccount(value.toLowerCase());
    if (!arn) return true;
    if (arn.account === '') return hasWildcard(value);
    return fieldwise ? hasWildcard(arn.account) : hasWildcard(value.split(':').slice(0, 5).join(':'));
  }
  if (ORGANIZATION_PATH_KEYS.has(lower)) return hasWildcard(value.split('/')[0]);
  return hasWildcard(value);
}

function bindingOf(clause: ConditionClause, value: Str): Binding {
  if (value.origin === 'own-account') return { kind: 'own', value, clause };
  const lower = clause.key.value.toLowerCase();
  if (value.origin === 'unresolved') return { kind: 'unresolved', value, clause, pinsAccount: ACCOUNT_KEYS.has(lower) || ARN_KEYS.has(lower) };
  // An IgnoreCase comparison admits every spelling, so read the identity as AWS spells it: lowercase.
  const text = parseOperator(clause.operator.value).base.endsWith('IgnoreCase') ? value.value.toLowerCase() : value.value;
  if (ORGANIZATION_KEYS.has(lower)) return { kind: 'organization', organizationId: text, value, clause };
  if (ORGANIZATION_PATH_KEYS.has(lower)) return { kind: 'organization', organizationId: text.split('/')[0], value, clause };
  if (ACCOUNT_KEYS.has(lower)) return { kind: 'account', account: text, value, clause };
  const arn = arnAccount(text);
  return arn && arn.account !== '' ? { kind: 'account', account: arn.account, value, clause } : { kind: 'resource', value, clause };
}
