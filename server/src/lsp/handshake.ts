import { CodeActionKind, Connection, DidChangeConfigurationNotification, InitializeResult, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { extensionsGlob, POLICY_SOURCES } from '../core/sources/registry';
import { TRUST_FILE_NAME } from '../core/trust';
import { ClientContext } from './clientContext';
import { FIX_ALL_IN_FILE, SERVER_COMMANDS, SHOW_RULE_DOCUMENTATION } from '../protocol';
import { FIX_ALL_KIND } from './codeActions';
import { watchFiles } from './trustFiles';

/** The initialize handshake: what the server offers, and what it asks of the client once initialized. */
export function registerHandshake(connection: Connection, client: ClientContext, foldersChanged: () => void): void {
  connection.onInitialize((params): InitializeResult => {
    client.initialize(params);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        inlayHintProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: [...Object.values(SERVER_COMMANDS), FIX_ALL_IN_FILE, SHOW_RULE_DOCUMENTATION] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'ECR Guard' },
    };
  });

  connection.onInitialized(() => {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ecrGuard' }).catch(() => undefined);
    // Module sources' files give open documents their context (Terraform's locals and variables).
    if (client.canWatch) watchFiles(connection, [{ globPattern: `**/${TRUST_FILE_NAME}` }, { globPattern: extensionsGlob(POLICY_SOURCES.filter((source) => source.grouping === 'module')) }]);
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      client.foldersChanged(event);
      foldersChanged();
    });
  });
}
