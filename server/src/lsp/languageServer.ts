import {
  CodeActionKind, Connection, DidChangeConfigurationNotification, Hover, InitializeResult, MarkupKind, TextDocuments, TextDocumentSyncKind, WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt } from '../core/hover';
import { extensionsGlob, POLICY_SOURCES } from '../core/sources/registry';
import { TRUST_FILE_NAME } from '../core/trust';
import { SourceEnvironmentLoader } from '../node/sourceEnvironment';
import { isAnalysedUri, SERVER_COMMANDS } from '../protocol';
import { FIX_ALL_KIND, registerCodeActions } from './codeActions';
import { rangeOf, toDiagnostic } from './diagnostics';
import { DocumentSync } from './documentSync';
import { registerExports } from './exportRequests';
import { folderOf } from './scanFiles';
import { WorkspaceScanner } from './scanWorkspace';
import { PolicySources } from './policySources';
import { Scheduler } from './scheduler';
import { Settings, SettingsStore } from './settings';
import { TrustFileTracker, watchFiles } from './trustFiles';
import { displayPath, LoadedTrust, TrustStore } from './trustStore';

/** Wires the pure analysis core to an LSP connection: documents, settings, trust lists, diagnostics, hovers. */
export function startLanguageServer(connection: Connection): void {
  const sources: PolicySources = new PolicySources((uri) => documents.get(uri));
  const sync: DocumentSync = new DocumentSync({
    update: (document, changes, version) => sources.update(document, changes, version),
    // Nothing of the old text may survive: its parse tree, cached policies (keyed by version, which may repeat) and findings.
    reopened: (previous, next) => {
      sources.closed(previous.uri);
      if (!sources.handles(next) && isAnalysedUri(next.uri)) void connection.sendDiagnostics({ uri: next.uri, diagnostics: [] });
    },
    log: (message) => log(message),
  });
  const documents: TextDocuments<TextDocument> = sync.documents;
  const trustStore = new TrustStore((uri) => documents.get(uri)?.getText());
  const trustFiles = new TrustFileTracker(connection, (uri) => documents.get(uri) !== undefined);
  let folders: WorkspaceFolder[] = [];
  let settings = new SettingsStore(connection, false);
  let canWatch = false;
  const log = (message: string): void => connection.console.log(message);
  const logError = (message: string, error: unknown): void =>
    connection.console.error(`${message}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);

  const scheduler = new Scheduler((uri) => validate(uri), (uri, error) => {
    logError(`Analysis of ${uri} failed`, error);
    // Stale findings would describe text that is gone: clear them rather than mislead.
    void connection.sendDiagnostics({ uri, version: documents.get(uri)?.version, diagnostics: [] });
  });

  const environments = new SourceEnvironmentLoader();
  environments.get('terraform').then((parser) => {
    sources.enableTerraform(parser, log);
    for (const document of documents.all()) {
      if (!sources.sourceOf(document)?.requires?.includes('terraform')) continue;
      sources.opened(document);
      scheduler.schedule(document.uri);
    }
  }, (error) => logError('Terraform support is unavailable: the tree-sitter WebAssembly could not be loaded', error));

  // The workspace scan and the grants inventory (ecrGuard/scanWorkspace, ecrGuard/inventory).
  const scanner = new WorkspaceScanner({
    connection, documents, folders: () => folders, settings: (uri) => settings.get(uri), trustFor: (uri, current) => trustFor(uri, current),
    environment: (source) => environments.for(source), canWatch: () => canWatch, log, logError,
  });
  scanner.register();
  registerExports(connection, scanner, () => folders);

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    settings = new SettingsStore(connection, capabilities.workspace?.configuration === true);
    canWatch = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'ECR Guard' },
    };
  });

  connection.onInitialized(() => {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ecrGuard' }).catch(() => undefined);
    // Module sources' files give open documents their context (Terraform's locals and variables).
    if (canWatch) watchFiles(connection, [{ globPattern: `**/${TRUST_FILE_NAME}` }, { globPattern: extensionsGlob(POLICY_SOURCES.filter((source) => source.grouping === 'module')) }]);
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((folder) => folder.uri));
      folders = [...folders.filter((folder) => !removed.has(folder.uri)), ...event.added];
      revalidateAll();
    });
  });

  /** The document's trust list; undefined when none applies (see TrustStore.resolve). */
  function trustFor(uri: string, current: Settings): LoadedTrust | undefined {
    const trustUri = TrustStore.resolve(current.trustList, folderOf(uri, folders)?.uri);
    if (trustUri === undefined) return undefined;
    const loaded = trustStore.get(trustUri);
    trustFiles.noteLoaded(loaded, canWatch);
    return loaded;
  }

  async function validate(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    const source = sources.sourceOf(document);
    if (!source) {
      if (sources.dropped(uri)) void connection.sendDiagnostics({ uri, version: document.version, diagnostics: [] });
      return;
    }
    if (trustFiles.isTrustFile(uri) || uri.endsWith(`/${TRUST_FILE_NAME}`)) {
      trustFiles.noteLoaded(trustStore.get(uri), canWatch, true);
      return;
    }
    const current = await settings.get(uri);
    if (documents.get(uri) !== document) return;
    const limit = Math.min(current.maxFileSize, source.maxChars ?? current.maxFileSize);
    if (!current.enable || document.getText().length > limit) {
      if (current.enable) log(`${displayPath(uri)} is larger than ${limit === current.maxFileSize ? 'ecrGuard.maxFileSize' : `the ${source.label} limit`} (${limit} characters); not analysed.`);
      void connection.sendDiagnostics({ uri, version: document.version, diagnostics: [] });
      scanner.documentAnalysed(document, [], [], undefined);
      return;
    }
    const trust = trustFor(uri, current);
    const analysis = sources.analyze(document, { trust: trust?.parsed?.list, trustFileHint: current.trustList, now: new Date() });
    if (!analysis) return;
    if (analysis.moduleChanged) for (const other of sources.moduleMembers(uri)) if (other !== uri) scheduler.schedule(other);
    const findings = analysis.findings;
    const trustDocument = trust?.text === undefined ? undefined : TextDocument.create(trust.uri, 'json', 0, trust.text);
    const diagnostics = findings.map((finding) => toDiagnostic(finding, document, trustDocument));
    void connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    scanner.documentAnalysed(document, analysis.documents, findings, trust);
  }

  function revalidateAll(): void {
    for (const document of documents.all()) scheduler.schedule(document.uri);
  }

  function trustChanged(uri: string): void {
    if (!trustStore.invalidate(uri)) return;
    log(`Trust list ${displayPath(uri)} changed; re-checking ${documents.all().length} open documents.`);
    revalidateAll();
    scanner.trustChanged();
  }

  function moduleChanged(uri: string): void {
    for (const other of sources.moduleMembers(uri)) scheduler.schedule(other);
  }

  documents.onDidOpen((event) => {
    if (!isAnalysedUri(event.document.uri)) return;
    sources.opened(event.document);
    moduleChanged(event.document.uri);
    scheduler.schedule(event.document.uri);
  });
  // Other files of a Terraform module are re-checked only when this file's contribution to the module
  // changes (see validate), not on every keystroke.
  documents.onDidChangeContent((event) => {
    if (sync.wasIgnored(event.document) || !isAnalysedUri(event.document.uri)) return;
    trustChanged(event.document.uri);
    scheduler.schedule(event.document.uri);
  });
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    sync.closed(uri);
    if (!isAnalysedUri(uri)) return;
    scheduler.cancel(uri);
    sources.closed(uri);
    moduleChanged(uri);
    trustChanged(uri);
    if (!trustFiles.isTrustFile(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      trustChanged(change.uri);
      moduleChanged(change.uri);
    }
    scanner.filesChanged(params.changes);
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    trustStore.clear();
    revalidateAll();
    scanner.trustChanged();
  });

  connection.onHover(async (params): Promise<Hover | null> => {
    try {
      const document = documents.get(params.textDocument.uri);
      const policies = document && sources.handles(document) ? sources.policies(document) : undefined;
      if (!document || !policies) return null;
      const trust = trustFor(document.uri, await settings.get(document.uri));
      const result = hoverAt(policies.documents, document.offsetAt(params.position), { trust: trust?.parsed?.list, now: new Date() });
      return result ? { contents: { kind: MarkupKind.Markdown, value: result.contents }, range: rangeOf(document, result.span) } : null;
    } catch (error) {
      logError('Hover failed', error);
      return null;
    }
  });

  registerCodeActions(connection, {
    documents,
    log: (message) => connection.console.error(message),
    // Fixes edit the trust list as it is now: never from a cached copy that may predate a new file.
    trustFor: async (uri) => {
      const current = await settings.get(uri);
      const trustUri = TrustStore.resolve(current.trustList, folderOf(uri, folders)?.uri);
      if (trustUri !== undefined) trustStore.invalidate(trustUri);
      return trustFor(uri, current);
    },
    analyzer: async (uri) => {
      const document = documents.get(uri);
      if (!document || !sources.handles(document)) return undefined;
      const current = await settings.get(uri);
      const trust = trustFor(uri, current)?.parsed?.list;
      const options = { trust, trustFileHint: current.trustList, now: new Date() };
      return (text: string) => sources.fixContext(uri, text, options);
    },
    fixesDone: () => sources.fixesDone(),
  });

  documents.listen(connection);
  connection.listen();
}
