import * as fs from 'fs';
import * as path from 'path';
import { isWalkCandidate, SKIPPED_FOLDERS } from '../core/sources/registry';
import { TRUST_FILE_NAME } from '../core/trust';
import { cannotBeRead } from '../node/readPolicyFile';
import { folderOf } from '../core/batch';


export interface Skipped {
  file: string;
  reason: string;
}

/**
 * Every file under the given paths that ECR Guard can read, each once however often it is named (`scan a a`,
 * `scan . ./x.json`); folders are walked, named files are taken as they are. Entries that are neither files
 * nor folders (FIFOs, devices, symlinks) are taken too: reading them gives the reason they are skipped.
 */
export function* candidateFiles(paths: readonly string[], skipped: Skipped[]): Generator<string> {
  const seen = new Set<string>();
  for (const file of namedFiles(paths, skipped)) {
    const key = path.resolve(file);
    if (seen.has(key)) continue;
    seen.add(key);
    yield file;
  }
}

/** The files of each path as given (a repeated path once), before duplicates across spellings are dropped. */
function* namedFiles(paths: readonly string[], skipped: Skipped[]): Generator<string> {
  for (const start of new Set(paths)) {
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
    skipped.push({ file: folder, reason: `folder ${cannotBeRead(error)}` });
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) yield* walk(full, skipped);
    } else if (isWalkCandidate(entry.name, TRUST_FILE_NAME)) {
      yield full;
    }
  }
}

/** Files grouped by folder, in the order of the walk: a Terraform module is a folder, scanned together. */
export function byFolder(files: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const group = groups.get(folderOf(file));
    if (group) group.push(file);
    else groups.set(folderOf(file), [file]);
  }
  return [...groups.values()];
}
