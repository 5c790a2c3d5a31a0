import type { AnalysisOptions } from '../analyze';
import { Finding, RuleId } from '../model';
import { trustSuppressionFor, trustSuppressionForResource } from '../trustSuppressions';
import { PolicySource, SourceEnvironment } from '../sources/types';
import { isolated } from '../isolate';
import { applySuppressions } from './apply';

export { applySuppressions } from './apply';
export { parseDirective, SUPPRESSION_MARKER } from './directive';

export interface SuppressionContext {
  /** The analysed file, as the host names it (a path or URI): the trust list's `file` entries match it. */
  name: string;
  /** A deployed resource's ARN (an audit's): the trust list's `resource` entries match it instead of `file` ones. */
  resource?: string;
  text: string;
  source: PolicySource;
  environment: SourceEnvironment;
  options: AnalysisOptions;
}

/**
 * The one way every path (editor, scan, CLI, audit) applies suppressions to a file's or a deployed
 * resource's findings: its comments, then the trust list's entries. A comment the parser cannot read suppresses nothing: reading comments is
 * isolated so that a failure there never loses the findings themselves.
 */
export function suppressFindings(findings: readonly Finding[], context: SuppressionContext): Finding[] {
  const { text, source, environment, options } = context;
  const comments = source.comments ? isolated(() => source.comments?.(text, environment) ?? [], []) : [];
  const trust = options.trust;
  const { resource } = context;
  const external = trust && trust.suppressions.length > 0
    ? (rule: RuleId, sid: string | undefined) => resource === undefined ? trustSuppressionFor(trust, context.name, rule, sid) : trustSuppressionForResource(trust, resource, rule, sid)
    : undefined;
  if (comments.length === 0 && !external && !findings.some((finding) => finding.suppression)) return [...findings];
  return applySuppressions(findings, { text, comments, now: options.now ?? new Date(), ...(trust ? { trustFile: trust.source } : {}), ...(external ? { external } : {}) });
}
