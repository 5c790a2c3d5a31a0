import { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisOptions, checkPolicies } from '../core/analyze';
import { Finding } from '../core/model';
import { shiftFindings, stabilize } from '../core/stability';
import { Extraction, FileSource } from '../core/sources/types';
import { EditorAnalysis, EditorSource, FixOptions } from './editorSource';

interface OpenState {
  version?: number;
  extraction?: Extraction;
  /** The findings last published, moved along with every edit since (see stabilize). */
  published: Finding[];
}

/**
 * Open documents of a file source (JSON policies, CloudFormation templates): each version's extraction is
 * kept for exactly that version (parsing is the costly step; hovers and code actions reuse it), and where
 * the text is half-typed the last published findings stand.
 */
export class TextSourceDocuments implements EditorSource {
  private readonly open = new Map<string, OpenState>();

  constructor(private readonly source: FileSource, private readonly openDocument: (uri: string) => TextDocument | undefined) {}

  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    const state = this.open.get(document.uri);
    for (const change of changes) {
      if (state && 'range' in change) {
        state.published = shiftFindings(state.published, document.offsetAt(change.range.start), document.offsetAt(change.range.end), change.text.length);
      } else if (state) {
        state.published = [];
      }
      TextDocument.update(document, [change], version);
    }
    return document;
  }

  opened(document: TextDocument): void {
    this.open.set(document.uri, { published: [] });
  }

  closed(uri: string): void {
    this.open.delete(uri);
  }

  policies(document: TextDocument): Extraction {
    const state = this.state(document.uri);
    if (state.extraction && state.version === document.version) return state.extraction;
    state.extraction = this.extract(document.getText());
    state.version = document.version;
    return state.extraction;
  }

  analyze(document: TextDocument, options: AnalysisOptions): EditorAnalysis {
    const extraction = this.policies(document);
    const state = this.state(document.uri);
    state.published = stabilize(checkPolicies(extraction.documents, options, extraction.replications), extraction.damaged, state.published);
    return { ...extraction, findings: state.published, moduleChanged: false };
  }

  fixContext(uri: string, text: string, options: FixOptions): ReturnType<EditorSource['fixContext']> {
    const open = this.openDocument(uri);
    const extraction = open && open.getText() === text ? this.policies(open) : this.extract(text);
    return {
      source: { text, documents: extraction.documents, trust: options.trust, damaged: extraction.damaged },
      findings: checkPolicies(extraction.documents, options, extraction.replications),
    };
  }

  fixesDone(): void {
    // Nothing is shared between fix-all's analyses of a file source.
  }

  moduleMembers(): string[] {
    return [];
  }

  private extract(text: string): Extraction {
    return this.source.mayHold(text) ? this.source.extract(text, {}) : { documents: [], damaged: [] };
  }

  private state(uri: string): OpenState {
    let state = this.open.get(uri);
    if (!state) this.open.set(uri, (state = { published: [] }));
    return state;
  }
}
