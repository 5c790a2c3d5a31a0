import * as fs from 'fs';
import * as path from 'path';
import { parseTrustList, ParsedTrustList, TRUST_FILE_NAME } from '../core/trust';

export { TRUST_FILE_NAME };

export function loadTrustFile(file: string): ParsedTrustList {
  return parseTrustList(fs.readFileSync(file, 'utf8'), path.relative(process.cwd(), file) || file);
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
