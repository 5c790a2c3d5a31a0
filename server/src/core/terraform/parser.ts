import { Edit, Language, Parser, Tree } from 'web-tree-sitter';

/** The WebAssembly binaries, handed in by the caller so the core itself never touches the file system. */
export interface TerraformWasm {
  treeSitter: Uint8Array;
  grammar: Uint8Array;
}

/**
 * tree-sitter with the Terraform grammar. Trees live in WebAssembly memory, which never shrinks: callers
 * keep trees only for open documents and `delete()` every other one at once.
 */
export class TerraformParser {
  private constructor(private readonly parser: Parser) {}

  static async create(wasm: TerraformWasm): Promise<TerraformParser> {
    await Parser.init({ wasmBinary: wasm.treeSitter });
    const language = await Language.load(wasm.grammar);
    const parser = new Parser();
    parser.setLanguage(language);
    return new TerraformParser(parser);
  }

  /** Parses `text`, reusing `previous` (already `edit()`ed to match) for an incremental reparse. */
  parse(text: string, previous?: Tree): Tree {
    const tree = this.parser.parse(text, previous ?? null);
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  }
}

export interface Point {
  row: number;
  column: number;
}

/**
 * A tree-sitter edit for replacing `[start, end)` with `newText`. Offsets and columns are UTF-16 code
 * units, as LSP positions are, so an editor's change range can be passed as it comes.
 */
export function treeEdit(start: number, end: number, newText: string, startPosition: Point, oldEndPosition: Point): Edit {
  return { startIndex: start, oldEndIndex: end, newEndIndex: start + newText.length, startPosition, oldEndPosition, newEndPosition: advance(startPosition, newText) };
}

function advance(start: Point, inserted: string): Point {
  const lines = inserted.split('\n');
  return lines.length === 1
    ? { row: start.row, column: start.column + inserted.length }
    : { row: start.row + lines.length - 1, column: lines[lines.length - 1].length };
}
