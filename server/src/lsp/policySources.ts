import { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { AnalysisOptions, checkPolicies } from '../core/analyze';
import { extractJsonPolicies } from '../core/json/extract';
import { FixSource } from '../core/fixes';
import { TrustList } from '../core/trust';
import { Finding, PolicyDocument, Span } from '../core/model';
import { stabilize } from '../core/stability';
import { TERRAFORM_MAX_CHARS, TerraformParser } from '../core/terraform';
import { AnalysisCache } from './analysisCache';
import { folderOf } from '../core/engine';
import { isAnalysedUri } from '../protocol';
import { TerraformDocuments } from './terraformDocuments';

const JSON_LANGUAGES = new Set(['json', 'jsonc']);

export interface DocumentPolicies {
  documents: PolicyDocument[];
  damaged: Span[];
}

export interface DocumentAnalysis extends DocumentPolicies {
  findings: Finding[];
  /** What the document contributes to its module (locals, variables, references) changed. */
  moduleChanged: boolean;
}

/**
 * Where each open document's policies come from: jsonc-parser for JSON (cached per version), tree-sitter
 * for Terraform (an incrementally reparsed tree per open document, with its module's context).
 */
export class PolicySources {
  private readonly json = new AnalysisCache();
  private terraform?: TerraformDocuments;
  private readonly contributions = new Map<string, string>();

  constructor(private readonly openDocument: (uri: string) => TextDocument | undefined) {}

  /** Terraform starts once its WebAssembly is loaded; documents opened before are picked up on first use. */
  enableTerraform(parser: TerraformParser, log?: (message: string) => void): void {
    this.terraform = new TerraformDocuments(parser, this.openDocument, log);
  }

  /** Whether the document is analysed: JSON or Terraform, in a scheme that is (see schemes.ts). */
  handles(document: TextDocument): boolean {
    return isAnalysedUri(document.uri) && (TerraformDocuments.isTerraform(document.uri) || isJson(document));
  }

  isTerraform(uri: string): boolean {
    return TerraformDocuments.isTerraform(uri);
  }

  /** Policies for hovers; undefined when the document is Terraform and the parser is not ready yet. */
  policies(document: TextDocument): DocumentPolicies | undefined {
    if (!TerraformDocuments.isTerraform(document.uri)) return { documents: this.json.policies(document), damaged: [] };
    return document.getText().length > TERRAFORM_MAX_CHARS ? undefined : this.terraform?.analyze(document);
  }

  /**
   * Findings to publish. In half-typed Terraform the last published findings stand where the parse
   * failed, so blocks the user is not editing keep theirs.
   */
  analyze(document: TextDocument, options: AnalysisOptions): DocumentAnalysis | undefined {
    if (!TerraformDocuments.isTerraform(document.uri)) {
      const documents = this.json.policies(document);
      return { documents, damaged: [], findings: checkPolicies(documents, options), moduleChanged: false };
    }
    if (!this.terraform) return undefined;
    const analysis = this.terraform.analyze(document, options);
    const findings = stabilize(analysis.findings, analysis.damaged, this.terraform.published(document.uri));
    this.terraform.setPublished(document.uri, findings);
    const contribution = this.terraform.moduleContribution(document);
    const previous = this.contributions.get(document.uri);
    this.contributions.set(document.uri, contribution);
    return { ...analysis, findings, moduleChanged: previous !== undefined && previous !== contribution };
  }

  /**
   * Fresh findings with what fix builders need, for `text` of the document `uri` (its current text, or
   * what fix-all has made of it so far). Unlike `analyze`, nothing is kept or stabilised.
   */
  fixContext(uri: string, text: string, options: AnalysisOptions & { trust?: TrustList }): { source: FixSource; findings: Finding[] } | undefined {
    if (!TerraformDocuments.isTerraform(uri)) {
      const open = this.openDocument(uri);
      const documents = open && open.getText() === text ? this.json.policies(open) : extractJsonPolicies(text);
      return { source: { text, documents, trust: options.trust }, findings: checkPolicies(documents, options) };
    }
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

  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    if (this.terraform && TerraformDocuments.isTerraform(document.uri)) return this.terraform.update(document, changes, version);
    return TextDocument.update(document, changes, version);
  }

  opened(document: TextDocument): void {
    if (TerraformDocuments.isTerraform(document.uri)) this.terraform?.opened(document);
  }

  closed(uri: string): void {
    this.json.forget(uri);
    this.contributions.delete(uri);
    this.terraform?.closed(uri);
  }

  /** Open Terraform documents whose module includes `uri`: they need re-checking when it changes. */
  moduleMembers(uri: string): string[] {
    return this.terraform && TerraformDocuments.isTerraform(uri) ? this.terraform.moduleMembers(folderOf(uri)) : [];
  }
}

function isJson(document: TextDocument): boolean {
  const path = URI.parse(document.uri).path.toLowerCase();
  return JSON_LANGUAGES.has(document.languageId) || path.endsWith('.json') || path.endsWith('.jsonc');
}
