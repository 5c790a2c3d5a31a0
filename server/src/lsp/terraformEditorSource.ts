import { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisOptions } from '../core/analyze';
import { folderOf } from '../core/batch';
import { stabilize } from '../core/stability';
import { Span } from '../core/model';
import { Extraction } from '../core/sources/types';
import { TERRAFORM_MAX_CHARS, TerraformParser } from '../core/terraform';
import { EditorAnalysis, EditorSource, FixOptions } from './editorSource';
import { TerraformDocuments } from './terraformDocuments';

/**
 * Terraform in the editor: incrementally reparsed trees per open document and the module's context (see
 * TerraformDocuments). Until the tree-sitter WebAssembly is loaded, documents are only kept in step.
 */
export class TerraformEditorSource implements EditorSource {
  private terraform?: TerraformDocuments;
  /** The module context signature last seen in each folder with open Terraform files. */
  private readonly moduleSignatures = new Map<string, string>();

  constructor(private readonly openDocument: (uri: string) => TextDocument | undefined) {}

  /** Starts once the parser is loaded; documents opened before are picked up on first use. */
  enable(parser: TerraformParser, log?: (message: string) => void): void {
    this.terraform = new TerraformDocuments(parser, this.openDocument, log);
  }

  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    return this.terraform ? this.terraform.update(document, changes, version) : TextDocument.update(document, changes, version);
  }

  opened(document: TextDocument): void {
    this.terraform?.opened(document);
  }

  closed(uri: string): void {
    this.terraform?.closed(uri);
    if (this.moduleMembers(uri).length === 0) this.moduleSignatures.delete(folderOf(uri));
  }

  policies(document: TextDocument): Extraction | undefined {
    return document.getText().length > TERRAFORM_MAX_CHARS ? undefined : this.terraform?.analyze(document);
  }

  /**
   * In half-typed Terraform the last published findings stand where the parse failed, so blocks the user
   * is not editing keep theirs.
   */
  analyze(document: TextDocument, options: AnalysisOptions): EditorAnalysis | undefined {
    if (!this.terraform) return undefined;
    const analysis = this.terraform.analyze(document, options);
    const findings = stabilize(analysis.findings, analysis.damaged, this.terraform.published(document.uri));
    this.terraform.setPublished(document.uri, findings);
    // Per folder: the first file analysed in a changed module context re-checks the others; they then find it unchanged.
    const folder = folderOf(document.uri);
    const signature = this.terraform.moduleSignature(document.uri);
    const previous = this.moduleSignatures.get(folder);
    if (signature !== undefined) this.moduleSignatures.set(folder, signature);
    return { documents: analysis.documents, replications: analysis.replications, damaged: analysis.damaged, findings, moduleChanged: previous !== undefined && previous !== signature };
  }

  comments(document: TextDocument): Span[] | undefined {
    return this.terraform?.comments(document);
  }

  fixContext(uri: string, text: string, options: FixOptions): ReturnType<EditorSource['fixContext']> {
    const terraform = this.terraform;
    if (!terraform || text.length > TERRAFORM_MAX_CHARS) return undefined;
    const open = this.openDocument(uri);
    const analysis = open && open.getText() === text ? terraform.analyze(open, options) : terraform.analyzeText(uri, text, options);
    return { source: { text, documents: analysis.documents, trust: options.trust, parseTerraform: (next) => terraform.parse(next), damaged: analysis.damaged }, findings: analysis.findings };
  }

  /** Frees the tree fix-all's analyses shared (WebAssembly memory is held while a tree lives). */
  fixesDone(): void {
    this.terraform?.releaseParsed();
  }

  moduleMembers(uri: string): string[] {
    return this.terraform ? this.terraform.moduleMembers(folderOf(uri)) : [];
  }
}
