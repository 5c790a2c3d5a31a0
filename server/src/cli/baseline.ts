import * as fs from 'fs';
import * as path from 'path';
import { SarifFinding } from '../export/sarif';
import { readPolicyFileSync } from '../node/readPolicyFile';
import { UsageError } from './arguments';
import { BaselineEntry, baselineText, countEntries, entryId, parseBaseline } from './baselineFile';
import { FindingKey } from './baselineKey';
import { isReportedSuppressed, Report, ReportedFinding } from './report';

/**
 * --baseline and --write-baseline: findings already accepted in a baseline file leave the gate (the report
 * keeps them in `baselined`); only new ones fail the run. Files are keyed relative to the baseline's folder,
 * so it holds whether the CLI runs from the repository's root or elsewhere.
 */

/** One reported finding with its key, and its SARIF result when the run writes SARIF. */
export interface Keyed {
  finding: ReportedFinding;
  key: FindingKey;
  sarif?: SarifFinding;
}

/** Baselines name findings, not policies: a megabyte is thousands of entries. */
const BASELINE_MAX_BYTES = 32 * 1024 * 1024;

/** The entries of --baseline FILE; a file that is missing, unreadable or not a baseline stops the run (exit 2). */
export function readBaselineFile(file: string): BaselineEntry[] {
  const read = readPolicyFileSync(file, BASELINE_MAX_BYTES, 'the limit for baselines');
  if ('reason' in read) throw new UsageError(`baseline error: ${file}: ${read.code === 'ENOENT' ? 'does not exist' : read.reason}`, false);
  const parsed = parseBaseline(read.text);
  if ('problem' in parsed) throw new UsageError(`baseline error: ${file}:${/^\d/.test(parsed.problem) ? '' : ' '}${parsed.problem}`, false);
  return parsed.entries;
}

/** The entry ID of a finding in a baseline kept at `baselineFile`. */
function idIn(baselineFile: string, item: Keyed): string {
  return entryId({ ...item.key, file: relativeFile(baselineFile, item.finding.file) });
}

/** A reported file (relative to the cwd) relative to the baseline file's folder, with forward slashes. */
export function relativeFile(baselineFile: string, reported: string): string {
  return path.relative(path.dirname(path.resolve(baselineFile)), path.resolve(reported)).split(path.sep).join('/');
}

/**
 * How many of each entry the findings use up, in order: the first `count` findings of a key are matched,
 * any beyond are new. Returns which were matched and how many counted findings were left unmatched.
 */
export function matchCounts(ids: readonly string[], entries: readonly BaselineEntry[]): { matched: boolean[]; gone: number } {
  const left = new Map<string, number>();
  for (const entry of entries) left.set(entryId(entry), (left.get(entryId(entry)) ?? 0) + entry.count);
  const matched = ids.map((id) => {
    const count = left.get(id) ?? 0;
    if (count > 0) left.set(id, count - 1);
    return count > 0;
  });
  let gone = 0;
  for (const count of left.values()) gone += count;
  return { matched, gone };
}

/**
 * Moves the findings the baseline accounts for from `findings` to `baselined`, and sets every SARIF
 * result's baselineState. Unsuppressed findings use the counts first; suppressed ones then match what is
 * left (for their SARIF state only). Returns how many counted findings of the baseline no longer occur.
 */
export function applyBaseline(report: Report, keyed: readonly Keyed[], baselineFile: string, entries: readonly BaselineEntry[]): number {
  const ordered = [...keyed.filter((item) => !isReportedSuppressed(item.finding)), ...keyed.filter((item) => isReportedSuppressed(item.finding))];
  const { matched, gone } = matchCounts(ordered.map((item) => idIn(baselineFile, item)), entries);
  const baselined = new Set<ReportedFinding>();
  ordered.forEach((item, i) => {
    if (matched[i] && !isReportedSuppressed(item.finding)) baselined.add(item.finding);
    if (item.sarif) item.sarif.baselineState = matched[i] ? 'unchanged' : 'new';
  });
  report.baselined = report.findings.filter((finding) => baselined.has(finding));
  report.findings = report.findings.filter((finding) => !baselined.has(finding));
  return gone;
}

/**
 * Writes the baseline of the findings the gate would judge without it; with --baseline as well, only those
 * it already held (a ratchet: fixed findings leave it, new ones never enter). Returns how many it counts.
 */
export function writeBaselineFile(file: string, report: Report, keyed: readonly Keyed[]): number {
  const accepted = new Set(report.baselined ?? report.findings);
  const keys = keyed.filter((item) => accepted.has(item.finding)).map((item) => ({ ...item.key, file: relativeFile(file, item.finding.file) }));
  fs.writeFileSync(file, baselineText(countEntries(keys)));
  return keys.length;
}

/**
 * Whether a file a folder walk found is the run's own baseline (--baseline or --write-baseline, and it holds
 * one): not a policy, so not scanned, and rewriting it is no overwrite of a scanned file. Any other file
 * those flags name stays in the scan, and writing over it is refused.
 */
export function isOwnBaseline(file: string, baselineFiles: readonly string[]): boolean {
  if (!baselineFiles.some((baseline) => path.resolve(baseline) === path.resolve(file))) return false;
  const read = readPolicyFileSync(file, BASELINE_MAX_BYTES);
  return 'text' in read && 'entries' in parseBaseline(read.text);
}

/** The note on baselined findings that no longer occur: left in the file, they could come back unnoticed. */
export function goneNote(gone: number, baselineFile: string, writtenTo: string | undefined): string {
  const what = `${gone} finding${gone === 1 ? '' : 's'} of the baseline no longer occur${gone === 1 ? 's' : ''} (fixed or changed)`;
  return writtenTo === undefined ? `${what}; rewrite it with --write-baseline ${baselineFile} so they cannot come back unnoticed\n` : `${what}; left out of ${writtenTo}\n`;
}
