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
 * Characters of source whose trees one module's analysis keeps from the first pass to the second (about
 * 93 bytes of WebAssembly memory each, never returned: ~46 MB). Beyond it, files are parsed again.
 */
const KEPT_TREE_CHARS = 500_000;

/**
 * One-shot analysis of a whole module's files (the CLI's path). A first pass summarises every file, a
 * second extracts the files that hold policies with the module's context: their trees are kept between
 * the passes up to a budget (WebAssembly memory never shrinks), others are deleted at once and re-parsed.
 */
export function terraformModulePolicies(
  parser: TerraformParser, files: readonly { name: string; text: string }[], inputs: TerraformInputs = {},
  /** `parseShared` for a called module: the same files are analysed again for every call. */
  parse: (text: string) => Tree = (text) => parser.parse(text),
): Map<string, TerraformPolicies> {
  const kept = new Map<number, Tree>();
  let keptChars = 0;
  try {
    const summaries = files.map((file, index) => {
      const tree = parse(file.text);
      const summary = summarizeTerraform(tree.rootNode, file.name);
      if ((summary.policyBlocks > 0 || summary.hasErrors) && keptChars + file.text.length <= KEPT_TREE_CHARS) {
        kept.set(index, tree);
        keptChars += file.text.length;
      } else {
        tree.delete();
      }
      return summary;
    });
    const module = moduleContext(summaries, inputs);
    const result = new Map<string, TerraformPolicies>();
    files.forEach((file, index) => {
      const extract = (tree: Tree): TerraformPolicies => extractTerraformPolicies(tree.rootNode, module, file.name);
      const tree = kept.get(index);
      if (tree) result.set(file.name, extract(tree));
      else if (summaries[index].policyBlocks > 0 || summaries[index].hasErrors) result.set(file.name, withTree(parse, file.text, extract));
      else result.set(file.name, { documents: [], damaged: [] });
    });
    return result;
  } finally {
    for (const tree of kept.values()) tree.delete();
  }
}

function withTree<T>(parse: (text: string) => Tree, text: string, use: (tree: Tree) => T): T {
  const tree = parse(text);
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}
