import { TextDocumentContentChangeEvent, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export interface DocumentSyncHooks {
  /** Applies changes that are newer than the document. */
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument;
  /** A didOpen for a document already open: `previous` is replaced by a new document, as a close and an open would. */
  reopened(previous: TextDocument, next: TextDocument): void;
  log(message: string): void;
}

/**
 * The open documents as the client sent them, with two guards TextDocuments lacks: it applies a didChange
 * whatever its version (the text moves on while the version goes back, and results cached per version go
 * stale), and it replaces a document opened twice without a word.
 */
export class DocumentSync {
  readonly documents: TextDocuments<TextDocument>;
  private ignored?: TextDocument;
  private readonly logged = new Set<string>();

  constructor(hooks: DocumentSyncHooks) {
    this.documents = new TextDocuments({
      create: (uri, languageId, version, text) => {
        const document = TextDocument.create(uri, languageId, version, text);
        const previous = this.documents.get(uri);
        if (previous) hooks.reopened(previous, document);
        return document;
      },
      update: (document, changes, version) => {
        if (version > document.version) return hooks.update(document, changes, version);
        this.ignored = document;
        if (!this.logged.has(document.uri)) {
          this.logged.add(document.uri);
          hooks.log(`Ignored a change to ${document.uri} at version ${version}: it is at version ${document.version} already (logged once per document).`);
        }
        return document;
      },
    });
  }

  /** Whether a content change event is for the change just ignored: TextDocuments fires one even then. */
  wasIgnored(document: TextDocument): boolean {
    const ignored = this.ignored === document;
    this.ignored = undefined;
    return ignored;
  }

  closed(uri: string): void {
    this.logged.delete(uri);
  }
}
