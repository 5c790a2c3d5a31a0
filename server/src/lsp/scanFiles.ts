import * as fs from 'fs';
import * as path from 'path';
import { CancellationToken, WorkspaceFolder } from 'vscode-languageserver/node';
import { sourceKindOf } from '../core/analyze';
import { SKIPPED_FOLDERS } from '../core/scan';
import { TRUST_FILE_NAME } from '../core/trust';
import { cannotBeRead } from '../node/readPolicyFile';

// Which files a workspace scan looks at, how it groups them into work, and how it reads them.

export interface FileRef {
  uri: string;
  /** Local path (the scan reads `file:` URIs only). */
  path: string;
  folder: WorkspaceFolder | undefined;
}

export type WorkItem =
  | { kind: 'json'; file: FileRef }
  /** A Terraform module: the candidates of one folder; the folder's other .tf files give context only. */
  | { kind: 'terraform'; folderPath: string; files: FileRef[] };


/** A file the scan looks at: JSON, JSONC or Terraform, outside skipped folders, not a trust list. */
export function isCandidate(file: string): boolean {
  const name = path.basename(file);
  if (!sourceKindOf(name) || name === TRUST_FILE_NAME) return false;
  return !file.split(/[\\/]/).some((segment) => SKIPPED_FOLDERS.has(segment));
}

export function workItemsOf(refs: readonly FileRef[]): WorkItem[] {
  const items: WorkItem[] = [];
  const modules = new Map<string, Extract<WorkItem, { kind: 'terraform' }>>();
  for (const file of refs) {
    if (sourceKindOf(file.path) === 'json') {
      items.push({ kind: 'json', file });
      continue;
    }
    const folderPath = path.dirname(file.path);
    const module = modules.get(folderPath);
    if (module) {
      module.files.push(file);
    } else {
      const created = { kind: 'terraform' as const, folderPath, files: [file] };
      modules.set(folderPath, created);
      items.push(created);
    }
  }
  return items;
}

export function folderOf(uri: string, folders: readonly WorkspaceFolder[]): WorkspaceFolder | undefined {
  return folders
    .filter((folder) => uri === folder.uri || uri.startsWith(folder.uri.endsWith('/') ? folder.uri : `${folder.uri}/`))
    .sort((a, b) => b.uri.length - a.uri.length)[0];
}

/**
 * Finds the candidate files under a folder. Entries that are neither files nor folders (FIFOs, devices,
 * symlinks) are found too: reading them gives the reason they are skipped. A folder that cannot be listed
 * is reported, not silently left out.
 */
export async function walk(folder: string, found: (file: string) => void, unreadable: (folder: string, reason: string) => void, token: CancellationToken): Promise<void> {
  if (token.isCancellationRequested) return;
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(folder, { withFileTypes: true });
  } catch (error) {
    unreadable(folder, `folder ${cannotBeRead(error)}`);
    return;
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) await walk(full, found, unreadable, token);
    } else if (sourceKindOf(entry.name)) {
      found(full);
    }
  }
}

/** Each file once, by its normalised path (a client may list one file many times, or spell it differently). */
export function uniqueFiles(refs: readonly FileRef[]): FileRef[] {
  const byPath = new Map<string, FileRef>();
  for (const ref of refs) if (!byPath.has(ref.path)) byPath.set(ref.path, ref);
  return [...byPath.values()];
}

