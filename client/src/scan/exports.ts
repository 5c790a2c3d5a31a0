import * as path from 'path';
import { Uri, window, workspace } from 'vscode';
import type { ExportFormat } from '../../../server/src/protocol';
import { defaultExportFolder, exportFileName } from './exportNames';

const FILTERS: Record<ExportFormat, Record<string, string[]>> = {
  markdown: { Markdown: ['md'] },
  csv: { CSV: ['csv'] },
  sarif: { SARIF: ['sarif', 'json'] },
};

/** What an export holds, for the messages: grants of the inventory, or findings (SARIF). */
export function exportedItems(format: ExportFormat, count: number): string {
  const what = format === 'sarif' ? 'finding' : 'grant';
  return `${count} ${what}${count === 1 ? '' : 's'}`;
}

/** Where to write: the given target (tests, other extensions), else what the user picks in a save dialog. */
export async function exportTarget(format: ExportFormat, target: Uri | undefined): Promise<Uri | undefined> {
  if (target) return target;
  const defaultUri = Uri.file(path.join(defaultExportFolder(), exportFileName(format, workspace.name)));
  return window.showSaveDialog({ defaultUri, filters: FILTERS[format], saveLabel: 'Export', title: `ECR Guard: export ${format === 'sarif' ? 'findings as SARIF' : `grants inventory as ${format === 'csv' ? 'CSV' : 'Markdown'}`}` });
}
