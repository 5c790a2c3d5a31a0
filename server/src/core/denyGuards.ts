import { EcrAction, grantedActions, Registry } from './actions';
import { ACCOUNT_KEYS, ARN_KEYS, ORGANIZATION_KEYS, ORGANIZATION_PATH_KEYS, SOURCE_KEYS } from './conditionKeys';
import { parseOperator } from './conditionOperators';
import { isNegatedOperator } from './conditions';
import { Admitted } from './grantees';
import { ConditionClause, PolicyDocument, PolicyStatement, PrincipalRef, Str } from './model';
import { ownVariable, variablesApply } from './policyVariables';
import { arnAccount, hasWildcard } from './principals';
import { ACCOUNT_ID, TrustList } from './trust';

/**
 * A Deny statement of the same policy that provably takes actions away from some callers. Conservative: a
 * Deny counts only when its resources are all (`*` or none), its actions are literals, and each condition is
 * a negated comparison with the team's own accounts or organisations (IAM User Guide, condition operators:
 * a negated operator is true when the key is absent, so callers without the key are denied too). It never
 * adds trust: it only removes what it denies.
 */
export interface DenyGuard {
  /**
   * The Deny statements it stands for, each with the names of the ECR actions it denies: statements that
   * deny the same callers are one guard, so a policy repeating a guard costs one check per grantee.
   */
  members: { statement: PolicyStatement; denied: ReadonlySet<string> }[];
  /** Names of the ECR actions its members deny together. */
  denied: ReadonlySet<string>;
  /** The whole accounts it names; undefined when it names everyone. */
  accounts?: ReadonlySet<string>;
  /** Whom it spares: nobody (no condition), callers in own accounts, or in own accounts and organisations. */
  spares: 'nobody' | 'own-accounts' | 'own-organizations';
  /** The own organisation a caller must be in to be spared, for the grantee it narrows to. */
  organization?: { id: string; own: boolean };
  /** Whether a service principal's call can escape it (a key services do not send, or aws:PrincipalIsAWSService false). */
  sparesServices: boolean;
  /** Whether an organisation is one of the team's own (the trust list's organizationIds). */
  ownOrganization: (id: string) => boolean;
}

interface Ownness {
  account(value: Str): boolean;
  organization(id: string): boolean;
}

export function denyGuards(document: PolicyDocument, registry: Registry, trust: TrustList | undefined): DenyGuard[] {
  const ownness: Ownness = {
    account: (value) => value.origin === 'own-account' || (value.origin === undefined && trust?.ownAccounts.has(value.value) === true),
    organization: (id) => trust?.organizationIds.has(id) === true,
  };
  const guards = new Map<string, DenyGuard>();
  for (const statement of document.statements) {
    if (statement.effect?.value !== 'Deny' || statement.principalKey === undefined) continue;
    const guard = guardOf(statement, registry, ownness, variablesApply(document.version));
    if (!guard) continue;
    const key = JSON.stringify([guard.accounts && [...guard.accounts].sort(), guard.spares, guard.sparesServices, guard.organization]);
    const same = guards.get(key);
    if (!same) guards.set(key, guard);
    else guards.set(key, { ...same, members: [...same.members, ...guard.members], denied: new Set([...same.denied, ...guard.denied]) });
  }
  return [...guards.values()];
}

function guardOf(statement: PolicyStatement, registry: Registry, ownness: Ownness, variables: boolean): DenyGuard | undefined {
  if (statement.resourceKey && (statement.notResource || !(statement.resources ?? []).every((resource) => resource.origin === undefined && resource.value === '*'))) return undefined;
  if (statement.actions.some((action) => action.origin !== undefined)) return undefined;
  const denied = new Set(grantedActions(statement.actions.map((action) => action.value), statement.notAction, registry).map((action) => action.name));
  if (denied.size === 0) return undefined;
  const whom = principalsOf(statement, ownness);
  if (!whom) return undefined;
  const spared = sparedBy(statement.conditions, ownness, variables);
  if (!spared) return undefined;
  const spares = whom.sparesOwn && spared.spares === 'nobody' ? 'own-accounts' : spared.spares;
  return { members: [{ statement, denied }], denied, ...(whom.accounts ? { accounts: whom.accounts } : {}), spares, ...spared.extra, ownOrganization: ownness.organization };
}

/** Everyone (a wildcard, or NotPrincipal listing only own accounts), or whole accounts by ID or root ARN. */
function principalsOf(statement: PolicyStatement, ownness: Ownness): { accounts?: Set<string>; sparesOwn: boolean } | undefined {
  if (statement.notPrincipal) {
    return statement.principals.length > 0 && statement.principals.every((principal) => ownAccountPrincipal(principal, ownness)) ? { sparesOwn: true } : undefined;
  }
  if (statement.principals.some((principal) => principal.value.origin === undefined && principal.value.value === '*' && (principal.kind === '*' || principal.kind === 'AWS'))) return { sparesOwn: false };
  const accounts = new Set(statement.principals.flatMap((principal) => wholeAccount(principal) ?? []));
  return accounts.size > 0 ? { accounts, sparesOwn: false } : undefined;
}

function ownAccountPrincipal(principal: PrincipalRef, ownness: Ownness): boolean {
  if (principal.kind !== 'AWS') return false;
  if (principal.value.origin === 'own-account') return true;
  const arn = arnAccount(principal.value.value);
  const account = arn ? arn.account : principal.value.value;
  return principal.value.origin === undefined && ownness.account({ ...principal.value, value: account });
}

/** The account a principal names as a whole (`123456789012`, `arn:aws:iam::123456789012:root`), not one role of it. */
function wholeAccount(principal: PrincipalRef): string | undefined {
  if (principal.kind !== 'AWS' || principal.value.origin !== undefined) return undefined;
  const value = principal.value.value;
  if (ACCOUNT_ID.test(value)) return value;
  const match = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):root$/.exec(value);
  return match?.[1];
}

type Spared = { spares: DenyGuard['spares']; extra: Pick<DenyGuard, 'organization' | 'sparesServices'> };

/** Whom the conditions let escape the Deny, or undefined when that cannot be proven to be the team's own. */
function sparedBy(clauses: readonly ConditionClause[], ownness: Ownness, variables: boolean): Spared | undefined {
  let spares: DenyGuard['spares'] = 'nobody';
  let organization: DenyGuard['organization'];
  let sparesServices = false;
  for (const clause of clauses) {
    if (exemptsServices(clause)) {
      sparesServices = true;
      continue;
    }
    const operator = parseOperator(clause.operator.value);
    if (operator.qualifier || !isNegatedOperator(clause.operator.value) || clause.values.length === 0) return undefined;
    const key = clause.key.value.toLowerCase();
    if (!SOURCE_KEYS.has(key)) sparesServices = true;
    const organizations = ORGANIZATION_KEYS.has(key) || ORGANIZATION_PATH_KEYS.has(key);
    for (const value of clause.values) {
      const own = ownValue(key, value, ownness, variables);
      if (!own) return undefined;
      if (own.organization) organization ??= own.organization;
    }
    spares = organizations ? 'own-organizations' : spares === 'own-organizations' ? spares : 'own-accounts';
  }
  return { spares, extra: { sparesServices, ...(organization ? { organization } : {}) } };
}

/** `Bool`/`BoolIfExists` aws:PrincipalIsAWSService "false": the Deny applies to every caller but services. */
function exemptsServices(clause: ConditionClause): boolean {
  const operator = parseOperator(clause.operator.value);
  return operator.base === 'Bool' && !operator.qualifier && clause.key.value.toLowerCase() === 'aws:principalisawsservice'
    && clause.values.length === 1 && clause.values[0].value.toLowerCase() === 'false';
}

function ownValue(key: string, value: Str, ownness: Ownness, variables: boolean): { organization?: { id: string; own: boolean } } | undefined {
  if (value.origin === 'unresolved') return undefined;
  if (variables && value.value.includes('${')) {
    const own = ownVariable(key, value.value);
    if (!own) return undefined;
    return own.kind === 'organization' ? { organization: { id: value.value, own: true } } : {};
  }
  if (ACCOUNT_KEYS.has(key)) return ownness.account(value) ? {} : undefined;
  if (ORGANIZATION_KEYS.has(key) || ORGANIZATION_PATH_KEYS.has(key)) {
    const id = value.value.split('/')[0];
    return !hasWildcard(id) && ownness.organization(id) ? { organization: { id, own: false } } : undefined;
  }
  if (ARN_KEYS.has(key)) {
    if (value.origin === 'own-account') return {};
    const arn = arnAccount(value.value);
    return arn && !hasWildcard(arn.account) && ownness.account({ ...value, value: arn.account }) ? {} : undefined;
  }
  return undefined;
}

/** What a guard does to a grantee: takes the actions away, narrows the grantee to an own organisation, or nothing. */
function effectOn(guard: DenyGuard, grantee: Admitted): 'lift' | 'narrow' | undefined {
  if (guard.accounts && !(grantee.kind === 'account' && guard.accounts.has(grantee.account))) return undefined;
  if (guard.spares === 'nobody') return 'lift';
  if ((grantee.kind === 'service' || grantee.throughService) && guard.sparesServices) return undefined;
  switch (grantee.kind) {
    case 'account': return guard.spares === 'own-accounts' ? 'lift' : undefined;
    // An account belongs to one organisation: one that is not the team's own has no caller left.
    case 'organization': return guard.spares === 'own-accounts' || !(grantee.own || guard.ownOrganization(grantee.organizationId)) ? 'lift' : undefined;
    default: return guard.spares === 'own-accounts' ? 'lift' : 'narrow';
  }
}

/** What a grantee keeps of `actions` after the guards, and the own organisation some of them narrow to. */
export function applyGuards(grantee: Admitted, actions: readonly EcrAction[], guards: readonly DenyGuard[]): { kept: readonly EcrAction[]; narrowed: EcrAction[]; organization: DenyGuard['organization']; guards: PolicyStatement[] } {
  let kept = actions;
  const narrowed: EcrAction[] = [];
  const used: PolicyStatement[] = [];
  let organization: DenyGuard['organization'];
  for (const guard of guards) {
    const effect = effectOn(guard, grantee);
    if (!effect) continue;
    if (!kept.some((action) => guard.denied.has(action.name))) continue;
    const hit = kept.filter((action) => guard.denied.has(action.name));
    if (effect === 'narrow') {
      narrowed.push(...hit);
      organization ??= guard.organization;
    }
    kept = hit.length === kept.length ? [] : kept.filter((action) => !guard.denied.has(action.name));
    for (const member of guard.members) if (hit.some((action) => member.denied.has(action.name))) used.push(member.statement);
  }
  return { kept, narrowed, organization, guards: used };
}
