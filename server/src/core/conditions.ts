import { ACCOUNT_KEYS, ARN_KEYS, ORGANIZATION_KEYS, ORGANIZATION_PATH_KEYS, SOURCE_KEYS, USER_ID_KEY } from './conditionKeys';
import { isKnownOperator, parseOperator } from './conditionOperators';
import { ConditionClause, PolicyStatement, Str } from './model';
import { ACCOUNT_ID } from './trust';
import { arnAccount, hasWildcard } from './principals';
import { ownVariable, variablesApply } from './policyVariables';

/**
 * Which conditions bind a caller to known accounts or organisations. Keys are case-insensitive, operator
 * names are not. A clause binds only when it is a positive string or ARN comparison that fails when the key
 * is absent, and every value it accepts pins an account, organisation, role or resource.
 */
const POSITIVE_OPERATORS = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnEquals', 'ArnLike']);
const NEGATED_OPERATORS = new Set(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike']);
/** Operators whose values may hold `*` and `?`: ArnEquals and ArnLike "behave identically" (IAM User Guide). */
const WILDCARD_OPERATORS = new Set(['StringLike', 'ArnEquals', 'ArnLike']);
/** Unique IDs of IAM users and roles (IAM User Guide, "IAM identifiers": AIDA user, AROA role). */
const UNIQUE_ID = /^A(?:IDA|ROA)[A-Z0-9]{8,}$/;

export function isBindingKey(key: string): boolean {
  const lower = key.toLowerCase();
  return ORGANIZATION_KEYS.has(lower) || ORGANIZATION_PATH_KEYS.has(lower) || ACCOUNT_KEYS.has(lower) || ARN_KEYS.has(lower) || lower === USER_ID_KEY;
}

/** Whether a calling service passes this key (aws:SourceAccount, aws:SourceArn, ...), so it can bind a service principal. */
export function isSourceKey(key: string): boolean {
  return SOURCE_KEYS.has(key.toLowerCase());
}

export function isNegatedOperator(operator: string): boolean {
  return NEGATED_OPERATORS.has(parseOperator(operator).base);
}

/** An account, organisation or resource that a binding condition admits; `value` is the string naming it. */
export type Binding =
  | { kind: 'account'; account: string; value: Str; clause: ConditionClause }
  | { kind: 'organization'; organizationId: string; value: Str; clause: ConditionClause }
  /** The repository owner's organisation (`${aws:ResourceOrgID}`): the team's own, whatever its ID. */
  | { kind: 'own-organization'; value: Str; clause: ConditionClause }
  | { kind: 'resource'; value: Str; clause: ConditionClause }
  /** One IAM user or role by its unique ID (aws:userid): not public, but its account cannot be read from the policy. */
  | { kind: 'unique-id'; id: string; value: Str; clause: ConditionClause }
  | { kind: 'own'; value: Str; clause: ConditionClause }
  /** A value no caller can have (`${...}` taken literally under an old Version, an operator IAM rejects). */
  | { kind: 'nobody'; value: Str; clause: ConditionClause; reason: string }
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

/** The verdict on a statement without conditions; shared, so it must never be changed. */
const NO_CONDITIONS: ConditionVerdict = Object.freeze({ bindings: Object.freeze([]) as unknown as Binding[], weak: Object.freeze([]) as unknown as WeakCondition[] });

/** `version`: the document's Version, which decides whether `${...}` is a policy variable or literal text. */
export function analyzeConditions(statement: PolicyStatement, version?: string): ConditionVerdict {
  if (statement.conditions.length === 0) return NO_CONDITIONS;
  const verdict: ConditionVerdict = { bindings: [], weak: [] };
  const variables = variablesApply(version);
  for (const clause of statement.conditions) {
    // IAM rejects an operator it does not know, so the statement grants nothing as written (invalid-policy says why).
    if (clause.operator.origin === undefined && !isKnownOperator(clause.operator.value)) {
      verdict.bindings.push({ kind: 'nobody', value: clause.operator, clause, reason: `"${clause.operator.value}" is not an IAM condition operator, so AWS rejects the policy.` });
      continue;
    }
    if (!isBindingKey(clause.key.value)) continue;
    const weak = weakness(clause, variables);
    if (weak) {
      verdict.weak.push({ clause, ...weak });
      continue;
    }
    for (const value of clause.values) verdict.bindings.push(bindingOf(clause, value, variables));
  }
  return verdict;
}

function weakness(clause: ConditionClause, variables: boolean): { kind: WeaknessKind; reason: string } | undefined {
  const operator = parseOperator(clause.operator.value);
  const text = `${clause.operator.value} on ${clause.key.value}`;
  if (NEGATED_OPERATORS.has(operator.base)) return { kind: 'negated', reason: `${text} is negated: it says who may not call, so everyone else still may.` };
  if (!POSITIVE_OPERATORS.has(operator.base)) return { kind: 'not-a-comparison', reason: `${text} does not compare the caller's account or organisation with a fixed value.` };
  if (operator.ifExists) return { kind: 'if-exists', reason: `${text} passes when the key is absent from the request, so it does not bind the caller.` };
  if (operator.qualifier === 'ForAllValues') return { kind: 'for-all-values', reason: `${text} passes when the key is absent (ForAllValues: on an empty set is true), so it does not bind the caller.` };
  if (clause.values.length === 0) return { kind: 'no-values', reason: `${text} lists no values.` };
  for (const value of clause.values) {
    if (value.origin !== undefined) continue;
    // Callers that do not sign their request have the user ID "anonymous" (IAM User Guide, aws:userid).
    if (clause.key.value.toLowerCase() === USER_ID_KEY && value.value.toLowerCase() === 'anonymous') {
      return { kind: 'wildcard', reason: `${text} admits "anonymous": callers who do not sign their requests.` };
    }
    if (variables && value.value.includes('${') && !ownVariable(clause.key.value, value.value)) {
      return { kind: 'policy-variable', reason: `${text} compares with "${value.value}", a policy variable that follows the caller, so it does not pin an account.` };
    }
    if (WILDCARD_OPERATORS.has(operator.base) && wildcardInIdentity(clause.key.value, variables ? ownVariable(clause.key.value, value.value)?.text ?? value.value : value.value, operator.base.startsWith('Arn'))) {
      return { kind: 'wildcard', reason: `${text} matches "${value.value}", a wildcard in the account or organisation part, so it admits accounts you do not know.` };
    }
  }
  return undefined;
}

/**
 * Whether a wildcard pattern leaves the account, organisation or user open; wildcards after it (role/*) are
 * fine. ARN operators match an ARN field by field, so a wildcard in the region or service field still pins
 * the account; StringLike's `*` also matches colons, so any wildcard up to the account field opens it.
 */
function wildcardInIdentity(key: string, value: string, fieldwise: boolean): boolean {
  const lower = key.toLowerCase();
  if (ARN_KEYS.has(lower)) {
    const arn = arnAccount(value.toLowerCase());
    if (!arn) return hasWildcard(value);
    if (arn.account === '') return hasWildcard(value);
    return fieldwise ? hasWildcard(arn.account) : hasWildcard(value.split(':').slice(0, 5).join(':'));
  }
  if (ORGANIZATION_PATH_KEYS.has(lower)) return hasWildcard(value.split('/')[0]);
  // A user ID is `AROA...:session` for a role: the part before the colon names the role or account.
  if (lower === USER_ID_KEY) return hasWildcard(value.split(':')[0]);
  return hasWildcard(value);
}

function bindingOf(clause: ConditionClause, value: Str, variables: boolean): Binding {
  if (value.origin === 'own-account') return { kind: 'own', value, clause };
  const lower = clause.key.value.toLowerCase();
  if (value.origin === 'unresolved') return { kind: 'unresolved', value, clause, pinsAccount: ACCOUNT_KEYS.has(lower) || ARN_KEYS.has(lower) };
  if (value.value.includes('${')) {
    const own = variables ? ownVariable(clause.key.value, value.value) : undefined;
    if (own) return own.kind === 'account' ? { kind: 'own', value, clause } : { kind: 'own-organization', value, clause };
    return { kind: 'nobody', value, clause, reason: `"${value.value}" is compared as literal text (policy variables need "Version": "2012-10-17"), so no caller matches it.` };
  }
  // An IgnoreCase comparison admits every spelling, so read the identity as AWS spells it: lowercase.
  const text = parseOperator(clause.operator.value).base.endsWith('IgnoreCase') ? value.value.toLowerCase() : value.value;
  if (ORGANIZATION_KEYS.has(lower)) return { kind: 'organization', organizationId: text, value, clause };
  if (ORGANIZATION_PATH_KEYS.has(lower)) return { kind: 'organization', organizationId: text.split('/')[0], value, clause };
  if (ACCOUNT_KEYS.has(lower)) return { kind: 'account', account: text, value, clause };
  if (lower === USER_ID_KEY) return userIdBinding(clause, value, text);
  const arn = arnAccount(text);
  return arn && arn.account !== '' ? { kind: 'account', account: arn.account, value, clause } : { kind: 'resource', value, clause };
}

/**
 * aws:userid is `ACCOUNT:name` for federated users, the account for its root user, and a unique ID for IAM
 * users (AIDA...) and role sessions (AROA...:session). A unique ID names one principal but not its account.
 */
function userIdBinding(clause: ConditionClause, value: Str, text: string): Binding {
  const head = text.split(':')[0];
  if (ACCOUNT_ID.test(head)) return { kind: 'account', account: head, value, clause };
  if (UNIQUE_ID.test(head)) return { kind: 'unique-id', id: head, value, clause };
  return { kind: 'resource', value, clause };
}
