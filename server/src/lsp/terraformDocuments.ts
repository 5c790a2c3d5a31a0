import * as fs from 'fs';
import * as path from 'path';
import { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Tree } from 'web-tree-sitter';
import { AnalysisOptions } from '../core/analyze';
import { Finding } from '../core/model';
import { shiftFindings } from '../core/stability';
import {
  BlockAnalysis, moduleContext, Point, summarizeTerraform, TerraformBlockCache, TerraformFileSummary, TerraformParser, treeEdit,
} from '../core/terraform';

interface OpenState {
  /** The tree for `parsedVersion`, or an edited tree awaiting its incremental reparse. */
  tree?: Tree;
  parsedVersion?: number;
  summary?: TerraformFileSummary;
  blocks: TerraformBlockCache;
  /** The findings last published, moved along with every edit since. */
  published: Finding[];
}

interface DiskSummary {
  mtimeMs: number;
  size: number;
  summary: TerraformFileSummary;
}

/**
 * Terraform documents: a tree per open document, kept in step with every edit and reparsed
 * incrementally, per-block results reused across edits, and summaries of the other .tf files of each
 * module read from disk (their trees are deleted at once: WebAssembly memory never shrinks).
 */
export class TerraformDocuments {
  private readonly open = new Map<string, OpenState>();
  private readonly disk = new Map<string, DiskSummary>();

  constructor(private readonly parser: TerraformParser, private readonly openDocument: (uri: string) => TextDocument | undefined) {}

  static isTerraform(uri: string): boolean {
    return URI.parse(uri).path.toLowerCase().endsWith('.tf');
  }

  /** Applies incremental changes one by one, recording each as a tree edit before the text moves on. */
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    const state = this.open.get(document.uri);
    for (const change of changes) {
      if (state && 'range' in change) {
        const start = document.offsetAt(change.range.start);
        const end = document.offsetAt(change.range.end);
        state.tree?.edit(treeEdit(start, end, change.text, toPoint(change.range.start), toPoint(change.range.end)));
        state.published = shiftFindings(state.published, start, end, change.text.length);
      } else if (state) {
        state.tree?.delete();
        state.tree = undefined;
        state.published = [];
      }
      TextDocument.update(document, [change], version);
    }
    return document;
  }

  opened(document: TextDocument): void {
    this.open.set(document.uri, { blocks: new TerraformBlockCache(), published: [] });
  }

  closed(uri: string): void {
    this.open.get(uri)?.tree?.delete();
    this.open.delete(uri);
  }

  /** Policies and (with options) findings of an open document, in the context of its module. */
  analyze(document: TextDocument, options?: AnalysisOptions): BlockAnalysis {
    const state = this.state(document);
    return state.blocks.analyze(state.tree!.rootNode, moduleContext(this.moduleSummaries(document.uri)), options);
  }

  /**
   * Analysis of other text for the same document (fix-all re-analyses after each fix): a fresh tree and
   * block cache, freed at once, in the context of the module's other files.
   */
  analyzeText(uri: string, text: string, options: AnalysisOptions): BlockAnalysis {
    const tree = this.parser.parse(text);
    try {
      const blocks = new TerraformBlockCache();
      const summary = blocks.summarize(tree.rootNode);
      return blocks.analyze(tree.rootNode, moduleContext([summary, ...this.moduleSummaries(uri, false)]), options);
    } finally {
      tree.delete();
    }
  }

  parse(text: string): Tree {
    return this.parser.parse(text);
  }

  published(uri: string): Finding[] {
    return this.open.get(uri)?.published ?? [];
  }

  setPublished(uri: string, findings: Finding[]): void {
    const state = this.open.get(uri);
    if (state) state.published = findings;
  }

  /** Open documents in a folder, whose module changed; their next analysis rebuilds the module context. */
  moduleMembers(folder: string): string[] {
    return [...this.open.keys()].filter((uri) => folderOf(uri) === folder);
  }

  private state(document: TextDocument): OpenState {
    let state = this.open.get(document.uri);
    if (!state) {
      state = { blocks: new TerraformBlockCache(), published: [] };
      this.open.set(document.uri, state);
    }
    if (state.parsedVersion !== document.version || !state.tree) {
      const previous = state.tree;
      state.tree = this.parser.parse(document.getText(), previous);
      previous?.delete();
      state.parsedVersion = document.version;
      state.summary = state.blocks.summarize(state.tree.rootNode);
    }
    return state;
  }

  /** Summaries of the module's files; `includeSelf` false leaves out the document itself (disk copy too). */
  private moduleSummaries(uri: string, includeSelf = true): TerraformFileSummary[] {
    const folder = folderOf(uri);
    const summaries: TerraformFileSummary[] = [];
    const openInFolder = new Set<string>([URI.parse(uri).fsPath]);
    for (const other of this.moduleMembers(folder)) {
      const document = this.openDocument(other);
      if (!document || (!includeSelf && other === uri)) continue;
      openInFolder.add(URI.parse(other).fsPath);
      summaries.push(this.state(document).summary!);
    }
    const folderUri = URI.parse(folder);
    if (folderUri.scheme === 'file') summaries.push(...this.diskSummaries(folderUri.fsPath, openInFolder));
    return summaries;
  }

  private diskSummaries(folder: string, skip: ReadonlySet<string>): TerraformFileSummary[] {
    let names: string[];
    try {
      names = fs.readdirSync(folder).filter((name) => name.toLowerCase().endsWith('.tf'));
    } catch {
      return [];
    }
    return names.map((name) => path.join(folder, name)).filter((file) => !skip.has(file)).flatMap((file) => this.diskSummary(file) ?? []);
  }

  private diskSummary(file: string): TerraformFileSummary | undefined {
    try {
      const stat = fs.statSync(file);
      const cached = this.disk.get(file);
      if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.summary;
      const tree = this.parser.parse(fs.readFileSync(file, 'utf8'));
      try {
        const summary = summarizeTerraform(tree.rootNode);
        this.disk.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, summary });
        return summary;
      } finally {
        tree.delete();
      }
    } catch {
      return undefined;
    }
  }
}

function toPoint(position: { line: number; character: number }): Point {
  return { row: position.line, column: position.character };
}

export function folderOf(uri: string): string {
  const slash = uri.lastIndexOf('/');
  return slash >= 0 ? uri.slice(0, slash) : uri;
}
