import type { AuditReport } from '../audit/runAudit';
import { TrustList } from '../core/trust';
import { inventoryCsv, inventoryMarkdown } from '../export/inventoryReport';
import { inventoryRows } from './inventory';

/** Every cross-account grant of the deployed policies, for an access review: the `file` of a row is the resource's ARN. */
export function auditInventory(format: 'markdown' | 'csv', report: AuditReport, trust: TrustList | undefined, trustFiles: readonly string[], now = new Date()): string {
  const rows = report.results.flatMap(({ resource, result }) => inventoryRows(resource.arn, resource.text, result, trust, now));
  if (format === 'csv') return inventoryCsv(rows);
  const accounts = report.accounts.length > 0 ? report.accounts.join(', ') : 'no account';
  const generated = `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC, ecr-guard audit of ${accounts} in ${report.regions.join(', ') || 'no region'}`;
  return inventoryMarkdown(rows, { title: 'ECR cross-account grants (deployed)', generated, trustLists: [...trustFiles] });
}
