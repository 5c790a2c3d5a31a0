import { grantingStatements, isEcrResourcePolicy } from './grants';
import { isolated } from './isolate';
import { Finding, PolicyDocument, ReplicationConfiguration } from './model';
import { runDocumentRules, runReplicationRules, runRules } from './rules';
import { TRUST_FILE_NAME, TrustList } from './trust';

export interface AnalysisOptions {
  trust?: TrustList;
  /** The trust file name to suggest when there is none. */
  trustFileHint?: string;
  /** The clock for trust expiry; injected so results are reproducible. */
  now?: Date;
}

/**
 * Runs every rule over the policies and, when given, the replication configurations of the same file;
 * cheap compared with parsing, so callers re-run it when only the trust list changed.
 */
export function checkPolicies(documents: readonly PolicyDocument[], options: AnalysisOptions = {}, replications: readonly ReplicationConfiguration[] = []): Finding[] {
  const context = { trust: options.trust, trustFileHint: options.trustFileHint ?? TRUST_FILE_NAME, now: options.now ?? new Date() };
  const policies = documents.flatMap((document, documentIndex) => isolated(() => isEcrResourcePolicy(document), false) ? [{ document, documentIndex }] : []);
  const findings = [...runRules(grantingStatements(documents, options.trust), context), ...runDocumentRules(policies, context)];
  if (replications.length > 0) findings.push(...runReplicationRules(replications, context));
  return findings.sort((a, b) => a.span.offset - b.span.offset || a.rule.localeCompare(b.rule));
}
