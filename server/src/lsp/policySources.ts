import { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { AnalysisOptions } from '../core/analyze';
import { moduleSourceFor, POLICY_SOURCES, sourceFor } from '../core/sources/registry';
import { Extraction, PolicySource, SourceId } from '../core/sources/types';
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

  constructor(openDocument: (uri: string) => TextDocument | undefined) {
    this.terraform = new TerraformEditorSource(openDocument);
    this.editors = new Map(POLICY_SOURCES.map((source): [SourceId, EditorSource] =>
      [source.id, source.grouping === 'file' ? new TextSourceDocuments(source, openDocument) : this.terraform]));
  }

  /** Terraform starts once its WebAssembly is loaded; documents opened before are picked up on first use. */
  enableTerraform(parser: TerraformParser, log?: (message: string) => void): void {
    this.terraform.enable(parser, log);
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

  analyze(document: TextDocument, options: AnalysisOptions): EditorAnalysis | undefined {
    return this.editorOf(document)?.analyze(document, options);
  }

  fixContext(uri: string, text: string, options: FixOptions): ReturnType<EditorSource['fixContext']> {
    const id = this.current.get(uri);
    return id === undefined ? undefined : this.editorById(id)?.fixContext(uri, text, options);
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
