import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ExportFormat } from '../../../server/src/protocol';

/** Where the save dialog of an export starts. Pure but for the file system look-up: no vscode imports. */

const EXTENSION: Record<ExportFormat, string> = { markdown: 'md', csv: 'csv', sarif: 'sarif' };

/** "ecr-grants-infra-2026-06-01.md": what it is, of which workspace, from when. */
export function exportFileName(format: ExportFormat, workspaceName: string | undefined, now = new Date()): string {
  const workspacePart = (workspaceName ?? '').replace(/\s*\(Workspace\)$/, '').replace(/[^\w.-]+/g, '-').replace(/^[-.]+|-+$/g, '');
  return [format === 'sarif' ? 'ecr-guard-findings' : 'ecr-grants', workspacePart, now.toISOString().slice(0, 10)].filter(Boolean).join('-') + `.${EXTENSION[format]}`;
}

/**
 * The folder the save dialog starts in: the user's Downloads folder, else their home, else the temp folder;
 * never the repository, where an export would be one `git add .` away from being committed.
 */
export function defaultExportFolder(home = os.homedir(), exists: (folder: string) => boolean = isFolder): string {
  const downloads = home ? path.join(home, 'Downloads') : '';
  if (downloads && exists(downloads)) return downloads;
  return home && exists(home) ? home : os.tmpdir();
}

function isFolder(folder: string): boolean {
  try {
    return fs.statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

