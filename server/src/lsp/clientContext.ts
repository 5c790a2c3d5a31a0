import { ClientCapabilities, Connection, InitializeParams, WorkspaceFoldersChangeEvent, WorkspaceFolder } from 'vscode-languageserver/node';
import { EcrGuardInitializationOptions } from '../protocol';
import { SettingsStore } from './settings';

/** What the client said about itself at the handshake and since: its workspace folders, settings, watching. */
export class ClientContext {
  folders: WorkspaceFolder[] = [];
  settings: SettingsStore;
  canWatch = false;
  /** The editor reports JSON syntax errors of open JSON documents itself (see EcrGuardInitializationOptions). */
  editorChecksJsonSyntax = false;
  capabilities?: ClientCapabilities;
  /** Whether the client shows documents on request (window/showDocument). */
  canShowDocuments = false;

  constructor(private readonly connection: Connection) {
    this.settings = new SettingsStore(connection, false);
  }

  initialize(params: InitializeParams): void {
    const capabilities = params.capabilities;
    this.capabilities = capabilities;
    this.settings = new SettingsStore(this.connection, capabilities.workspace?.configuration === true);
    this.canWatch = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.editorChecksJsonSyntax = (params.initializationOptions as EcrGuardInitializationOptions | undefined)?.editorChecksJsonSyntax === true;
    this.canShowDocuments = capabilities.window?.showDocument?.support === true;
    this.folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
  }

  foldersChanged(event: WorkspaceFoldersChangeEvent): void {
    const removed = new Set(event.removed.map((folder) => folder.uri));
    this.folders = [...this.folders.filter((folder) => !removed.has(folder.uri)), ...event.added];
  }
}
