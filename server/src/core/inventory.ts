import { accessAllows } from './access';
import { EcrAction, isPushAction, isReadOnly } from './actions';
import { grantingStatements, StatementFacts, takenBack } from './grants';
import { isolated } from './isolate';
import { Finding, isSuppressed, PolicyDocument, RULE_IDS, RuleId, Severity, Span, Str } from './model';
import { Provenance } from './sources/types';
import { Access, accountStanding, TrustList } from './trust';

/**
 * The grants inventory: every cross-account grant of a file's policies, for the quarterly access review.
 * A grant is one principal (or binding condition value) of an Allow statement that admits someone other
 * than the team's own accounts: another account (trusted or not), an organisation, everyone, callers bound
 * only to a resource, or a value ECR Guard cannot resolve. Each grant carries the trust list's verdict on
 * the grantee, the access the statement gives, and the findings that concern it. Pure: no I/O.
 */

export type GranteeKind = 'account' | 'organization' | 'public' | 'resource' | 'service' | 'unresolved';

/**
 * What the trust list says about a grantee: the access it is trusted for, or why it is not trusted.
 * `own-organization`: an organisation in organizationIds. `unchecked`: nothing to check (a resource, an
 * unresolved value, everyone).
 */
export type TrustLevel = Access | 'expired' | 'untrusted' | 'no-trust-list' | 'own-organization' | 'unchecked';

/** The access a statement gives, in the trust list's terms: read and list, push (pull and upload), or more. */
export type GrantedAccess = 'pull' | 'push' | 'admin';

export interface Grantee {
  kind: GranteeKind;
  /** Account ID, organisation ID, `*` for everyone, the service principal, or the text of the resource or unresolved value. */
  id: string;
  /** The service principal the grant goes through, when the grantee is the account or organisation a service acts for. */
  throughService?: string;
  /** The trusted account's name in the trust list. */
  name?: string;
  trust: TrustLevel;
  /** Expiry of the account's trust (YYYY-MM-DD), when it has one. */
  expires?: string;
  /** 1-based line of the trust list entry behind `trust`. */
  trustLine?: number;
}

export interface Grant {
  grantee: Grantee;
  /** The string naming the grantee: a principal, a binding condition value, or the NotPrincipal key. */
  span: Span;
  via: 'principal' | 'condition' | 'not-principal' | 'replication';
  documentIndex: number;
  /**
   * Where the policy is defined (`aws_ecr_repository_policy.app`, `AWS::ECR::Repository AppRepo`): its
   * document's provenance, when the source can tell.
   */
  policy?: string;
  /** The repository the policy applies to: a literal name, or the repository resource it references. */
  repository?: string;
  statementIndex: number;
  statementSpan: Span;
  sid?: string;
  /** The statement's Action (or NotAction) strings as written. */
  actions: string[];
  notAction: boolean;
  /** The catalogued ECR actions the grantee gets, wildcards and NotAction expanded, less what Deny statements take back. */
  granted: string[];
  access: GrantedAccess;
  /** Rules whose findings concern this grant, and the most severe of them. */
  rules: RuleId[];
  severity?: Severity;
  /** Findings on this grant accepted on purpose (not in `rules`): for the review, which must see them. */
  suppressed?: SuppressedFinding[];
}

export interface SuppressedFinding {
  rule: RuleId;
  reason: string;
  until?: string;
  kind: 'inSource' | 'external';
}

export interface InventoryOptions {
  trust?: TrustList;
  now?: Date;
}

const SEVERITY_RANK: Record<Severity, number> = { information: 0, warning: 1, error: 2 };

interface Draft {
  grant: Grant;
  /** Whether this grantee is one that external-write reports when the statement grants writes it may not have. */
  writeOffender: boolean;
}

export function grantsInventory(documents: readonly PolicyDocument[], findings: readonly Finding[], options: InventoryOptions = {}): Grant[] {
  const now = options.now ?? new Date();
  const byStatement = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = `${finding.data.documentIndex}:${finding.data.statementIndex}`;
    const list = byStatement.get(key);
    if (list) list.push(finding);
    else byStatement.set(key, [finding]);
  }
  const grants: Grant[] = [];
  for (const facts of grantingStatements(documents, options.trust)) {
    const place = documents[facts.documentIndex].provenance;
    // A statement the core fails on is left out of the inventory alone.
    const drafts = isolated(() => {
      const built = statementGrants(facts, options.trust, now, place);
      attachFindings(built, byStatement.get(`${facts.documentIndex}:${facts.statement.index}`) ?? []);
      return built;
    }, [] as Draft[]);
    for (const draft of drafts) grants.push(draft.grant);
  }
  return grants;
}

function statementGrants(facts: StatementFacts, trust: TrustList | undefined, now: Date, place: Provenance | undefined): Draft[] {
  const { statement } = facts;
  const base = {
    documentIndex: facts.documentIndex,
    ...(place?.resource ? { policy: place.resource } : {}),
    ...(place?.repository ? { repository: place.repository } : {}),
    statementIndex: statement.index,
    statementSpan: statement.span,
    ...(statement.sid ? { sid: statement.sid.value } : {}),
    actions: statement.actions.map((action) => action.value),
    notAction: statement.notAction,
  };
  const wildcard = facts.named.some((principal) => principal.identity.kind === 'wildcard');
  const viaOf = (source: Str): Grant['via'] => {
    if (statement.notPrincipal && source === statement.principalKey) return 'not-principal';
    return statement.principals.some((principal) => principal.value === source) ? 'principal' : 'condition';
  };
  const drafts: Draft[] = [];
  const seen = new Set<Str>();
  const add = (grantee: Grantee, source: Str, actions: readonly EcrAction[], writeOffender: boolean): void => {
    seen.add(source);
    const grant: Grant = { grantee, span: source.span, via: viaOf(source), ...base, granted: actions.map((action) => action.name), access: accessOf(actions), rules: [] };
    drafts.push({ grant, writeOffender: writeOffender && actions.some((action) => !isReadOnly(action.level)) });
  };
  for (const grantee of facts.grantees) {
    // Everything the grant gives is denied again: there is nothing to review.
    if (takenBack(grantee)) continue;
    const through = grantee.throughService ? { throughService: grantee.throughService.value } : {};
    const entry = granteeEntry(grantee, trust, now);
    if (entry) add({ ...entry.grantee, ...through }, grantee.source, grantee.actions, entry.writeOffender(grantee.actions));
  }
  // Values ECR Guard cannot resolve: a principal, or a binding that pins an account (a wildcard's only gate).
  for (const principal of facts.named) {
    if (principal.identity.kind === 'unresolved' && !seen.has(principal.source)) add({ kind: 'unresolved', id: principal.source.value, trust: 'unchecked' }, principal.source, facts.actions, false);
  }
  if (wildcard) {
    for (const binding of facts.conditions.bindings) {
      if (binding.kind === 'unresolved' && !seen.has(binding.value)) add({ kind: 'unresolved', id: binding.value.value, trust: 'unchecked' }, binding.value, facts.actions, false);
    }
  }
  return drafts;
}

/** The inventory's view of one grantee, and whether external-write reports it for a set of actions. */
function granteeEntry(grantee: StatementFacts['grantees'][number], trust: TrustList | undefined, now: Date): { grantee: Grantee; writeOffender: (actions: readonly EcrAction[]) => boolean } | undefined {
  const always = (): boolean => true;
  switch (grantee.kind) {
    case 'account': {
      const standing = accountStanding(trust, grantee.account, now);
      if (standing.kind === 'own') return undefined;
      if (standing.kind !== 'trusted' && standing.kind !== 'expired') return { grantee: { kind: 'account', id: grantee.account, trust: standing.kind }, writeOffender: always };
      const entry = standing.entry;
      const trusted = standing.kind === 'trusted';
      return {
        grantee: {
          kind: 'account', id: grantee.account, ...(entry.name !== undefined ? { name: entry.name } : {}), trust: trusted ? entry.access : 'expired',
          ...(entry.expires ? { expires: entry.expires } : {}), trustLine: entry.line,
        },
        writeOffender: (actions) => !trusted || actions.some((action) => !accessAllows(entry.access, action)),
      };
    }
    case 'organization': {
      const own = grantee.own ? undefined : trust?.organizationIds.get(grantee.organizationId);
      const trustLevel: TrustLevel = grantee.own || own ? 'own-organization' : trust ? 'untrusted' : 'no-trust-list';
      return { grantee: { kind: 'organization', id: grantee.organizationId, trust: trustLevel, ...(own ? { trustLine: own.line } : {}) }, writeOffender: always };
    }
    case 'public': return { grantee: { kind: 'public', id: '*', trust: 'unchecked' }, writeOffender: always };
    case 'service': return { grantee: { kind: 'service', id: grantee.name, trust: 'unchecked' }, writeOffender: () => false };
    case 'resource': return { grantee: { kind: grantee.source.origin === 'unresolved' ? 'unresolved' : 'resource', id: grantee.source.value, trust: 'unchecked' }, writeOffender: always };
  }
}

function accessOf(actions: readonly EcrAction[]): GrantedAccess {
  let access: GrantedAccess = 'pull';
  for (const action of actions) {
    if (isReadOnly(action.level)) continue;
    if (!isPushAction(action)) return 'admin';
    access = 'push';
  }
  return access;
}

/** Puts each finding of a statement on the grants it concerns. */
function attachFindings(drafts: Draft[], findings: readonly Finding[]): void {
  for (const finding of findings) {
    const targets = drafts.filter(({ grant, writeOffender }) => {
      switch (finding.rule) {
        case 'external-write':
          return finding.data.account !== undefined ? grant.grantee.kind === 'account' && grant.grantee.id === finding.data.account : writeOffender;
        // A Terraform reference (local.accounts) names several grantees at one span: match the ID too.
        case 'untrusted-account':
          return sameSpan(grant.span, finding.span) && grant.grantee.id === (finding.data.account ?? finding.data.organizationId);
        case 'wildcard-principal':
          return sameSpan(grant.span, finding.span) && grant.grantee.kind === 'public';
        case 'unresolved-principal':
          return sameSpan(grant.span, finding.span) && (grant.grantee.kind === 'unresolved' || grant.grantee.kind === 'resource');
        case 'unscoped-service-principal':
          return sameSpan(grant.span, finding.span) && grant.grantee.kind === 'service';
        // Says what is wrong with the policy's text, not with whom a grant lets in; replication is not a
        // statement; drift is about the whole deployed policy against the IaC.
        case 'invalid-policy':
        case 'external-replication':
        case 'invalid-suppression':
        case 'policy-drift':
        case 'unmanaged-policy':
          return false;
      }
    });
    for (const { grant } of targets) {
      if (isSuppressed(finding)) {
        suppressedOn(grant, finding);
        continue;
      }
      if (!grant.rules.includes(finding.rule)) grant.rules.push(finding.rule);
      if (!grant.severity || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[grant.severity]) grant.severity = finding.severity;
    }
  }
  for (const { grant } of drafts) if (grant.rules.length > 1) grant.rules.sort((a, b) => RULE_IDS.indexOf(a) - RULE_IDS.indexOf(b));
}

function suppressedOn(grant: Grant, finding: Finding): void {
  const { reason, until, kind } = finding.suppression ?? { reason: '', kind: 'inSource' as const };
  grant.suppressed ??= [];
  if (!grant.suppressed.some((entry) => entry.rule === finding.rule)) grant.suppressed.push({ rule: finding.rule, reason, ...(until ? { until } : {}), kind });
}

function sameSpan(a: Span, b: Span): boolean {
  return a.offset === b.offset && a.length === b.length;
}
