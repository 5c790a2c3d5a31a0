import * as fs from 'fs';
import * as path from 'path';
import { CancellationToken, WorkspaceFolder } from 'vscode-languageserver/node';
import { BatchItem, planBatch } from '../core/batch';
import { isWalkCandidate, mayBePolicyFile, SKIPPED_FOLDERS } from '../core/sources/registry';
import { TRUST_FILE_NAME } from '../core/trust';
import { cannotBeRead } from '../node/readPolicyFile';

// Which files a workspace scan looks at, how it groups them into work, and how it reads them.

export interface FileRef {
  uri: string;
  /** Local path (the scan reads `file:` URIs only). */
  path: string;
  folder: WorkspaceFolder | undefined;
}

/** A file of a file source alone, or a module source's candidates of one folder (its other files give context only). */
export type WorkItem = BatchItem<FileRef>;

/** A file the scan looks at: one some source may read, outside skipped folders, not a trust list. */
export function isCandidate(file: string): boolean {
  return isWalkCandidate(file, TRUST_FILE_NAME);
}

export function workItemsOf(refs: readonly FileRef[]): WorkItem[] {
  return planBatch(refs, (ref) => ref.path);
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
    } else if (mayBePolicyFile(entry.name)) {
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

