import { CancellationToken, RelativePattern, workspace, WorkspaceFolder } from 'vscode';
import { CANDIDATE_GLOB } from '../../../server/src/protocol';
import { excludePattern } from './globs';

/** Never the team's own policies: dependencies, VCS data, provider caches (the CLI skips them too). */
const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**', '**/.terraform/**'];

/**
 * The candidate files of every workspace folder, found by VS Code itself so that files.exclude and
 * search.exclude apply exactly as in the Explorer and in search. Patterns with a `when` clause (sibling
 * conditions) are not applied.
 */
export async function findCandidateFiles(token: CancellationToken): Promise<string[]> {
  const files: string[] = [];
  for (const folder of workspace.workspaceFolders ?? []) {
    if (token.isCancellationRequested) break;
    const found = await workspace.findFiles(new RelativePattern(folder, CANDIDATE_GLOB), excludeGlob(folder), undefined, token);
    for (const uri of found) files.push(uri.toString());
  }
  return files;
}

/** Whether .gitignore files apply, as in VS Code's own search (search.useIgnoreFiles, default true). */
export function useIgnoreFiles(): boolean {
  return workspace.getConfiguration('search').get<boolean>('useIgnoreFiles', true);
}

export function excludeGlob(folder: WorkspaceFolder): string {
  const settings = ['files', 'search'].map((section) => workspace.getConfiguration(section, folder.uri).get<Record<string, unknown>>('exclude') ?? {});
  return excludePattern(ALWAYS_EXCLUDED, settings);
}
