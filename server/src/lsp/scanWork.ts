import * as path from 'path';
import { CancellationToken, WorkspaceFolder } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { FileRef, folderOf, isCandidate, uniqueFiles, walk, WorkItem, workItemsOf } from './scanFiles';
import { GitIgnores } from './scanIgnore';
import { ScanWorkspaceParams } from '../protocol';
import { TimeSlices } from './scanSlices';
import { Stats } from './scanStats';
import { Settings } from './settings';

export interface WorkHost {
  folders(): readonly WorkspaceFolder[];
  settings(scopeUri: string): Promise<Settings>;
}

/** The scan's work list: the files the client listed or the enabled folders hold, less what .gitignore ignores. */
export async function findWork(params: ScanWorkspaceParams, host: WorkHost, stats: Stats, token: CancellationToken): Promise<WorkItem[]> {
  const folders = host.folders();
  const enabled: WorkspaceFolder[] = [];
  for (const folder of folders) if ((await host.settings(folder.uri)).enable) enabled.push(folder);
  const refs = params.files ? listedFiles(params.files, folders, enabled) : await walkedFiles(enabled, stats, token);
  const candidates = uniqueFiles(refs).filter((ref) => isCandidate(ref.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  stats.candidates = candidates.length;
  const kept = params.useIgnoreFiles !== false ? await notIgnored(candidates, stats, token) : candidates;
  return workItemsOf(kept);
}

function listedFiles(files: readonly string[], folders: readonly WorkspaceFolder[], enabled: readonly WorkspaceFolder[]): FileRef[] {
  const refs: FileRef[] = [];
  for (const listed of new Set(files)) {
    const parsed = URI.parse(listed);
    if (parsed.scheme !== 'file') continue;
    // One spelling per file (`a/./b.json`, `a//b.json`, escapes), so that each is read and reported once.
    const file = path.normalize(parsed.fsPath);
    const uri = URI.file(file).toString();
    const folder = folderOf(uri, folders);
    if (folder && !enabled.includes(folder)) continue;
    refs.push({ uri, path: file, folder });
  }
  return refs;
}

async function walkedFiles(enabled: readonly WorkspaceFolder[], stats: Stats, token: CancellationToken): Promise<FileRef[]> {
  const refs: FileRef[] = [];
  const unreadable = (folder: string, reason: string): void => stats.skip(URI.file(folder).toString(), reason);
  for (const folder of enabled) {
    const root = URI.parse(folder.uri);
    if (root.scheme === 'file') await walk(root.fsPath, (file) => refs.push({ uri: URI.file(file).toString(), path: file, folder }), unreadable, token);
  }
  return refs;
}

async function notIgnored(candidates: readonly FileRef[], stats: Stats, token: CancellationToken): Promise<FileRef[]> {
  const ignores = new GitIgnores();
  const kept: FileRef[] = [];
  const slices = new TimeSlices();
  for (const ref of candidates) {
    if (token.isCancellationRequested) break;
    await slices.yieldIfDue();
    const root = ref.folder ? URI.parse(ref.folder.uri).fsPath : path.dirname(ref.path);
    if (await ignores.ignores(root, ref.path)) stats.ignored++;
    else kept.push(ref);
  }
  return kept;
}
