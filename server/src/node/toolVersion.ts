import * as fs from 'fs';
import * as path from 'path';

let version: string | undefined;

/**
 * The version in package.json, for SARIF's tool version: beside the repository's server/out/ bundles and
 * inside the installed extension alike (the CLI and the language server are bundled into server/out/).
 */
export function toolVersion(): string {
  if (version === undefined) {
    try {
      version = String((JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: unknown }).version ?? '0.0.0');
    } catch {
      version = '0.0.0';
    }
  }
  return version;
}
