import * as path from 'path';
import { TerraformParser } from '../../server/src/core/terraform';
import { loadTerraformParser } from '../../server/src/node/wasm';

let parser: Promise<TerraformParser> | undefined;

/** The Terraform parser over the wasm files the build copies into server/out (run `npm run build` first). */
export function loadWasmParser(): Promise<TerraformParser> {
  parser ??= loadTerraformParser(path.resolve(__dirname, '..', '..', 'server', 'out'));
  return parser;
}

/** The format a fixture file is, by name (what the registry reads it as, CloudFormation aside). */
export function fixtureKind(name: string): 'json' | 'terraform' | undefined {
  if (/\.jsonc?$/i.test(name)) return 'json';
  return /\.tf$/i.test(name) ? 'terraform' : undefined;
}
