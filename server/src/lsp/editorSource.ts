import { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisOptions } from '../core/analyze';
import { FixSource } from '../core/fixes';
import { Finding, Span } from '../core/model';
import { Extraction } from '../core/sources/types';
import { TrustList } from '../core/trust';

export interface EditorAnalysis extends Extraction {
  /** Findings to publish, already stabilised against the last published ones where the text is damaged. */
  findings: Finding[];
  /** What the document contributes to its module (locals, variables, references) changed. */
  moduleChanged: boolean;
}

export type FixOptions = AnalysisOptions & { trust?: TrustList };

/**
 * How the language server keeps one policy source's open documents: a file source's documents are
 * re-extracted per version (TextSourceDocuments); Terraform keeps incrementally reparsed trees and its
 * modules' context (TerraformEditorSource). PolicySources picks one per document through the registry.
 */
export interface EditorSource {
  /** Applies an edit to the document's text (a source may record it, as Terraform does for its tree). */
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument;
  opened(document: TextDocument): void;
  closed(uri: string): void;
  /** Policies for hovers; undefined when the source is not ready (Terraform before its parser loads). */
  policies(document: TextDocument): Extraction | undefined;
  analyze(document: TextDocument, options: AnalysisOptions): EditorAnalysis | undefined;
  /** Fresh findings and what fix builders need, for `text` of the document (fix-all's texts too); nothing kept. */
  fixContext(uri: string, text: string, options: FixOptions): { source: FixSource; findings: Finding[] } | undefined;
  /** Frees what fix-all's analyses shared. */
  fixesDone(): void;
  /** Suppression comments of an open document from what the editor keeps (Terraform's tree); absent: the source reads them. */
  comments?(document: TextDocument): Span[] | undefined;
  /** Open documents whose module includes `uri` (they need re-checking when it changes). */
  moduleMembers(uri: string): string[];
}
