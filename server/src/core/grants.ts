import { EcrAction, grantedActions, Registry, touchesEcr } from './actions';
import { analyzeConditions, ConditionVerdict } from './conditions';
import { applyGuards, DenyGuard, denyGuards } from './denyGuards';
import { Admitted, admitted, GranteeIdentity } from './grantees';
import { PolicyDocument, PolicyStatement } from './model';
import { isolated } from './isolate';
import { NamedPrincipal, namedPrincipals } from './principals';
import { registryOf } from './registryOf';
import { TrustList } from './trust';

export type { GranteeIdentity };

/**
 * A grantee with the string that names it and the ECR actions it is left with once Deny statements that
 * provably cover it are taken away (`guards`: those Deny statements). A grantee every action of which is
 * denied stays in the list with no actions, so rules can tell a guarded grant from none.
 */
export type Grantee = Admitted & { guards?: PolicyStatement[] };

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
  /**
   * Who may call: explicit accounts, wildcards replaced by what their conditions bind them to, and service
   * principals (or the accounts their aws:Source* conditions name), each with what Deny statements leave them.
   */
  grantees: Grantee[];
}

/**
 * Whether Deny statements took back everything the grantee was given. A grantee with no catalogued action
 * for another reason (actions that are not literals) still counts as granted.
 */
export function takenBack(grantee: Grantee): boolean {
  return grantee.actions.length === 0 && (grantee.guards?.length ?? 0) > 0;
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
 * Allow statements with a principal that touch ECR; Deny and identity statements never grant anything, but
 * a Deny of the same policy takes away what it provably covers (denyGuards.ts). A statement (or document)
 * the core fails on is left out alone: the file's other statements are still checked. The trust list tells
 * which accounts and organisations a Deny's conditions spare are the team's own.
 */
export function grantingStatements(documents: readonly PolicyDocument[], trust?: TrustList): StatementFacts[] {
  const facts: StatementFacts[] = [];
  documents.forEach((document, documentIndex) => {
    const registry = isolated(() => registryOf(document), 'private');
    if (!isResourcePolicyOf(document, registry)) return;
    const guards = isolated(() => denyGuards(document, registry, trust), []);
    for (const statement of document.statements) {
      const statementFact = isolated(() => grantingFacts(documentIndex, statement, document, registry, guards), undefined);
      if (statementFact) facts.push(statementFact);
    }
  });
  return facts;
}

function grantingFacts(documentIndex: number, statement: PolicyStatement, document: PolicyDocument, registry: Registry, guards: readonly DenyGuard[]): StatementFacts | undefined {
  if (!isAllow(statement) || statement.principalKey === undefined || !statementTouchesEcr(statement, document, registry)) return undefined;
  const named = namedPrincipals(statement);
  const conditions = analyzeConditions(statement, document.version);
  const patterns: string[] = [];
  for (const action of statement.actions) patterns.push(action.value);
  const granted = grantedActions(patterns, statement.notAction, registry);
  const actions = enforced(granted, document);
  // NotAction that lists every ECR action grants nothing in ECR, nor do actions the registry scope does not enforce.
  if ((statement.notAction || granted.length > 0) && actions.length === 0) return undefined;
  const grantees: Grantee[] = [];
  // Plain loops: this runs for every statement of every file of a workspace scan.
  for (const grantee of admitted(named, conditions, actions)) for (const each of guarded(grantee, actions, guards)) grantees.push(each);
  return { documentIndex, statement, named, conditions, registry, actions, grantees };
}

/** Under registry policy scope V1 a registry policy is enforced for these actions only (see PolicyDocument.registryScope). */
export const REGISTRY_V1_ACTIONS: ReadonlySet<string> = new Set(['ecr:ReplicateImage', 'ecr:BatchImportUpstreamImage', 'ecr:CreateRepository']);

function enforced(actions: readonly EcrAction[], document: PolicyDocument): readonly EcrAction[] {
  return document.registryScope === 'V1' ? actions.filter((action) => REGISTRY_V1_ACTIONS.has(action.name)) : actions;
}

/** The grantee with what the Deny guards leave it, and the own organisation some actions are narrowed to. */
function guarded(grantee: Admitted, actions: readonly EcrAction[], guards: readonly DenyGuard[]): Grantee[] {
  // The admitted grantee is this statement's own object: changing it in place spares a copy per grantee of a scan.
  const kept: Grantee = grantee;
  if (guards.length === 0) return [kept];
  const result = applyGuards(grantee, actions, guards);
  if (result.guards.length === 0) return [kept];
  kept.actions = result.kept;
  kept.guards = result.guards;
  if (result.narrowed.length === 0 || !result.organization) return [kept];
  const { id, own } = result.organization;
  return [kept, { kind: 'organization', organizationId: id, ...(own ? { own } : {}), source: grantee.source, actions: result.narrowed, guards: result.guards }];
}
