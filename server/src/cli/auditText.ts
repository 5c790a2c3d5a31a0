import { styleText } from 'node:util';
import { Severity } from '../core/model';
import type { AuditReport } from '../audit/runAudit';
import { countBySeverity } from './report';
import { failsAt } from './textReport';
import { AuditFinding, AuditFindings, errorLine } from './auditReport';

type Format = Parameters<typeof styleText>[0];
const SEVERITY_COLOUR: Record<Severity, Format> = { error: 'red', warning: 'yellow', information: 'blue' };

/**
 * As `scan` prints files: each resource's ARN, then one `line:column  severity  message  rule  (statement)`
 * row per finding, the calls that failed, and the summary last.
 */
export function auditText(report: AuditReport, found: AuditFindings, style: { colour: boolean; failOn: Severity | 'never' }): string {
  const paint = (format: Format, text: string): string => (style.colour ? styleText(format, text) : text);
  const lines: string[] = [];
  for (const [resource, findings] of byResource(found.findings)) {
    const positions = findings.map((finding) => `${finding.line}:${finding.column}`);
    const positionWidth = Math.max(...positions.map((position) => position.length));
    const severityWidth = Math.max(...findings.map((finding) => finding.severity.length));
    lines.push(paint('underline', resource));
    findings.forEach((finding, i) => {
      const statement = finding.statement === null ? '' : `  ${paint('dim', `(${finding.statement})`)}`;
      lines.push(`  ${paint('dim', positions[i].padEnd(positionWidth))}  ${paint(SEVERITY_COLOUR[finding.severity], finding.severity.padEnd(severityWidth))}  ${finding.message}  ${paint('dim', finding.rule)}${statement}`);
    });
    lines.push('');
  }
  if (found.notCompared.length > 0) {
    const count = found.notCompared.length;
    lines.push(paint('bold', `${count} polic${count === 1 ? 'y' : 'ies'} not compared with the IaC (no drift is claimed):`));
    for (const { resource, reason } of found.notCompared) lines.push(`  ${resource}: ${reason}`);
    lines.push('');
  }
  if (report.errors.length > 0) {
    lines.push(paint('bold', `${report.errors.length} call${report.errors.length === 1 ? '' : 's'} failed (the audit went on without ${report.errors.length === 1 ? 'it' : 'them'}):`));
    for (const error of report.errors) lines.push(`  ${errorLine(error)}`);
    lines.push('');
  }
  lines.push(auditSummary(report, found, style, paint));
  return lines.join('\n');
}

export function auditSummary(report: AuditReport, found: AuditFindings, style: { failOn: Severity | 'never' }, paint: (format: Format, text: string) => string = (_f, text) => text): string {
  const regions = `${report.regions.length} region${report.regions.length === 1 ? '' : 's'}`;
  const suppressed = found.suppressed.length > 0 ? `; ${found.suppressed.length} suppressed` : '';
  const failed = report.errors.length > 0 ? `; ${report.errors.length} call${report.errors.length === 1 ? '' : 's'} failed` : '';
  const scanned = `${report.repositoriesScanned} repositor${report.repositoriesScanned === 1 ? 'y' : 'ies'} in ${regions} audited${suppressed}${failed}`;
  if (found.findings.length === 0) return paint(report.errors.length > 0 ? 'yellow' : 'green', `No findings (${scanned}).`);
  const counts = countBySeverity(found.findings);
  const what = (['error', 'warning', 'information'] as const).filter((severity) => counts[severity] > 0)
    .map((severity) => `${counts[severity]} ${severity}${counts[severity] === 1 || severity === 'information' ? '' : 's'}`).join(', ');
  const resources = new Set(found.findings.map((finding) => finding.resource)).size;
  const where = `${what} in ${resources} resource${resources === 1 ? '' : 's'} (${scanned}).`;
  if (!failsAt(found.findings, style.failOn)) return paint('bold', where);
  return `${paint(['bold', counts.error > 0 ? 'red' : 'yellow'], where)} Fix them in the IaC that defines them, or run with --fail-on never to report only.`;
}

function byResource(findings: readonly AuditFinding[]): Map<string, AuditFinding[]> {
  const groups = new Map<string, AuditFinding[]>();
  for (const finding of findings) groups.set(finding.resource, [...(groups.get(finding.resource) ?? []), finding]);
  return groups;
}
