import {
  Connection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileSystemWatcher, Hover,
  InitializeResult, MarkupKind, TextDocuments, TextDocumentSyncKind, WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI, Utils } from 'vscode-uri';
import { checkPolicies, SourceKind, sourceKindOf } from '../core/analyze';
import { hoverAt } from '../core/hover';
import { AnalysisCache } from './analysisCache';
import { rangeOf, toDiagnostic, trustProblemDiagnostic } from './diagnostics';
import { Scheduler } from './scheduler';
import { Settings, SettingsStore } from './settings';
import { displayPath, LoadedTrust, TrustStore } from './trustStore';

const JSON_LANGUAGES = new Set(['json', 'jsonc']);

/** Wires the pure analysis core to an LSP connection: documents, settings, trust lists, diagnostics, hovers. */
export function startLanguageServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new AnalysisCache();
  const trustStore = new TrustStore((uri) => documents.get(uri)?.getText());
  const trustFiles = new TrustFileTracker(connection, (uri) => documents.get(uri) !== undefined);
  let folders: WorkspaceFolder[] = [];
  let settings = new SettingsStore(connection, false);
  let canRegisterWatchers = false;
  const log = (message: string): void => connection.console.log(message);

  const scheduler = new Scheduler((uri) => validate(uri), (uri, error) => {
    connection.console.error(`Analysis of ${uri} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  });

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    settings = new SettingsStore(connection, capabilities.workspace?.configuration === true);
    canRegisterWatchers = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'ECR Guard' },
    };
  });

  connection.onInitialized(() => {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ecrGuard' }).catch(() => undefined);
    if (canRegisterWatchers) trustFiles.watch([{ globPattern: '**/.ecr-trust.json' }]);
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((folder) => folder.uri));
      folders = [...folders.filter((folder) => !removed.has(folder.uri)), ...event.added];
      revalidateAll();
    });
  });

  function sourceKind(document: TextDocument): SourceKind | undefined {
    return sourceKindOf(URI.parse(document.uri).path) ?? (JSON_LANGUAGES.has(document.languageId) ? 'json' : undefined);
  }

  function folderOf(uri: string): WorkspaceFolder | undefined {
    return folders
      .filter((folder) => uri === folder.uri || uri.startsWith(folder.uri.endsWith('/') ? folder.uri : `${folder.uri}/`))
      .sort((a, b) => b.uri.length - a.uri.length)[0];
  }

  function trustFor(uri: string, current: Settings): LoadedTrust {
    const trustUri = TrustStore.resolve(current.trustList, folderOf(uri)?.uri);
    const loaded = trustStore.get(trustUri);
    trustFiles.noteLoaded(loaded, canRegisterWatchers);
    return loaded;
  }

  async function validate(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    const kind = sourceKind(document);
    if (!kind) return;
    const current = await settings.get(uri);
    if (documents.get(uri) !== document) return;
    if (!current.enable || document.getText().length > current.maxFileSize) {
      if (current.enable) log(`${displayPath(uri)} is larger than ecrGuard.maxFileSize (${current.maxFileSize} characters); not analysed.`);
      void connection.sendDiagnostics({ uri, version: document.version, diagnostics: [] });
      return;
    }
    const trust = trustFor(uri, current);
    const findings = checkPolicies(cache.policies(document), { trust: trust.parsed?.list, trustFileHint: current.trustList, now: new Date() });
    const trustDocument = trust.text === undefined ? undefined : TextDocument.create(trust.uri, 'json', 0, trust.text);
    const diagnostics = findings.map((finding) => toDiagnostic(finding, document, trustDocument));
    void connection.sendDiagnostics({ uri, version: document.version, diagnostics });
  }

  function revalidateAll(): void {
    for (const document of documents.all()) scheduler.schedule(document.uri);
  }

  function trustChanged(uri: string): void {
    if (!trustStore.invalidate(uri)) return;
    log(`Trust list ${displayPath(uri)} changed; re-checking ${documents.all().length} open documents.`);
    revalidateAll();
  }

  documents.onDidOpen((event) => scheduler.schedule(event.document.uri));
  documents.onDidChangeContent((event) => {
    trustChanged(event.document.uri);
    scheduler.schedule(event.document.uri);
  });
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    scheduler.cancel(uri);
    cache.forget(uri);
    trustChanged(uri);
    if (!trustFiles.isTrustFile(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) trustChanged(change.uri);
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    trustStore.clear();
    revalidateAll();
  });

  connection.onHover(async (params): Promise<Hover | null> => {
    try {
      const document = documents.get(params.textDocument.uri);
      const kind = document && sourceKind(document);
      if (!document || !kind) return null;
      const trust = trustFor(document.uri, await settings.get(document.uri));
      const result = hoverAt(cache.policies(document), document.offsetAt(params.position), { trust: trust.parsed?.list, now: new Date() });
      return result ? { contents: { kind: MarkupKind.Markdown, value: result.contents }, range: rangeOf(document, result.span) } : null;
    } catch (error) {
      connection.console.error(`Hover failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  });

  documents.listen(connection);
  connection.listen();
}

/**
 * Publishes each trust list's own problems into that file, tells the user once when a list they are not
 * editing is broken, and asks the client to watch every trust file in use.
 */
class TrustFileTracker {
  private readonly known = new Set<string>();
  private readonly watched = new Set<string>();
  private readonly announced = new Map<string, string>();

  constructor(private readonly connection: Connection, private readonly isOpen: (uri: string) => boolean) {}

  isTrustFile(uri: string): boolean {
    return this.known.has(uri);
  }

  watch(watchers: FileSystemWatcher[]): void {
    void this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
  }

  noteLoaded(loaded: LoadedTrust, canWatch: boolean): void {
    this.known.add(loaded.uri);
    if (canWatch && !this.watched.has(loaded.uri) && !loaded.uri.endsWith('/.ecr-trust.json')) {
      this.watched.add(loaded.uri);
      const uri = URI.parse(loaded.uri);
      this.watch([{ globPattern: { baseUri: Utils.dirname(uri).toString(), pattern: Utils.basename(uri) } }]);
    }
    const problems = loaded.parsed?.problems ?? [];
    const signature = problems.map((problem) => `${problem.span.offset}:${problem.message}`).join('\n');
    if (this.announced.get(loaded.uri) === signature) return;
    this.announced.set(loaded.uri, signature);
    const document = TextDocument.create(loaded.uri, 'json', 0, loaded.text ?? '');
    void this.connection.sendDiagnostics({ uri: loaded.uri, diagnostics: problems.map((problem) => trustProblemDiagnostic(problem, document)) });
    const errors = problems.filter((problem) => problem.severity === 'error').length;
    if (errors > 0 && !this.isOpen(loaded.uri)) {
      void this.connection.window.showWarningMessage(`ECR Guard: the trust list ${displayPath(loaded.uri)} has ${errors} error${errors === 1 ? '' : 's'}; checks use its valid entries until it is fixed.`);
    }
    if (!loaded.parsed) this.connection.console.log(`No trust list at ${displayPath(loaded.uri)}; every account will be reported as unchecked.`);
  }
}
