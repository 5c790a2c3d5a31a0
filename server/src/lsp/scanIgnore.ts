import * as fs from 'fs';
import * as path from 'path';
import ignore, { Ignore } from 'ignore';
import { readPolicyFile } from '../node/readPolicyFile';

/**
 * .gitignore for the workspace scan, as git reads it: the rules of every .gitignore from the repository root
 * (the nearest folder above the workspace folder with a .git, else the workspace folder) down to the file's
 * folder, deeper files overriding shallower ones, plus .git/info/exclude; a file inside an ignored folder is
 * ignored whatever deeper rules say, since git never looks inside that folder. Rules are read once per scan.
 */
export class GitIgnores {
  private readonly rules = new Map<string, Promise<Ignore | undefined>>();
  private readonly folders = new Map<string, Promise<boolean>>();
  private readonly roots = new Map<string, Promise<string>>();

  /** Whether `file` (an absolute path under `workspaceFolder`) is ignored. */
  async ignores(workspaceFolder: string, file: string): Promise<boolean> {
    const root = await this.root(workspaceFolder);
    const relative = path.relative(root, file);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return false;
    const segments = relative.split(path.sep);
    // Folders first, shallowest first: an ignored folder hides everything below it.
    let folder = root;
    for (const segment of segments.slice(0, -1)) {
      folder = path.join(folder, segment);
      if (await this.folderIgnored(root, folder)) return true;
    }
    return this.verdict(root, file, false);
  }

  private folderIgnored(root: string, folder: string): Promise<boolean> {
    let verdict = this.folders.get(folder);
    if (!verdict) {
      verdict = this.verdict(root, folder, true);
      this.folders.set(folder, verdict);
    }
    return verdict;
  }

  /** The last rule that matches, from the root's .gitignore down to the one beside `target`. */
  private async verdict(root: string, target: string, isFolder: boolean): Promise<boolean> {
    let ignored = false;
    const parents: string[] = [];
    for (let folder = path.dirname(target); ; folder = path.dirname(folder)) {
      parents.unshift(folder);
      if (folder === root || path.dirname(folder) === folder) break;
    }
    for (const folder of parents) {
      const rules = await this.rulesOf(root, folder);
      if (!rules) continue;
      const relative = path.relative(folder, target).split(path.sep).join('/');
      const result = rules.test(isFolder ? `${relative}/` : relative);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }

  private rulesOf(root: string, folder: string): Promise<Ignore | undefined> {
    let rules = this.rules.get(folder);
    if (!rules) {
      const files = [path.join(folder, '.gitignore'), ...(folder === root ? [path.join(root, '.git', 'info', 'exclude')] : [])];
      rules = Promise.all(files.map(readText)).then((texts) => {
        const present = texts.filter((text): text is string => text !== undefined);
        if (present.length === 0) return undefined;
        const rules = ignore({ allowRelativePaths: true });
        // One add() per file: given an array, ignore() takes each element as a single pattern.
        for (const text of present) rules.add(text);
        return rules;
      });
      this.rules.set(folder, rules);
    }
    return rules;
  }

  private root(workspaceFolder: string): Promise<string> {
    let root = this.roots.get(workspaceFolder);
    if (!root) {
      root = findRepositoryRoot(workspaceFolder);
      this.roots.set(workspaceFolder, root);
    }
    return root;
  }
}

async function findRepositoryRoot(folder: string): Promise<string> {
  for (let current = folder; ; current = path.dirname(current)) {
    if (await exists(path.join(current, '.git'))) return current;
    if (path.dirname(current) === current) return folder;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.promises.access(file);
    return true;
  } catch {
    return false;
  }
}

/** Ignore files are read as policies are: a FIFO or a device named .gitignore must not stall the scan. */
const IGNORE_FILE_MAX_BYTES = 10 * 1024 * 1024;

async function readText(file: string): Promise<string | undefined> {
  const read = await readPolicyFile(file, IGNORE_FILE_MAX_BYTES);
  return 'text' in read ? read.text : undefined;
}
