import * as fs from 'fs';
import * as path from 'path';
import { parseTrustList, ParsedTrustList, TRUST_FILE_NAME } from '../core/trust';
import { readTrustListSync } from '../node/readTrustList';

export { TRUST_FILE_NAME };

/** A trust file's parsed list and its text, or why it could not be read (a FIFO, a device, too large, missing). */
export function loadTrustFile(file: string): (ParsedTrustList & { text: string }) | { reason: string } {
  const read = readTrustListSync(file);
  if (!('text' in read)) return { reason: read.reason };
  const parsed = parseTrustList(read.text, path.relative(process.cwd(), file) || file);
  parsed.list.location = path.resolve(file);
  return { ...parsed, text: read.text };
}

/**
 * Finds the trust list that governs a file: the nearest `.ecr-trust.json` in its folder or above, as the
 * editor uses the one at the workspace folder root. Lookups are cached per folder.
 */
export class TrustFinder {
  private readonly byFolder = new Map<string, string | undefined>();

  nearest(file: string): string | undefined {
    return this.lookup(path.dirname(path.resolve(file)));
  }

  private lookup(folder: string): string | undefined {
    if (this.byFolder.has(folder)) return this.byFolder.get(folder);
    const candidate = path.join(folder, TRUST_FILE_NAME);
    const parent = path.dirname(folder);
    const found = fs.existsSync(candidate) ? candidate : parent !== folder ? this.lookup(parent) : undefined;
    this.byFolder.set(folder, found);
    return found;
  }
}
