import { styleText } from 'node:util';
import { Severity } from '../core/model';
import { countBySeverity, Report, ReportedFinding } from './report';

/** How the text report is printed: coloured or not, and the --fail-on level the summary's advice depends on. */
export interface TextStyle {
  colour: boolean;
  failOn: Severity | 'never';
}

type Format = Parameters<typeof styleText>[0];

const SEVERITY_COLOUR: Record<Severity, Format> = { error: 'red', warning: 'yellow', information: 'blue' };
const RANK: Record<Severity, number> = { information: 0, warning: 1, error: 2 };

/**
 * Colour on a terminal only: NO_COLOR (any non-empty value, no-color.org) turns it off and wins over
 * FORCE_COLOR, which turns it on (except "0" or "false") even when stdout is a pipe.
 */
export function wantsColour(env: NodeJS.ProcessEnv, isTerminal: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTerminal && env.TERM !== 'dumb';
}

/** Whether any finding is at or above --fail-on: the run exits 1. */
export function failsAt(findings: readonly { severity: Severity }[], failOn: Severity | 'never'): boolean {
  return failOn !== 'never' && findings.some((finding) => RANK[finding.severity] >= RANK[failOn]);
}

/**
 * The findings grouped by file as ESLint's default formatter prints them: the file, then one indented
 * `line:column  severity  message  rule` row per finding (columns aligned within the file), a blank line,
 * and the summary last.
 */
export function formatText(report: Report, style: TextStyle = { colour: false, failOn: 'error' }): string {
  const paint = (format: Format, text: string): string => (style.colour ? styleText(format, text) : text);
  const lines: string[] = [];
  for (const [file, findings] of byFile(report.findings)) {
    const positions = findings.map((finding) => `${finding.line}:${finding.column}`);
    const positionWidth = Math.max(...positions.map((position) => position.length));
    const severityWidth = Math.max(...findings.map((finding) => finding.severity.length));
    lines.push(paint('underline', file));
    findings.forEach((finding, i) => {
      const severity = paint(SEVERITY_COLOUR[finding.severity], finding.severity.padEnd(severityWidth));
      lines.push(`  ${paint('dim', positions[i].padEnd(positionWidth))}  ${severity}  ${finding.message}  ${paint('dim', finding.rule)}`);
    });
    lines.push('');
  }
  lines.push(summary(report, style, paint));
  return lines.join('\n');
}

/** The last line: what was found, where, and what to do next. */
function summary(report: Report, style: TextStyle, paint: (format: Format, text: string) => string): string {
  const scanned = `${report.filesScanned} file${report.filesScanned === 1 ? '' : 's'} scanned${suppressionCounts(report)}`;
  if (report.findings.length === 0) return paint('green', `No findings (${scanned}).`);
  const counts = countBySeverity(report.findings);
  const found = (['error', 'warning', 'information'] as const).filter((severity) => counts[severity] > 0)
    .map((severity) => `${counts[severity]} ${severity}${counts[severity] === 1 || severity === 'information' ? '' : 's'}`).join(', ');
  const files = new Set(report.findings.map((finding) => finding.file)).size;
  const where = `${found} in ${files} file${files === 1 ? '' : 's'} (${scanned}).`;
  if (!failsAt(report.findings, style.failOn)) return paint('bold', where);
  return `${paint(['bold', counts.error > 0 ? 'red' : 'yellow'], where)} Fix them, or run with --fail-on never to report only.`;
}

/** "; 2 suppressed, 3 in baseline, 1 suppression expired": accepted findings are counted, never silently dropped. */
function suppressionCounts(report: Report): string {
  const expired = report.findings.filter((finding) => finding.suppression?.expired).length;
  const parts = [
    ...(report.suppressed.length > 0 ? [`${report.suppressed.length} suppressed`] : []),
    ...(report.baselined && report.baselined.length > 0 ? [`${report.baselined.length} in baseline`] : []),
    ...(expired > 0 ? [`${expired} suppression${expired === 1 ? '' : 's'} expired`] : []),
  ];
  return parts.length > 0 ? `; ${parts.join(', ')}` : '';
}

function byFile(findings: readonly ReportedFinding[]): Map<string, ReportedFinding[]> {
  const groups = new Map<string, ReportedFinding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.file);
    if (group) group.push(finding);
    else groups.set(finding.file, [finding]);
  }
  return groups;
}
