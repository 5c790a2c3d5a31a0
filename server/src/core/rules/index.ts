import { StatementFacts } from '../grants';
import { isolated } from '../isolate';
import { Finding, PolicyDocument, ReplicationConfiguration } from '../model';
import { DocumentRule, Rule, RuleContext } from './context';
import { externalReplication } from './externalReplication';
import { externalWrite } from './externalWrite';
import { DriftRule, DriftSubject } from './driftContext';
import { invalidPolicy } from './invalidPolicy';
import { RULE_IDS, RuleId } from './metadata';
import { policyDrift } from './policyDrift';
import { unmanagedPolicy } from './unmanagedPolicy';
import { unresolvedPrincipal } from './unresolvedPrincipal';
import { untrustedAccount } from './untrustedAccount';
import { unscopedServicePrincipal } from './unscopedServicePrincipal';
import { wildcardPrincipal } from './wildcardPrincipal';

/** Rules that judge a whole policy rather than one granting statement. */
export type DocumentRuleId = 'invalid-policy';

/** A rule over a file's replication configurations, which are not policy statements. */
export type ReplicationRule = (replications: readonly ReplicationConfiguration[], context: RuleContext) => Finding[];

export const REPLICATION_RULES = { 'external-replication': externalReplication } satisfies Partial<Record<RuleId, ReplicationRule>>;

/** Judged on the comments of a file, not on its policies (suppressions/apply.ts). */
export const COMMENT_RULE_IDS = ['invalid-suppression'] as const;
export type CommentRuleId = (typeof COMMENT_RULE_IDS)[number];

/** Rules over a deployed policy against its definition in the workspace (an audit's; see core/drift). */
export const DRIFT_RULES = { 'policy-drift': policyDrift, 'unmanaged-policy': unmanagedPolicy } satisfies Partial<Record<RuleId, DriftRule>>;

export type StatementRuleId = Exclude<RuleId, DocumentRuleId | CommentRuleId | keyof typeof REPLICATION_RULES | keyof typeof DRIFT_RULES>;

/** Each statement rule's implementation; what the rule is (severity, docs, ...) is in metadata.ts. */
export const RULES: Record<StatementRuleId, Rule> = {
  'wildcard-principal': wildcardPrincipal,
  'external-write': externalWrite,
  'untrusted-account': untrustedAccount,
  'unresolved-principal': unresolvedPrincipal,
  'unscoped-service-principal': unscopedServicePrincipal,
};

export const DOCUMENT_RULES: Record<DocumentRuleId, DocumentRule> = {
  'invalid-policy': invalidPolicy,
};

const ALL_RULES = RULE_IDS.flatMap((id) => id in RULES ? [RULES[id as StatementRuleId]] : []);
const ALL_DOCUMENT_RULES = RULE_IDS.flatMap((id) => id in DOCUMENT_RULES ? [DOCUMENT_RULES[id as DocumentRuleId]] : []);

export function runRules(facts: readonly StatementFacts[], context: RuleContext): Finding[] {
  // Plain loops: this runs for every statement of every file of a workspace scan.
  const findings: Finding[] = [];
  for (const statement of facts) {
    for (const rule of ALL_RULES) {
      // Policy text is hostile input: a rule that fails on one statement loses only its own findings there.
      const found = isolated(() => rule(statement, context), []);
      for (let i = 0; i < found.length; i++) findings.push(found[i]);
    }
  }
  return findings;
}

/** The document rules over each ECR resource policy (`documentIndex` is its place in `documents`). */
export function runDocumentRules(documents: readonly { document: PolicyDocument; documentIndex: number }[], context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const { document, documentIndex } of documents) {
    for (const rule of ALL_DOCUMENT_RULES) findings.push(...isolated(() => rule(document, documentIndex, context), []));
  }
  return findings;
}

/** The replication rules over a file's replication configurations. */
export function runReplicationRules(replications: readonly ReplicationConfiguration[], context: RuleContext): Finding[] {
  if (replications.length === 0) return [];
  return Object.values(REPLICATION_RULES).flatMap((rule: ReplicationRule) => isolated(() => rule(replications, context), []));
}

/** The drift rules over one deployed policy. */
export function runDriftRules(subject: DriftSubject): Finding[] {
  return Object.values(DRIFT_RULES).flatMap((rule: DriftRule) => isolated(() => rule(subject), []));
}

export type { RuleContext };
