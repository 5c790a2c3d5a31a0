import type { AuditReport } from '../audit/runAudit';
import { buildSarif } from '../export/sarif';
import { toolVersion } from '../node/toolVersion';
import { errorLine } from './auditReport';
import { sarifFindings } from './sarif';

/**
 * SARIF 2.1.0 of an audit: each result's artifact location is the resource's ARN (an absolute URI, scheme
 * `arn`), its region where the finding is in the policy text as AWS returned it; failed calls are error
 * notifications, as files that could not be checked are for `scan`.
 */
export function auditSarif(report: AuditReport): string {
  const findings = report.results.flatMap(({ resource, result }) => (result.findings.length > 0 ? sarifFindings(resource.arn, resource.text, result.findings) : []));
  const failures = report.errors.map((error) => `call failed: ${errorLine(error)}`);
  return JSON.stringify(buildSarif(findings, { toolVersion: toolVersion(), failures }), null, 2);
}
