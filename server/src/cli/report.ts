import { Finding, Severity, Suppression } from '../core/model';
import { lineStarts, positionOf } from '../core/text';

/**
 * One finding as the CLI prints it; `file` is relative to the cwd. `line`/`column` are 1-based and where the
 * editor shows them: `\r\n`, `\n` and `\r` end lines, and columns count UTF-16 code units (core/text.ts).
 */
export interface ReportedFinding {
  file: string;
  rule: string;
  severity: Severity;
  line: number;
  column: number;
  message: string;
  /** The suppression that names the finding: active in `suppressed`, expired (the finding counts) in `findings`. */
  suppression?: ReportedSuppression;
}

export interface ReportedSuppression {
  /** SARIF's kinds: a comment in the file, or an entry of the trust list. */
  kind: 'inSource' | 'external';
  reason: string;
  until?: string;
  expired: boolean;
}

export interface Report {
  filesScanned: number;
  /** What the gate judges: findings nobody suppressed, and those whose suppression expired. */
  findings: ReportedFinding[];
  /** Findings accepted on purpose: they never fail the run. */
  suppressed: ReportedFinding[];
  /** With --baseline: findings the baseline accounts for; they never fail the run. */
  baselined?: ReportedFinding[];
  /** Files that could not be checked (their analysis failed); present only when there are some. */
  failed?: { file: string; message: string }[];
}

export function reportFindings(file: string, text: string, findings: readonly Finding[]): ReportedFinding[] {
  if (findings.length === 0) return [];
  const starts = lineStarts(text);
  return findings.map((finding) => ({
    file, rule: finding.rule, severity: finding.severity, ...positionOf(text, starts, finding.span.offset), message: finding.message,
    ...(finding.suppression ? { suppression: reportedSuppression(finding.suppression) } : {}),
  }));
}

export function reportedSuppression({ kind, reason, until, expired }: Suppression): ReportedSuppression {
  return { kind, reason, ...(until ? { until } : {}), expired };
}

/** Whether a reported finding is accepted now (in the report's `suppressed`, not judged by the gate). */
export function isReportedSuppressed(finding: ReportedFinding): boolean {
  return finding.suppression !== undefined && !finding.suppression.expired;
}

export function formatJson(report: Report): string {
  // The contract is {filesScanned, findings}; `suppressed` and `failed` (when there are some) and `baselined`
  // (with --baseline) come after, whatever order they were set in.
  const { filesScanned, findings, suppressed, baselined, failed } = report;
  return JSON.stringify({
    filesScanned, findings, ...(suppressed.length > 0 ? { suppressed } : {}), ...(baselined ? { baselined } : {}), ...(failed ? { failed } : {}),
  }, null, 2);
}

export function countBySeverity(findings: readonly { severity: Severity }[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}
