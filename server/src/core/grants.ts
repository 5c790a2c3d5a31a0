import { EcrAction, grantedActions, Registry, touchesEcr } from './actions';
import { analyzeConditions, ConditionVerdict } from './conditions';
import { PolicyDocument, PolicyStatement, Str } from './model';
import { isolated } from './isolate';
import { NamedPrincipal, namedPrincipals } from './principals';
import { registryOf } from './registryOf';

/** Someone a statement lets in, after conditions narrowed any wildcard. */
export type Grantee =
  | { kind: 'account'; account: string; source: Str }
  | { kind: 'organization'; organizationId: string; source: Str }
  /** A wildcard bound only to a resource (aws:SourceArn of a bucket): not public, but no account to check. */
  | { kind: 'resource'; source: Str }
  | { kind: 'public'; source: Str };

/** Everything the rules ask of one statement, computed once. */
export interface StatementFacts {
  documentIndex: number;
  statement: PolicyStatement;
  named: NamedPrincipal[];
  conditions: ConditionVerdict;
  /** Which ECR the policy governs: a public repository's policy grants `ecr-public:` actions. */
  registry: Registry;
  /** The ECR actions the statement grants (NotAction already complemented), of `registry`'s catalogue. */
  actions: readonly EcrAction[];
  /** Who may call: explicit accounts, and wildcards replaced by what their conditions bind them to. */
  grantees: Grantee[];
}

export function isAllow(statement: PolicyStatement): boolean {
  // IAM's Effect is case-sensitive and has no default; a statement without "Allow" grants nothing.
  return statement.effect?.value === 'Allow';
}

export function statementTouchesEcr(statement: PolicyStatement, document: PolicyDocument, registry: Registry = registryOf(document)): boolean {
  if (statement.notAction) return true;
  // A plain loop: this runs for every statement of every file of a workspace scan.
  for (const action of statement.actions) {
    if (action.origin === 'unresolved' ? document.ecrRelevant === true : touchesEcr(action.value, registry)) return true;
  }
  return false;
}

/** A resource policy for ECR: some statement names a principal and an ECR action. */
export function isEcrResourcePolicy(document: PolicyDocument): boolean {
  return isResourcePolicyOf(document, registryOf(document));
}

function isResourcePolicyOf(document: PolicyDocument, registry: Registry): boolean {
  for (const statement of document.statements) {
    // A statement the core fails on says nothing about the others.
    if (isolated(() => statement.principalKey !== undefined && statementTouchesEcr(statement, document, registry), false)) return true;
  }
  return false;
}

/**
 * Allow statements with a principal that touch ECR; Deny and identity statements never grant anything. A
 * statement (or document) the core fails on is left out alone: the file's other statements are still checked.
 */
export function grantingStatements(documents: readonly PolicyDocument[]): StatementFacts[] {
  const facts: StatementFacts[] = [];
  documents.forEach((document, documentIndex) => {
    const registry = isolated(() => registryOf(document), 'private');
    if (!isResourcePolicyOf(document, registry)) return;
    for (const statement of document.statements) {
      const statementFact = isolated(() => grantingFacts(documentIndex, statement, document, registry), undefined);
      if (statementFact) facts.push(statementFact);
    }
  });
  return facts;
}

function grantingFacts(documentIndex: number, statement: PolicyStatement, document: PolicyDocument, registry: Registry): StatementFacts | undefined {
  if (!isAllow(statement) || statement.principalKey === undefined || !statementTouchesEcr(statement, document, registry)) return undefined;
  const facts = statementFacts(documentIndex, statement, registry);
  // NotAction that lists every ECR action grants nothing in ECR.
  return statement.notAction && facts.actions.length === 0 ? undefined : facts;
}

function statementFacts(documentIndex: number, statement: PolicyStatement, registry: Registry): StatementFacts {
  const named = namedPrincipals(statement);
  const conditions = analyzeConditions(statement);
  const patterns: string[] = [];
  for (const action of statement.actions) patterns.push(action.value);
  const actions = grantedActions(patterns, statement.notAction, registry);
  return { documentIndex, statement, named, conditions, registry, actions, grantees: grantees(named, conditions) };
}

function grantees(named: readonly NamedPrincipal[], conditions: ConditionVerdict): Grantee[] {
  const result: Grantee[] = [];
  for (const { identity, source } of named) {
    if (identity.kind === 'account') result.push({ kind: 'account', account: identity.account, source });
    else if (identity.kind === 'wildcard') result.push(...narrowWildcard(source, conditions));
  }
  return result;
}

/**
 * Conditions are ANDed: when one binds to accounts, only those accounts get in, whatever else binds; an
 * organisation binding alone still admits every account of the organisation. An account binding that is
 * not a literal is reported as unresolved, never guessed to be external.
 */
function narrowWildcard(source: Str, conditions: ConditionVerdict): Grantee[] {
  const { bindings } = conditions;
  if (bindings.length === 0) return [{ kind: 'public', source }];
  const accounts = bindings.filter((binding) => binding.kind === 'account' || binding.kind === 'own' || (binding.kind === 'unresolved' && binding.pinsAccount));
  if (accounts.length > 0) {
    return accounts.flatMap((binding) => binding.kind === 'account' ? [{ kind: 'account' as const, account: binding.account, source: binding.value }] : []);
  }
  return bindings.flatMap((binding): Grantee[] => {
    switch (binding.kind) {
      case 'organization': return [{ kind: 'organization', organizationId: binding.organizationId, source: binding.value }];
      // Bound to something, but to what cannot be known: never the team's own for sure.
      case 'resource':
      case 'unresolved': return [{ kind: 'resource', source: binding.value }];
      default: return [];
    }
  });
}
