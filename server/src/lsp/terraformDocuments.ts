import * as fs from 'fs';
import * as path from 'path';
import { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Tree } from 'web-tree-sitter';
import { Finding } from '../core/model';
import { shiftFindings } from '../core/stability';
import {
  extractTerraformPolicies, moduleContext, Point, summarizeTerraform, TerraformFileSummary, TerraformParser, TerraformPolicies, treeEdit,
} from '../core/terraform';

interface OpenState {
  /** The tree for `version`, or an edited tree awaiting its incremental reparse. */
  tree?: Tree;
  version: number;
  parsedVersion?: number;
  summary?: TerraformFileSummary;
  policies?: TerraformPolicies;
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
 * incrementally, and summaries of the other .tf files of each module read from disk (their trees are
 * deleted at once: WebAssembly memory never shrinks).
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
    if (state) state.version = version;
    return document;
  }

  opened(document: TextDocument): void {
    this.open.set(document.uri, { version: document.version, published: [] });
  }

  closed(uri: string): void {
    this.open.get(uri)?.tree?.delete();
    this.open.delete(uri);
  }

  /** The policies of an open document, with the module context of its folder; parsed once per version. */
  policies(document: TextDocument): TerraformPolicies {
    const state = this.state(document);
    if (!state.policies) state.policies = extractTerraformPolicies(state.tree!.rootNode, moduleContext(this.moduleSummaries(document.uri)));
    return state.policies;
  }

  published(uri: string): Finding[] {
    return this.open.get(uri)?.published ?? [];
  }

  setPublished(uri: string, findings: Finding[]): void {
    const state = this.open.get(uri);
    if (state) state.published = findings;
  }

  /**
   * Forgets extracted policies (not trees) of the open documents in a folder, whose module changed. Disk
   * summaries stay: they are checked against each file's mtime and size when next used.
   */
  invalidateModule(folder: string): string[] {
    const affected: string[] = [];
    for (const [uri, state] of this.open) {
      if (folderOf(uri) !== folder) continue;
      state.policies = undefined;
      affected.push(uri);
    }
    return affected;
  }

  openUris(): string[] {
    return [...this.open.keys()];
  }

  private state(document: TextDocument): OpenState {
    let state = this.open.get(document.uri);
    if (!state) {
      state = { version: document.version, published: [] };
      this.open.set(document.uri, state);
    }
    if (state.parsedVersion !== document.version || !state.tree) {
      const previous = state.tree;
      state.tree = this.parser.parse(document.getText(), previous);
      previous?.delete();
      state.parsedVersion = document.version;
      state.summary = summarizeTerraform(state.tree.rootNode);
      state.policies = undefined;
    }
    return state;
  }

  private moduleSummaries(uri: string): TerraformFileSummary[] {
    const folder = folderOf(uri);
    const summaries: TerraformFileSummary[] = [];
    const openInFolder = new Set<string>();
    for (const other of this.open.keys()) {
      if (folderOf(other) !== folder) continue;
      const document = this.openDocument(other);
      if (!document) continue;
      openInFolder.add(URI.parse(other).fsPath);
      summaries.push(other === uri ? this.open.get(other)!.summary! : this.state(document).summary!);
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
    return names.map((name) => path.join(folder, name)).filter((file) => !skip.has(file)).flatMap((file) => {
      const summary = this.diskSummary(file);
      return summary ? [summary] : [];
    });
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
