import { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { AnalysisOptions } from '../core/analyze';
import { Finding, isSuppressed, Span } from '../core/model';
import { moduleSourceFor, POLICY_SOURCES, sourceById, sourceFor } from '../core/sources/registry';
import { Extraction, PolicySource, SourceEnvironment, SourceId } from '../core/sources/types';
import { suppressFindings, SUPPRESSION_MARKER } from '../core/suppressions';
import { SuppressionHover, suppressionHoverAt } from '../core/suppressions/hover';
import { TerraformParser } from '../core/terraform';
import { EditorAnalysis, EditorSource, FixOptions } from './editorSource';
import { isAnalysedUri } from '../protocol';
import { TerraformEditorSource } from './terraformEditorSource';
import { TextSourceDocuments } from './textSourceDocuments';

/**
 * Where each open document's policies come from: the registry of policy sources says which source reads a
 * document (its name or language, and a cheap look at its text), and that source's editor keeps it.
 * Nothing here knows a format; only Terraform's editor is special (incremental trees, module context).
 */
export class PolicySources {
  private readonly terraform: TerraformEditorSource;
  private readonly editors: ReadonlyMap<SourceId, EditorSource>;
  /** The source each open document was last read with: a document can change format as it is typed. */
  private readonly current = new Map<string, SourceId>();
  /** What sources' comment readers need (Terraform's parser, once loaded). */
  private environment: SourceEnvironment = {};

  constructor(openDocument: (uri: string) => TextDocument | undefined) {
    this.terraform = new TerraformEditorSource(openDocument);
    this.editors = new Map(POLICY_SOURCES.map((source): [SourceId, EditorSource] =>
      [source.id, source.grouping === 'file' ? new TextSourceDocuments(source, openDocument) : this.terraform]));
  }

  /** Terraform starts once its WebAssembly is loaded; documents opened before are picked up on first use. */
  enableTerraform(parser: TerraformParser, log?: (message: string) => void): void {
    this.terraform.enable(parser, log);
    this.environment = { terraform: parser };
  }

  /** The source that reads the document now, in a scheme that is analysed (see protocol/schemes.ts); undefined for others. */
  sourceOf(document: TextDocument): PolicySource | undefined {
    return isAnalysedUri(document.uri) ? sourceFor(URI.parse(document.uri).path, document.getText(), document.languageId) : undefined;
  }

  handles(document: TextDocument): boolean {
    return this.sourceOf(document) !== undefined;
  }

  /**
   * A document no source reads any more (a YAML file whose CloudFormation markers were deleted): forgets
   * it, and says whether it was read before, so that its findings must be cleared.
   */
  dropped(uri: string): boolean {
    const previous = this.current.get(uri);
    if (previous === undefined) return false;
    this.editorById(previous)?.closed(uri);
    this.current.delete(uri);
    return true;
  }

  /** Policies for hovers; undefined when the document's source is not ready yet. */
  policies(document: TextDocument): Extraction | undefined {
    return this.editorOf(document)?.policies(document);
  }

  /** Findings with suppressions applied: the validator publishes those not suppressed. */
  analyze(document: TextDocument, options: AnalysisOptions): EditorAnalysis | undefined {
    const source = this.sourceOf(document);
    const editor = this.editorOf(document);
    const analysis = editor?.analyze(document, options);
    if (!analysis || !source) return analysis;
    // The comments from the tree the analysis just used, where the editor keeps one: no second parse.
    const kept = editor?.comments?.(document);
    const reading = kept ? { ...source, comments: () => kept } : source;
    return { ...analysis, findings: this.suppressed(document.uri, document.getText(), reading, analysis.findings, options) };
  }

  /** Fresh findings for fixes; suppressed ones are left out, so "fix all" never rewrites what was accepted. */
  fixContext(uri: string, text: string, options: FixOptions): ReturnType<EditorSource['fixContext']> {
    const id = this.current.get(uri);
    const source = id === undefined ? undefined : sourceById(id);
    const context = source && this.editorById(id)?.fixContext(uri, text, options);
    if (!context || !source) return context;
    return { ...context, findings: this.suppressed(uri, text, source, context.findings, options).filter((finding) => !isSuppressed(finding)) };
  }

  /** The hover over a suppression comment: what it suppresses (a fresh analysis; only over such a comment). */
  suppressionHover(document: TextDocument, options: AnalysisOptions, offset: number): SuppressionHover | undefined {
    const text = document.getText();
    const source = this.sourceOf(document);
    if (!source?.comments || !text.includes(SUPPRESSION_MARKER)) return undefined;
    const comments = source.comments(text, this.environment);
    if (!comments.some((comment) => offset >= comment.offset && offset <= comment.offset + comment.length)) return undefined;
    const context = this.editorOf(document)?.fixContext(document.uri, text, options);
    return suppressionHoverAt(text, comments, context ? this.suppressed(document.uri, text, source, context.findings, options) : [], offset);
  }

  /**
   * How a suppression is written into the document: the line comment, and the reader of the suppression
   * comments of a text (to join one already there); undefined where the text can hold none (JSON).
   */
  suppressionComments(document: TextDocument): { opener: string; comments(text: string): Span[] } | undefined {
    const source = this.sourceOf(document);
    const opener = source?.suppressionComment?.(document.getText());
    if (!source || opener === undefined) return undefined;
    return { opener, comments: (text) => text.includes(SUPPRESSION_MARKER) ? source.comments?.(text, this.environment) ?? [] : [] };
  }

  private suppressed(uri: string, text: string, source: PolicySource, findings: Finding[], options: AnalysisOptions): Finding[] {
    return findings.length === 0 ? findings : suppressFindings(findings, { name: uri, text, source, environment: this.environment, options });
  }

  fixesDone(): void {
    for (const editor of new Set(this.editors.values())) editor.fixesDone();
  }

  /** Edits go to the editor of the source the document's name says (Terraform records them on its tree). */
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    const editor = this.editorById(this.current.get(document.uri)) ?? this.editorByName(document.uri);
    return editor ? editor.update(document, changes, version) : TextDocument.update(document, changes, version);
  }

  /** A module source's editor sees the document from its opening whatever it holds; the source reading it now too. */
  opened(document: TextDocument): void {
    const source = this.sourceOf(document);
    if (source) this.current.set(document.uri, source.id);
    const byName = this.editorByName(document.uri);
    byName?.opened(document);
    const reading = this.editorById(source?.id);
    if (reading !== byName) reading?.opened(document);
  }

  closed(uri: string): void {
    for (const editor of new Set(this.editors.values())) editor.closed(uri);
    this.current.delete(uri);
  }

  /** Open documents whose module includes `uri`: they need re-checking when it changes. */
  moduleMembers(uri: string): string[] {
    const source = moduleSourceFor(URI.parse(uri).path);
    return source ? this.editorById(source.id)?.moduleMembers(uri) ?? [] : [];
  }

  /** The editor of the source that reads the document now; what another source kept of it before is let go. */
  private editorOf(document: TextDocument): EditorSource | undefined {
    const id = this.sourceOf(document)?.id;
    const previous = this.current.get(document.uri);
    if (previous !== undefined && previous !== id) this.editorById(previous)?.closed(document.uri);
    if (id === undefined) this.current.delete(document.uri);
    else this.current.set(document.uri, id);
    return this.editorById(id);
  }

  private editorById(id: SourceId | undefined): EditorSource | undefined {
    return id === undefined ? undefined : this.editors.get(id);
  }

  /** A module source's editor, which must see every edit from the document's opening (Terraform's tree). */
  private editorByName(uri: string): EditorSource | undefined {
    const source = moduleSourceFor(URI.parse(uri).path);
    return source ? this.editors.get(source.id) : undefined;
  }
}
