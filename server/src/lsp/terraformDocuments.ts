import * as fs from 'fs';
import * as path from 'path';
import { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Tree } from 'web-tree-sitter';
import { AnalysisOptions } from '../core/analyze';
import { folderOf } from '../core/batch';
import { Finding, Span } from '../core/model';
import { hclTreeComments } from '../core/suppressions/comments';
import { shiftFindings } from '../core/stability';
import { terraformSource } from '../core/sources/terraform';
import { childAnalysis } from '../core/sources/terraform';
import { ModuleHost, terraformInputs } from '../core/terraform/host';
import { TerraformInputs } from '../core/terraform/module';
import { nodeHostFiles } from '../node/hostFiles';
import { moduleFileNamesSync } from '../node/moduleFiles';
import { readPolicyFileSync } from '../node/readPolicyFile';
import {
  BlockAnalysis, moduleContext, Point, summarizeTerraform, TERRAFORM_MAX_CHARS, TerraformBlockCache, TerraformFileSummary, TerraformParser, treeEdit,
} from '../core/terraform';

interface OpenState {
  /**
   * The tree for `parsedVersion`, or an edited tree awaiting its incremental reparse; absent when the
   * memory budget evicted it (the next analysis parses afresh; the block cache still saves the rest).
   */
  tree?: Tree;
  parsedVersion?: number;
  /** Characters of text the tree covers, for the memory budget. */
  treeSize: number;
  lastUsed: number;
  summary?: TerraformFileSummary;
  blocks: TerraformBlockCache;
  /** The findings last published, moved along with every edit since. */
  published: Finding[];
  /** The signature of the module context of the last analysis. */
  moduleSignature?: string;
}

interface DiskSummary {
  mtimeMs: number;
  size: number;
  summary: TerraformFileSummary;
}

/**
 * Source characters whose trees are kept between edits. A tree costs about 93 bytes of WebAssembly
 * memory per character and that memory never shrinks, so twenty open 100 KB files would pin ~190 MB;
 * beyond this budget the least recently used trees are freed (the most recent one is always kept).
 */
const TREE_BUDGET = 400_000;

/**
 * Terraform documents: trees for the recently edited open documents, kept in step with every edit and
 * reparsed incrementally, per-block results reused across edits, and summaries of the other .tf files of
 * each module read from disk (their trees are deleted at once).
 */
export class TerraformDocuments {
  private readonly open = new Map<string, OpenState>();
  private clock = 0;
  private readonly disk = new Map<string, DiskSummary>();
  /** Why each module file on disk was last skipped: said once, not on every keystroke. */
  private readonly skipped = new Map<string, string>();
  /** The last text parsed for fixes, kept so that the builders of one fix-all round share one parse. */
  private lastParsed?: { text: string; tree: Tree };
  /** File access for var files, templates and called modules; var files parsed once per text. */
  private readonly host: ModuleHost;

  constructor(
    private readonly parser: TerraformParser,
    private readonly openDocument: (uri: string) => TextDocument | undefined,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.host = { parser, files: nodeHostFiles(), analyze: childAnalysis(parser), varFiles: new Map() };
  }

  static isTerraform(uri: string): boolean {
    const path = URI.parse(uri).path.toLowerCase();
    return terraformSource.extensions.some((extension) => path.endsWith(extension));
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
    this.closed(document.uri);
    this.open.set(document.uri, newState(document.uri));
  }

  closed(uri: string): void {
    this.open.get(uri)?.tree?.delete();
    this.open.delete(uri);
  }

  /** Policies and (with options) findings of an open document, in the context of its module. */
  analyze(document: TextDocument, options?: AnalysisOptions): BlockAnalysis {
    const state = this.state(document, true);
    const module = moduleContext(this.moduleSummaries(document.uri), this.inputs(document.uri));
    state.moduleSignature = module.signature;
    const result = state.blocks.analyze(state.tree!.rootNode, module, options);
    this.trimTrees();
    return result;
  }

  /** Suppression comments of an open document from its current tree; undefined when it has none (evicted). */
  comments(document: TextDocument): Span[] | undefined {
    const state = this.open.get(document.uri);
    return state?.tree && state.parsedVersion === document.version ? hclTreeComments(state.tree.rootNode, document.getText()) : undefined;
  }

  /**
   * What the module folder's other files give: terraform.tfvars and *.auto.tfvars, `file`/`templatefile`
   * targets, called modules (read from disk: only `file:` folders).
   */
  private inputs(uri: string): TerraformInputs {
    const folder = folderOf(uri);
    if (URI.parse(folder).scheme !== 'file') return {};
    return terraformInputs(folder, this.host);
  }

  /**
   * A fingerprint of the module context the document was last analysed in (the same for every file of the
   * folder): the other open files of the module need re-checking when it changes.
   */
  moduleSignature(uri: string): string | undefined {
    return this.open.get(uri)?.moduleSignature;
  }

  /**
   * Analysis of other text for the same document (fix-all re-analyses after each fix): a fresh tree and
   * block cache, freed at once, in the context of the module's other files.
   */
  analyzeText(uri: string, text: string, options: AnalysisOptions): BlockAnalysis {
    const tree = this.parse(text);
    try {
      const blocks = new TerraformBlockCache(uri);
      const summary = blocks.summarize(tree.rootNode);
      return blocks.analyze(tree.rootNode, moduleContext([summary, ...this.moduleSummaries(uri, false)], this.inputs(uri)), options);
    } finally {
      tree.delete();
    }
  }

  /**
   * A tree of `text` that the caller deletes. Fix-all analyses a text and then builds a fix for each of
   * its statements from the same text: the last text's tree is kept and handed out as copies (which share
   * its nodes), so a round parses once instead of once per fix. One tree at most is held, until the code
   * action request that used it is answered (`releaseParsed`).
   */
  parse(text: string): Tree {
    if (this.lastParsed?.text !== text) {
      this.lastParsed?.tree.delete();
      this.lastParsed = undefined;
      this.lastParsed = { text, tree: this.parser.parse(text) };
    }
    return this.lastParsed.tree.copy();
  }

  /** Frees the tree `parse` kept, once the fixes that shared it are built. */
  releaseParsed(): void {
    this.lastParsed?.tree.delete();
    this.lastParsed = undefined;
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

  /** The document's state at its current version; with `needTree`, a tree too (parsed afresh if evicted). */
  private state(document: TextDocument, needTree: boolean): OpenState {
    let state = this.open.get(document.uri);
    if (!state) {
      state = newState(document.uri);
      this.open.set(document.uri, state);
    }
    if (state.parsedVersion !== document.version || (needTree && !state.tree)) {
      const previous = state.parsedVersion === undefined ? undefined : state.tree;
      const tree = this.parser.parse(document.getText(), previous);
      previous?.delete();
      state.tree = tree;
      state.treeSize = document.getText().length;
      state.parsedVersion = document.version;
      state.summary = state.blocks.summarize(tree.rootNode);
    }
    // Only a use of the tree counts for the budget: reading a sibling's summary must not outrank the document being analysed.
    if (needTree) state.lastUsed = ++this.clock;
    return state;
  }

  /** Frees the least recently used trees beyond the budget; the block caches keep their results. */
  private trimTrees(): void {
    const holding = [...this.open.values()].filter((state) => state.tree).sort((a, b) => b.lastUsed - a.lastUsed);
    let total = 0;
    holding.forEach((state, index) => {
      total += state.treeSize;
      if (index > 0 && total > TREE_BUDGET) {
        state.tree!.delete();
        state.tree = undefined;
      }
    });
  }

  /** Summaries of the module's files; `includeSelf` false leaves out the document itself (disk copy too). */
  private moduleSummaries(uri: string, includeSelf = true): TerraformFileSummary[] {
    const folder = folderOf(uri);
    const summaries: TerraformFileSummary[] = [];
    const openInFolder = new Set<string>([URI.parse(uri).fsPath]);
    for (const other of this.moduleMembers(folder)) {
      const document = this.openDocument(other);
      if (!document || (!includeSelf && other === uri) || document.getText().length > TERRAFORM_MAX_CHARS) continue;
      openInFolder.add(URI.parse(other).fsPath);
      summaries.push(this.state(document, false).summary!);
    }
    const folderUri = URI.parse(folder);
    if (folderUri.scheme === 'file') summaries.push(...this.diskSummaries(folderUri.fsPath, openInFolder));
    return summaries;
  }

  private diskSummaries(folder: string, skip: ReadonlySet<string>): TerraformFileSummary[] {
    return moduleFileNamesSync(folder, terraformSource.extensions).map((name) => path.join(folder, name)).filter((file) => !skip.has(file)).flatMap((file) => this.diskSummary(file) ?? []);
  }

  /** A module file on disk, read as policies are (regular files only, bounded): a FIFO or a device among them must not stall the editor. */
  private diskSummary(file: string): TerraformFileSummary | undefined {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return undefined;
    }
    const cached = this.disk.get(file);
    if (stat.isFile() && cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.summary;
    this.disk.delete(file);
    const read = readPolicyFileSync(file, TERRAFORM_MAX_CHARS, 'the Terraform limit');
    if ('reason' in read) {
      if (this.skipped.get(file) !== read.reason) this.log(`Module file ${file} skipped: ${read.reason}.`);
      this.skipped.set(file, read.reason);
      return undefined;
    }
    this.skipped.delete(file);
    try {
      const tree = this.parser.parse(read.text);
      try {
        const summary = summarizeTerraform(tree.rootNode, URI.file(file).toString());
        this.disk.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, summary });
        return summary;
      } finally {
        tree.delete();
      }
    } catch {
      // A module file that cannot be summarised gives no context; the open document is still analysed.
      return undefined;
    }
  }
}

function newState(uri: string): OpenState {
  return { blocks: new TerraformBlockCache(uri), published: [], treeSize: 0, lastUsed: 0 };
}

function toPoint(position: { line: number; character: number }): Point {
  return { row: position.line, column: position.character };
}

