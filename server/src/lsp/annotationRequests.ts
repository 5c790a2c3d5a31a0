import { CodeLens, CodeLensRefreshRequest, Connection, InlayHint, InlayHintKind, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { STATUS_COMMANDS } from '../protocol';
import { ClientContext } from './clientContext';
import { EditorAnnotations } from './editorAnnotations';
import { PolicySources } from './policySources';
import { Settings } from './settings';
import { TrustResolver } from './trustResolver';

export interface AnnotationHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  client: ClientContext;
  annotations: EditorAnnotations;
  sources: PolicySources;
  trust: TrustResolver;
  settings(uri: string): Promise<Settings>;
  logError(message: string, error: unknown): void;
}

/** textDocument/inlayHint and textDocument/codeLens: thin handlers over what the last analysis left (EditorAnnotations). */
export function registerAnnotations(host: AnnotationHost): void {
  const { connection, documents, annotations } = host;
  // A document no source reads, or a trust list, is never analysed: nothing to wait for.
  const analysed = (uri: string): TextDocument | undefined => {
    const document = documents.get(uri);
    return document && host.sources.handles(document) && !host.trust.readsAsTrustList(uri) ? document : undefined;
  };

  connection.languages.inlayHint.on(async (params, token): Promise<InlayHint[]> => {
    try {
      const document = analysed(params.textDocument.uri);
      if (!document || !(await host.settings(document.uri)).inlayHints) return [];
      const start = document.offsetAt(params.range.start);
      const end = document.offsetAt(params.range.end);
      const built = await annotations.of(document, token);
      return (built?.hints ?? []).filter((hint) => hint.offset >= start && hint.offset <= end).map((hint) => ({
        position: document.positionAt(hint.offset), label: hint.label, kind: InlayHintKind.Type, paddingLeft: true,
        tooltip: `ECR Guard: what the trust list says about ${hint.accounts.join(', ')}`,
      }));
    } catch (error) {
      host.logError('Inlay hints failed', error);
      return [];
    }
  });

  connection.onCodeLens(async (params, token): Promise<CodeLens[]> => {
    try {
      const document = analysed(params.textDocument.uri);
      if (!document || !(await host.settings(document.uri)).codeLens) return [];
      const built = await annotations.of(document, token);
      return (built?.lenses ?? []).map((lens) => {
        const position = document.positionAt(lens.span.offset);
        return { range: { start: position, end: position }, command: { title: lens.title, command: STATUS_COMMANDS.showInventory } };
      });
    } catch (error) {
      host.logError('CodeLenses failed', error);
      return [];
    }
  });
}

/** Asks the client to request hints and lenses again, where it says it can. */
export function refreshAnnotations(connection: Connection, client: ClientContext): void {
  const workspace = client.capabilities?.workspace;
  if (workspace?.inlayHint?.refreshSupport) void connection.languages.inlayHint.refresh().catch(() => undefined);
  if (workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}
