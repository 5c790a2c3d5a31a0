import { Connection, Hover, MarkupKind, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt } from '../core/hover';
import { replicationHoverAt } from '../core/replicationHover';
import { registerCodeActions } from './codeActions';
import { rangeOf } from './diagnostics';
import { ClientContext } from './clientContext';
import { PolicySources } from './policySources';
import { Settings } from './settings';
import { TrustResolver } from './trustResolver';

/** What hovers and code actions on an open document read: its policies, its settings and its trust list. */
export interface EditorRequestHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  sources: PolicySources;
  trust: TrustResolver;
  settings(uri: string): Promise<Settings>;
  logError(message: string, error: unknown): void;
}

/** Code actions also ask what the client can do. */
export interface CodeActionRequestHost extends EditorRequestHost {
  client: ClientContext;
}

export function registerHover(host: EditorRequestHost): void {
  const { documents, sources, trust } = host;
  host.connection.onHover(async (params): Promise<Hover | null> => {
    try {
      const document = documents.get(params.textDocument.uri);
      const policies = document && sources.handles(document) ? sources.policies(document) : undefined;
      if (!document || !policies) return null;
      const settings = await host.settings(document.uri);
      const loaded = trust.trustFor(document.uri, settings);
      const offset = document.offsetAt(params.position);
      const options = { trust: loaded?.parsed?.list, trustFileHint: settings.trustList, now: new Date() };
      const result = hoverAt(policies.documents, offset, options) ?? replicationHoverAt(policies.replications ?? [], offset, options)
        ?? sources.suppressionHover(document, options, offset);
      return result ? { contents: { kind: MarkupKind.Markdown, value: result.contents }, range: rangeOf(document, result.span) } : null;
    } catch (error) {
      host.logError('Hover failed', error);
      return null;
    }
  });
}

export function registerEditorCodeActions(host: CodeActionRequestHost): void {
  const { connection, documents, sources, trust } = host;
  registerCodeActions(connection, {
    documents,
    log: (message) => connection.console.error(message),
    trustFor: (uri) => trust.freshTrustFor(uri),
    suppressionComments: (uri) => {
      const document = documents.get(uri);
      return document && sources.suppressionComments(document);
    },
    analyzer: async (uri) => {
      const document = documents.get(uri);
      if (!document || !sources.handles(document)) return undefined;
      const current = await host.settings(uri);
      const list = trust.trustFor(uri, current)?.parsed?.list;
      const options = { trust: list, trustFileHint: current.trustList, now: new Date() };
      return (text: string) => sources.fixContext(uri, text, options);
    },
    fixesDone: () => sources.fixesDone(),
    canShowDocuments: () => host.client.canShowDocuments,
  });
}
