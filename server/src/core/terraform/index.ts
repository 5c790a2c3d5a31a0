import type { Tree } from 'web-tree-sitter';
import { extractTerraformPolicies, TerraformPolicies } from './extract';
import { moduleContext, summarizeTerraform, TerraformFileSummary, TerraformInputs, TerraformModuleContext } from './module';
import { TerraformParser } from './parser';

export { extractTerraformPolicies, moduleContext, summarizeTerraform, TerraformParser };

/**
 * Largest Terraform file analysed, in characters. A tree-sitter tree costs about 90 bytes of WebAssembly
 * memory per source byte, and that memory is never returned: 5 MB of HCL already needs about 450 MB.
 */
export const TERRAFORM_MAX_CHARS = 5_000_000;
export { TerraformBlockCache } from './blockCache';
export type { BlockAnalysis } from './blockCache';
export type { TerraformFileSummary, TerraformInputs, TerraformModuleContext, TerraformPolicies };
export { treeEdit } from './parser';
export type { Point, TerraformWasm } from './parser';

/**
 * One-shot analysis of a whole module's files (the CLI's path). Only one tree is alive at a time, since
 * WebAssembly memory never shrinks: a first pass summarises every file, a second re-parses the files that
 * hold policies and extracts them with the module's context.
 */
export function terraformModulePolicies(parser: TerraformParser, files: readonly { name: string; text: string }[], inputs: TerraformInputs = {}): Map<string, TerraformPolicies> {
  const summaries = files.map((file) => withTree(parser, file.text, (tree) => summarizeTerraform(tree.rootNode, file.name)));
  const module = moduleContext(summaries, inputs);
  const result = new Map<string, TerraformPolicies>();
  files.forEach((file, index) => {
    if (summaries[index].policyBlocks > 0 || summaries[index].hasErrors) result.set(file.name, withTree(parser, file.text, (tree) => extractTerraformPolicies(tree.rootNode, module, file.name)));
    else result.set(file.name, { documents: [], damaged: [] });
  });
  return result;
}

function withTree<T>(parser: TerraformParser, text: string, use: (tree: Tree) => T): T {
  const tree = parser.parse(text);
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}
