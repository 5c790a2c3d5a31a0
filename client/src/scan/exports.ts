import { Uri, window, workspace } from 'vscode';
import type { ExportFormat } from '../../../server/src/protocol';

const EXTENSION: Record<ExportFormat, string> = { markdown: 'md', csv: 'csv', sarif: 'sarif' };
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

/** Where to write: the given target, else a save dialog in the first workspace folder. */
export async function exportTarget(format: ExportFormat, target: Uri | undefined): Promise<Uri | undefined> {
  if (target) return target;
  const folder = workspace.workspaceFolders?.[0]?.uri;
  const name = `${format === 'sarif' ? 'ecr-guard' : 'ecr-grants'}-${new Date().toISOString().slice(0, 10)}.${EXTENSION[format]}`;
  return window.showSaveDialog({ defaultUri: folder ? Uri.joinPath(folder, name) : undefined, filters: FILTERS[format], saveLabel: 'Export' });
}
