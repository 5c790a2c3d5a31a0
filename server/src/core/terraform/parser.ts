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
  /** Recently parsed texts of `parseShared`, oldest first, and the characters they hold. */
  private readonly shared = new Map<string, Tree>();
  private sharedChars = 0;

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

  /**
   * A tree of `text` that the caller deletes, from the recently parsed texts when it is one of them (a
   * module called from many roots is parsed once, not once per call). Copies share the kept tree's nodes;
   * the texts kept are bounded (SHARED_TREE_CHARS), the least recently used freed first.
   */
  parseShared(text: string): Tree {
    let tree = this.shared.get(text);
    if (tree) {
      this.shared.delete(text);
    } else {
      tree = this.parse(text);
      this.sharedChars += text.length;
    }
    this.shared.set(text, tree);
    const copy = tree.copy();
    for (const [kept, oldest] of this.shared) {
      if (this.sharedChars <= SHARED_TREE_CHARS || kept === text) break;
      oldest.delete();
      this.shared.delete(kept);
      this.sharedChars -= kept.length;
    }
    return copy;
  }
}

/** Characters of source `parseShared` keeps parsed: about 93 bytes of WebAssembly memory each (~28 MB). */
const SHARED_TREE_CHARS = 300_000;

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
