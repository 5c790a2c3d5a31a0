import * as fs from 'fs';
import * as path from 'path';
import { TerraformParser } from '../core/terraform';

/** The bundles live in server/out/ with the wasm files the build copies beside them; a missing one rejects. */
export async function loadTerraformParser(directory: string = __dirname): Promise<TerraformParser> {
  const [treeSitter, grammar] = await Promise.all([
    fs.promises.readFile(path.join(directory, 'tree-sitter.wasm')),
    fs.promises.readFile(path.join(directory, 'tree-sitter-terraform.wasm')),
  ]);
  return TerraformParser.create({ treeSitter, grammar });
}
