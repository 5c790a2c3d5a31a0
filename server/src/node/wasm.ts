import * as fs from 'fs';
import * as path from 'path';
import { TerraformParser } from '../core/terraform';

/** The bundles live in server/out/ with the wasm files the build copies beside them. */
export function loadTerraformParser(directory: string = __dirname): Promise<TerraformParser> {
  return TerraformParser.create({
    treeSitter: fs.readFileSync(path.join(directory, 'tree-sitter.wasm')),
    grammar: fs.readFileSync(path.join(directory, 'tree-sitter-terraform.wasm')),
  });
}
