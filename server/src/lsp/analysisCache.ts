import { TextDocument } from 'vscode-languageserver-textdocument';
import { extractJsonPolicies } from '../core/json/extract';
import { PolicyDocument } from '../core/model';

interface Entry {
  version: number;
  documents: PolicyDocument[];
}

/** Parsed policies of each open document, kept for exactly one version: parsing is the costly step. */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  policies(document: TextDocument): PolicyDocument[] {
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version) return entry.documents;
    const documents = extractJsonPolicies(document.getText());
    this.entries.set(document.uri, { version: document.version, documents });
    return documents;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}
