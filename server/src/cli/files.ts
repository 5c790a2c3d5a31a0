import * as fs from 'fs';
import * as path from 'path';
import { sourceKindOf } from '../core/analyze';
import { SKIPPED_FOLDERS } from '../core/scan';
import { TRUST_FILE_NAME } from '../core/trust';


export interface Skipped {
  file: string;
  reason: string;
}

/** Every file under the given paths that ECR Guard can read; folders are walked, named files are taken as they are. */
export function* candidateFiles(paths: readonly string[], skipped: Skipped[]): Generator<string> {
  for (const start of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(start);
    } catch {
      skipped.push({ file: start, reason: 'not found' });
      continue;
    }
    if (stat.isDirectory()) yield* walk(start, skipped);
    else yield start;
  }
}

function* walk(folder: string, skipped: Skipped[]): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    skipped.push({ file: folder, reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? error})` });
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) yield* walk(full, skipped);
    } else if (entry.isFile() && sourceKindOf(entry.name) && entry.name !== TRUST_FILE_NAME) {
      yield full;
    }
  }
}
