import type { RuleId } from './rules/metadata';
import type { Provenance } from './sources/types';

/**
 * The statement model every parser produces. Spans are offsets into the document text in UTF-16 code
 * units, so the LSP layer and the CLI can turn them into positions without re-reading the source.
 */
export interface Span {
  offset: number;
  length: number;
}

/** A string literal of the policy together with where it stands in the source. */
export interface Str {
  value: string;
  span: Span;
  /**
   * Set by the Terraform parser for values that are not literals: `own-account` for the caller identity's
   * account ID, `unresolved` (with `value` holding the expression) for anything it will not guess.
   */
  origin?: 'own-account' | 'unresolved';
  /**
   * Where the value was defined when that is not at `span`: the `Default` of a CloudFormation parameter the
   * policy references. Findings on the value point there in their related information.
   */
  definedAt?: { span: Span; message: string; /** Another file of the module (a path or URI); absent: this document. */ file?: string };
}

/** One entry of Principal / NotPrincipal: `kind` is the map key (`AWS`, `Service`, ...) or `*` for a bare `"*"`. */
export interface PrincipalRef {
  kind: string;
  value: Str;
}

/** One `operator: { key: values }` pair of a Condition block. */
export interface ConditionClause {
  operator: Str;
  key: Str;
  values: Str[];
}

export interface PolicyStatement {
  /** Position of the statement in its document's Statement list. */
  index: number;
  span: Span;
  sid?: Str;
  effect?: Str;
  /** The `Principal` or `NotPrincipal` key itself. */
  principalKey?: Str;
  notPrincipal: boolean;
  principals: PrincipalRef[];
  /** The `Action` or `NotAction` key itself. */
  actionKey?: Str;
  notAction: boolean;
  actions: Str[];
  conditionKey?: Str;
  conditions: ConditionClause[];
  /**
   * The `Resource` or `NotResource` key, when written; `resources` then holds its values. A Deny guards
   * only what its resources provably cover, so extractors must fill these in.
   */
  resourceKey?: Str;
  notResource?: boolean;
  resources?: Str[];
  /**
   * The statement is one of several a single piece of source produces (a Terraform `dynamic` block, a
   * `for` expression, a module's statement built from the caller's inputs): no fix rewrites it, since the
   * text is shared. Says which instance, for people.
   */
  generated?: string;
}

/**
 * How a document is written, for fix builders: JSON text at `span` (a whole file, or a heredoc's content),
 * a Terraform policy document or `jsonencode` object, a YAML mapping (CloudFormation), or text that cannot be
 * edited safely (JSON inside an escaped string).
 */
export type DocumentSyntax =
  | { kind: 'json'; span: Span }
  | { kind: 'hcl-document' }
  | { kind: 'hcl-object' }
  | { kind: 'yaml' }
  | { kind: 'opaque' };

export interface PolicyDocument {
  span: Span;
  syntax: DocumentSyntax;
  statements: PolicyStatement[];
  /**
   * Known to be an ECR policy whatever its actions say: Terraform's policy of an ECR resource, or a policy
   * document such a resource references. Statements whose actions are not literals then count as ECR's.
   */
  ecrRelevant?: boolean;
  /** Where the policy is defined (format, resource, property, repository); see sources/types.ts. */
  provenance?: Provenance;
  /**
   * The policy's `Version` as deployed (Terraform's policy document writes 2012-10-17 when none is given);
   * absent when the policy has none. Policy variables (`${aws:ResourceAccount}`) work only under 2012-10-17.
   */
  version?: string;
  /**
   * Set on a private registry's policy: the registry policy scope it is enforced under. V2 (the default
   * for registries, and what ECR Guard assumes when nothing says otherwise) enforces every ECR action; V1
   * only ecr:ReplicateImage, ecr:BatchImportUpstreamImage and ecr:CreateRepository (Amazon ECR User Guide,
   * "Private registry permissions"). Sources set V1 only where the registry's account setting says so.
   */
  registryScope?: 'V1' | 'V2';
}

/**
 * One destination of a registry's replication rules: the registry (an account ID) and region images are
 * copied to. Not a policy: replication is configured on the source registry, and the destination
 * account's registry policy must let the source replicate into it.
 */
export interface ReplicationDestination {
  /** The destination account; `origin` as for principals (`own-account`, `unresolved`). */
  registryId: Str;
  region?: Str;
  span: Span;
}

/**
 * A registry's replication configuration (Terraform `aws_ecr_replication_configuration`, CloudFormation
 * `AWS::ECR::ReplicationConfiguration`, a module's replication input, or the JSON AWS takes and returns).
 */
export interface ReplicationConfiguration {
  span: Span;
  destinations: ReplicationDestination[];
  provenance?: Provenance;
}

export { RULE_IDS } from './rules/metadata';
export type { RuleId } from './rules/metadata';

export type Severity = 'error' | 'warning' | 'information';

/** A place outside the finding that explains it, such as the trust list entry that grants an account. */
export interface RelatedLocation {
  /** The file, as the trust list was given to the core (a path or URI); absent for the analysed document. */
  file?: string;
  /** 1-based line in `file`, when `span` cannot be given. */
  line?: number;
  span?: Span;
  message: string;
}

/**
 * What a quick fix needs to rewrite the statement without re-running the analysis. A finding on a
 * replication destination is on no statement: its documentIndex and statementIndex are -1 and its
 * statementSpan is the destination's.
 */
export interface FindingData {
  rule: RuleId;
  documentIndex: number;
  statementIndex: number;
  statementSpan: Span;
  sid?: string;
  account?: string;
  organizationId?: string;
  /** Access the trust list grants the account, when it is trusted at all. */
  trustedAccess?: string;
  /** invalid-policy: the one catalogued action a misspelt action is closest to, for the quick fix. */
  suggestion?: string;
  /** Condition clauses that look like bindings but are not (IfExists, ForAllValues:, negated, wildcard Like). */
  weakConditions?: Span[];
}

/**
 * A finding accepted on purpose: by a comment in the source (`ecr-guard-ignore RULE -- reason`) or by an
 * entry of the trust list's `suppressions`. The kinds are SARIF's. An expired suppression is kept so that
 * reports can say it expired; the finding then counts again.
 */
export interface Suppression {
  kind: 'inSource' | 'external';
  reason: string;
  /** Last day (inclusive, UTC) it holds, as written: YYYY-MM-DD. */
  until?: string;
  expired: boolean;
  /** The comment (in the analysed document) or the trust list entry (`file` set) that suppresses. */
  at: RelatedLocation;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  span: Span;
  message: string;
  data: FindingData;
  related: RelatedLocation[];
  /** Set when a suppression names the finding; see `isSuppressed`. */
  suppression?: Suppression;
}

/** Whether a finding is accepted on purpose now: it leaves the Problems panel and the gate, not the reports. */
export function isSuppressed(finding: Finding): boolean {
  return finding.suppression !== undefined && !finding.suppression.expired;
}
