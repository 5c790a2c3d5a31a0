import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from './arguments';
import { moduleSourceFor } from '../core/sources/registry';
import { moduleFileNamesSync } from '../node/moduleFiles';
import { cannotBeRead, readPolicyFileSync } from '../node/readPolicyFile';
import { TrustFinder } from './trust';

/**
 * Checks made before anything is scanned or written: the PATHs exist, and the report and the inventory
 * will not overwrite a file the scan reads (a policy, a module's .tf file, a trust list) or each other.
 */

/** Every PATH must exist: a typo that scans nothing would otherwise pass a CI gate. */
export function checkPathsExist(paths: readonly string[]): void {
  const problems = paths.flatMap((file) => {
    try {
      fs.statSync(file);
      return [];
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return [code === 'ENOENT' || code === 'ENOTDIR' ? `${file} does not exist` : `${file} ${cannotBeRead(error)}`];
    }
  });
  if (problems.length > 0) throw new UsageError(problems.join('\n'), false);
}

/** A --var-file must be a readable regular file: a missing one would silently leave the defaults in force. */
export function checkVarFiles(files: readonly string[]): void {
  const problems = files.flatMap((file) => {
    const read = readPolicyFileSync(file, 2 * 1024 * 1024);
    return 'reason' in read ? [`--var-file ${file}: ${read.reason}`] : [];
  });
  if (problems.length > 0) throw new UsageError(problems.join('\n'), false);
}

export interface OutputTarget {
  flag: '--output' | '--inventory' | '--write-baseline';
  file: string;
}

/**
 * Refuses outputs that name a file the scan reads, compared as files (symlinks followed, hard links by
 * device and inode), and two outputs that name the same file. An output that does not exist yet cannot be
 * a scanned file, so the usual run stats nothing.
 */
export function checkOutputTargets(targets: readonly OutputTarget[], candidates: readonly string[], trust: string | undefined): void {
  targets.forEach((target, i) => {
    const twin = targets.slice(i + 1).find((other) => sameTarget(target.file, other.file));
    if (twin) throw new UsageError(`${target.flag} and ${twin.flag} name the same file (${target.file})`, false);
  });
  const existing = targets.flatMap((target) => {
    const id = identity(target.file, true);
    return id ? [{ target, id }] : [];
  });
  if (existing.length === 0) return;
  for (const file of filesRead(candidates, trust)) {
    const id = identity(file, false);
    const clash = id && existing.find((entry) => sameFile(entry.id, id, file));
    if (clash) {
      const what = path.resolve(file) === path.resolve(clash.target.file) ? 'a file' : `the same file as ${path.relative(process.cwd(), file) || file}, which`;
      throw new UsageError(`${clash.target.flag} ${clash.target.file} is ${what} this scan reads; write it elsewhere`, false);
    }
  }
}

/** The candidates, the other files of their modules (read as context) and the trust lists they use. */
function* filesRead(candidates: readonly string[], trust: string | undefined): Generator<string> {
  yield* candidates;
  const folders = new Set(candidates.map((file) => path.dirname(path.resolve(file))));
  const moduleFolders = new Map<string, readonly string[]>();
  for (const file of candidates) {
    const source = moduleSourceFor(file);
    if (source) moduleFolders.set(path.dirname(path.resolve(file)), source.extensions);
  }
  for (const [folder, extensions] of moduleFolders) {
    for (const name of moduleFileNamesSync(folder, extensions)) yield path.join(folder, name);
  }
  if (trust !== undefined) {
    yield path.resolve(trust);
    return;
  }
  const finder = new TrustFinder();
  const found = new Set<string>();
  for (const folder of folders) {
    const nearest = finder.nearest(path.join(folder, 'x'));
    if (nearest && !found.has(nearest)) {
      found.add(nearest);
      yield nearest;
    }
  }
}

interface Identity {
  dev: bigint;
  ino: bigint;
  /** The real path, where the file system gives no inode numbers (0) to compare. */
  real?: string;
}

function identity(file: string, withRealPath: boolean): Identity | undefined {
  try {
    const stat = fs.statSync(file, { bigint: true });
    return { dev: stat.dev, ino: stat.ino, real: withRealPath || stat.ino === 0n ? realPath(file) : undefined };
  } catch {
    return undefined;
  }
}

function sameFile(target: Identity, other: Identity, otherFile: string): boolean {
  if (target.ino !== 0n && other.ino !== 0n) return target.dev === other.dev && target.ino === other.ino;
  return target.real !== undefined && target.real === (other.real ?? realPath(otherFile));
}

function realPath(file: string): string | undefined {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return undefined;
  }
}

/** Two output paths that are one file: as files when both exist, else by their folders' real paths. */
function sameTarget(a: string, b: string): boolean {
  const first = identity(a, true);
  const second = identity(b, true);
  if (first && second) return sameFile(first, second, b);
  return canonical(a) === canonical(b);
}

function canonical(file: string): string {
  const resolved = path.resolve(file);
  const folder = realPath(path.dirname(resolved));
  return folder === undefined ? resolved : path.join(folder, path.basename(resolved));
}
