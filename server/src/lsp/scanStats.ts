import { RULE_IDS, Severity } from '../core/model';
import { FileResult } from '../core/batch';
import { ScanSkip, ScanSummary } from '../protocol';

const MAX_LISTED_SKIPS = 100;

/** Counts of one scan, for its progress messages and its summary. */
export class Stats {
  candidates = 0;
  ignored = 0;
  scanned = 0;
  parsed = 0;
  policies = 0;
  findings = 0;
  filesWithFindings = 0;
  grants = 0;
  readonly skipped: ScanSkip[] = [];
  skippedCount = 0;
  readonly byRule: Partial<Record<string, number>> = {};
  readonly bySeverity: Record<Severity, number> = { error: 0, warning: 0, information: 0 };

  skip(uri: string, reason: string): void {
    this.skippedCount++;
    if (this.skipped.length < MAX_LISTED_SKIPS) this.skipped.push({ uri, reason });
  }

  add(result: FileResult, grants: number): void {
    if (result.parsed) this.parsed++;
    this.policies += result.policies;
    this.findings += result.findings.length;
    this.grants += grants;
    if (result.findings.length > 0) this.filesWithFindings++;
    for (const finding of result.findings) {
      this.byRule[finding.rule] = (this.byRule[finding.rule] ?? 0) + 1;
      this.bySeverity[finding.severity]++;
    }
  }

  summary(cancelled: boolean, durationMs: number): ScanSummary {
    const byRule: ScanSummary['byRule'] = {};
    for (const rule of RULE_IDS) if (this.byRule[rule]) byRule[rule] = this.byRule[rule];
    return {
      cancelled, candidates: this.candidates, ignored: this.ignored, scanned: this.scanned, parsed: this.parsed, skipped: this.skipped,
      skippedCount: this.skippedCount, policies: this.policies, findings: this.findings, byRule, bySeverity: { ...this.bySeverity },
      filesWithFindings: this.filesWithFindings, grants: this.grants, durationMs: Math.round(durationMs),
    };
  }
}

export function progressMessage(done: number, total: number, stats: Stats): string {
  return `${done.toLocaleString('en')} of ${total.toLocaleString('en')} files, ${stats.policies.toLocaleString('en')} policies, ${stats.findings.toLocaleString('en')} findings`;
}

