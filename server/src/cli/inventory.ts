import * as path from 'path';
import { Grant } from '../core/inventory';
import { fileGrants } from '../core/replicationGrants';
import { lineStarts, positionOf } from '../core/text';
import { TrustList } from '../core/trust';
import { FileResult } from '../core/batch';
import { InventoryRow, inventoryCsv, inventoryMarkdown, rowFields } from '../export/inventoryReport';

/** Grants of one file as inventory rows, with 1-based line and column where the editor shows them. */
export function inventoryRows(file: string, text: string, result: FileResult, trust: TrustList | undefined, now: Date, starts?: readonly number[]): InventoryRow[] {
  if (result.policies === 0) return [];
  const grants = fileGrants(result, result.findings, { trust, now });
  if (grants.length === 0) return [];
  const lines = starts ?? lineStarts(text);
  return grants.map((grant) => toRow(file, text, lines, grant));
}

function toRow(file: string, text: string, starts: readonly number[], grant: Grant): InventoryRow {
  return { ...rowFields(grant), file, ...positionOf(text, starts, grant.span.offset) };
}

/** The inventory file's text: Markdown for `.md`, CSV otherwise. */
export function inventoryText(file: string, rows: readonly InventoryRow[], trustFiles: readonly string[]): string {
  if (/\.(md|markdown)$/i.test(file)) {
    const generated = `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ecr-guard scan in ${path.basename(process.cwd())}`;
    return inventoryMarkdown(rows, { generated, trustLists: [...trustFiles] });
  }
  return inventoryCsv(rows);
}
