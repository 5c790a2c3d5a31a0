import { FileResult } from '../core/batch';
import { Finding, Span } from '../core/model';

/**
 * What identifies a finding in a baseline, apart from its file: the rule, the policy and statement it is in,
 * and who it lets in. No line or column: moving a statement, or adding lines above it, keeps its key.
 */
export interface FindingKey {
  rule: string;
  /** The resource that defines the policy (`aws_ecr_repository_policy.app`); absent for a plain policy file. */
  policy?: string;
  /** `Sid NAME`, or `statement N` (1-based) when the statement has no Sid, or `replication`. */
  statement: string;
  /** The account or organisation granted access, else the text the finding covers (`"*"`, a reference). */
  grantee: string;
}

/** Covered text longer than this is cut: a grantee names who is let in, not a whole statement. */
const GRANTEE_MAX = 200;

/** The key of one finding of a file: `text` is the file, `result` its analysis. */
export function findingKey(text: string, result: FileResult, finding: Finding): FindingKey {
  const { data } = finding;
  const onReplication = data.documentIndex < 0;
  const provenance = onReplication
    ? result.replications.find((replication) => within(finding.span, replication.span))?.provenance
    : result.documents[data.documentIndex]?.provenance;
  // A file's later policies without a resource name (rare: plain JSON holds one) are told apart by position.
  const policy = provenance?.resource ?? (data.documentIndex > 0 ? `policy ${data.documentIndex + 1}` : undefined);
  // The Sid survives statements added or removed around it; the index is the last resort.
  const statement = onReplication ? 'replication' : data.sid ? `Sid ${data.sid}` : `statement ${data.statementIndex + 1}`;
  const grantee = data.account ?? data.organizationId ?? coveredText(text, finding.span);
  return { rule: finding.rule, ...(policy === undefined ? {} : { policy }), statement, grantee };
}

/** The finding's text with runs of white space as one space, so re-indenting does not change it. */
function coveredText(text: string, span: Span): string {
  const covered = text.slice(span.offset, span.offset + span.length).replace(/\s+/g, ' ').trim();
  return covered.length > GRANTEE_MAX ? `${covered.slice(0, GRANTEE_MAX)}…` : covered;
}

function within(inner: Span, outer: Span): boolean {
  return inner.offset >= outer.offset && inner.offset + inner.length <= outer.offset + outer.length;
}
