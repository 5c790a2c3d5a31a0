import * as fs from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { HostFiles } from '../core/terraform/host';
import { readPolicyFileSync } from './readPolicyFile';

/** Largest file the core may read besides the scanned ones (var files, templates, a module's sources). */
const MAX_HOST_FILE = 2 * 1024 * 1024;

/**
 * The core's file access on Node: regular files only and bounded (a FIFO or a device in a cloned
 * repository must not stall a scan), by path, or by `file:` URI in the editor.
 */
export function nodeHostFiles(): HostFiles {
  return {
    read(name) {
      const file = pathOf(name);
      if (file === undefined) return undefined;
      const read = readPolicyFileSync(file, MAX_HOST_FILE);
      return 'reason' in read ? undefined : read.text;
    },
    list(folder) {
      const dir = pathOf(folder === '' ? '.' : folder);
      if (dir === undefined) return undefined;
      try {
        return fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => nameIn(folder, dir, entry.name));
      } catch {
        return undefined;
      }
    },
  };
}

/** An entry named the way its folder was: a `file:` URI as the editor's other files are, else a path. */
function nameIn(folder: string, dir: string, entry: string): string {
  if (folder.startsWith('file:')) return URI.file(path.join(dir, entry)).toString();
  return folder === '' ? entry : path.join(dir, entry);
}

function pathOf(name: string): string | undefined {
  if (!/^[a-z][a-z0-9+.-]+:/i.test(name) || /^[a-z]:[\\/]/i.test(name)) return name;
  const uri = URI.parse(name);
  return uri.scheme === 'file' ? uri.fsPath : undefined;
}
