import * as path from 'path';
import { Finding, isSuppressed, Severity } from '../core/model';
import { lineStarts, positionOf } from '../core/text';
import type { AuditReport, DeployedResult } from '../audit/runAudit';
import type { AuditCallError } from '../core/deployed/snapshot';
import { driftNote } from '../core/drift/compare';
import { reportedSuppression, ReportedSuppression } from './report';

/** One finding of an audit as the CLI reports it: the resource by ARN, where in its text (as AWS returned it). */
export interface AuditFinding {
  resource: string;
  rule: string;
  severity: Severity;
  message: string;
  /** The statement's Sid, `Statement[N]` (0-based) when it has none, or null for a finding about no statement (replication). */
  statement: string | null;
  kind: string;
  account: string;
  region: string;
  /** 1-based, in the policy text as AWS returned it (what the editor shows). */
  line: number;
  column: number;
  suppression?: ReportedSuppression;
  /** policy-drift: the workspace file that defines the resource's policy, relative to the current directory. */
  definedIn?: string;
}

export interface AuditFindings {
  findings: AuditFinding[];
  /** Accepted on purpose (trust-list suppressions naming the resource): never fail the run. */
  suppressed: AuditFinding[];
  /** Deployed policies whose definition could not be compared (values known only at deployment): no drift is claimed, and the report says why. */
  notCompared: NotCompared[];
}

export interface NotCompared {
  resource: string;
  /** The workspace file that defines it, relative to the current directory. */
  definedIn: string;
  reason: string;
}

export function auditFindings(results: readonly DeployedResult[]): AuditFindings {
  const out: AuditFindings = { findings: [], suppressed: [], notCompared: [] };
  for (const { resource, result, drift } of results) {
    const note = drift ? driftNote(drift) : undefined;
    if (note && drift?.definition) out.notCompared.push({ resource: resource.arn, definedIn: relativeFile(drift.definition.file), reason: note });
    if (result.findings.length === 0) continue;
    const starts = lineStarts(resource.text);
    for (const finding of result.findings) {
      const reported: AuditFinding = {
        resource: resource.arn, rule: finding.rule, severity: finding.severity, message: finding.message, statement: statementOf(finding),
        kind: resource.kind, account: resource.account, region: resource.region, ...positionOf(resource.text, starts, finding.span.offset),
        ...(finding.suppression ? { suppression: reportedSuppression(finding.suppression) } : {}),
        ...(finding.rule === 'policy-drift' && drift?.definition ? { definedIn: relativeFile(drift.definition.file) } : {}),
      };
      (isSuppressed(finding) ? out.suppressed : out.findings).push(reported);
    }
  }
  return out;
}

function relativeFile(file: string): string {
  return path.isAbsolute(file) ? path.relative(process.cwd(), file) || file : file;
}

function statementOf(finding: Finding): string | null {
  if (finding.data.sid !== undefined && finding.data.sid !== '') return finding.data.sid;
  return finding.data.statementIndex >= 0 ? `Statement[${finding.data.statementIndex}]` : null;
}

/** The call errors as reported: the resource only when the call was about one. */
export function reportedErrors(errors: readonly AuditCallError[]): AuditCallError[] {
  return errors.map(({ region, operation, resource, code, message }) => ({ region, operation, ...(resource !== undefined ? { resource } : {}), code, message }));
}

/**
 * The JSON report. The contract is `{repositoriesScanned, regions, findings: [{resource, rule, severity,
 * message, statement}], errors}`; the other fields (`accounts`, `suppressed`, `notCompared`, a finding's
 * kind, account, region and position) are additions after them.
 */
export function auditJson(report: AuditReport, found: AuditFindings): string {
  return JSON.stringify({
    repositoriesScanned: report.repositoriesScanned, regions: report.regions, findings: found.findings, errors: reportedErrors(report.errors),
    accounts: report.accounts, ...(found.suppressed.length > 0 ? { suppressed: found.suppressed } : {}),
    ...(found.notCompared.length > 0 ? { notCompared: found.notCompared } : {}),
  }, null, 2);
}

/** "1 call failed: GetRepositoryPolicy arn:...: AccessDeniedException: ..." lines, for stderr and the text report. */
export function errorLine(error: AuditCallError): string {
  return `${error.region} ${error.operation}${error.resource ? ` ${error.resource}` : ''}: ${error.code}: ${error.message}`;
}
