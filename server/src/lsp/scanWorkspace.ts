import { performance } from 'perf_hooks';
import { CancellationToken, CancellationTokenSource, Connection, FileEvent, TextDocuments, WorkspaceFolder } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Finding } from '../core/model';
import { extensionsGlob } from '../core/sources/registry';
import { Extraction, PolicySource, SourceEnvironment } from '../core/sources/types';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { ScanChecker } from './scanChecker';
import { ScannedFiles } from './scannedFiles';
import { GrantsInventory } from './scanInventory';
import { ClearScanRequest, InventoryRequest, InventoryResult, ScanSummary, ScanWorkspaceParams, ScanWorkspaceRequest } from '../protocol';
import { ScanJobQueue } from './scanQueue';
import { BackgroundRechecks } from './scanRechecks';
import { Stats } from './scanStats';
import { findWork } from './scanWork';
import { Settings } from './settings';
import { watchFiles } from './trustFiles';
import { displayPath, LoadedTrust } from './trustStore';

/** What the scan needs from the language server it runs in. */
export interface ScanHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** Shows the scan's verdicts on files that are not open, and hands closed ones back to the scan. */
  publisher: DiagnosticsPublisher;
  folders(): readonly WorkspaceFolder[];
  settings(scopeUri: string): Promise<Settings>;
  trustFor(uri: string, settings: Settings): LoadedTrust | undefined;
  /** What a source requires to parse (Terraform's WebAssembly parser), loaded on first use. */
  environment(source: PolicySource): Promise<SourceEnvironment>;
  canWatch(): boolean;
  log(message: string): void;
  logError(message: string, error: unknown): void;
}

/**
 * The workspace scan (`ecrGuard/scanWorkspace`) and the grants inventory. The scan runs on the server's
 * event loop in slices of a few milliseconds, yielding between them, so hovers and edits are answered
 * while it runs; it reports LSP work-done progress and stops when its request is cancelled. Diagnostics of
 * files that are not open stay published until the file changes (it is re-checked) or is deleted; closing
 * a scanned file re-checks it from disk. A trust list or settings change re-checks every scanned policy
 * in the background.
 */
export class WorkspaceScanner {
  private readonly queue = new ScanJobQueue();
  private readonly files: ScannedFiles;
  private readonly grants: GrantsInventory;
  private readonly checker: ScanChecker;
  private readonly rechecks: BackgroundRechecks;
  private watching = false;

  constructor(private readonly host: ScanHost) {
    this.files = new ScannedFiles(host.publisher, {
      grantsChanged: (uri) => this.grants.changed(uri),
      trustListUsed: (label) => this.grants.trustListUsed(label),
    });
    this.grants = new GrantsInventory(host.connection, this.files);
    this.checker = new ScanChecker(host, this.files);
    this.rechecks = new BackgroundRechecks(host, this.files, this.grants, this.checker, this.queue);
  }

  register(): void {
    const { connection } = this.host;
    connection.onRequest(ScanWorkspaceRequest, (params: ScanWorkspaceParams | undefined, token: CancellationToken) => this.scan(params ?? {}, token));
    connection.onRequest(InventoryRequest, () => this.grants.subscribe());
    connection.onRequest(ClearScanRequest, () => this.clear());
    this.host.publisher.handClosedFilesTo((uri) => this.rechecks.recheck([uri]));
    this.host.documents.onDidClose((event) => this.documentClosed(event.document.uri));
  }

  /** The grants inventory as it stands: the scan's grants of files that are not open, the editor's of open ones. */
  inventory(): InventoryResult {
    return this.grants.current();
  }

  /** An open document was analysed: its grants replace the scan's until it is closed. */
  documentAnalysed(document: TextDocument, policies: Pick<Extraction, 'documents' | 'replications'>, findings: Finding[], trust: LoadedTrust | undefined): void {
    this.grants.documentAnalysed(document, policies, findings, trust);
  }

  /** Watched files changed on disk: re-check scanned files that changed, forget deleted ones. */
  filesChanged(changes: readonly FileEvent[]): void {
    this.rechecks.filesChanged(changes);
  }

  /** The trust list or the settings changed: every scanned policy is re-checked. */
  trustChanged(): void {
    this.rechecks.trustChanged();
  }

  private scan(params: ScanWorkspaceParams, token: CancellationToken): Promise<ScanSummary> {
    this.queue.cancelRunning();
    const source = new CancellationTokenSource();
    token.onCancellationRequested(() => source.cancel());
    return this.queue.enqueue(source, async () => {
      const started = performance.now();
      const progress = this.host.connection.window.attachWorkDoneProgress(params.workDoneToken);
      progress.begin('ECR Guard: scanning for cross-account grants', 0, 'finding files', true);
      const stats = new Stats();
      try {
        const items = await findWork(params, this.host, stats, source.token);
        // A new scan replaces the last one: files it no longer covers (now excluded or ignored) lose their results.
        const covered = new Set(items.flatMap((item) => (item.kind === 'file' ? [item.file.uri] : item.files.map((file) => file.uri))));
        for (const [uri] of [...this.files.entries()]) if (!covered.has(uri)) this.files.drop(uri);
        this.files.hasScanned = true;
        if (!this.watching && this.host.canWatch()) {
          this.watching = true;
          watchFiles(this.host.connection, [{ globPattern: extensionsGlob() }]);
        }
        await this.checker.process(items, source.token, stats, progress);
        const summary = stats.summary(source.token.isCancellationRequested, performance.now() - started);
        this.host.log(`Workspace scan ${summary.cancelled ? 'cancelled' : 'done'} in ${summary.durationMs} ms: ${summary.scanned} of ${summary.candidates} files, `
          + `${summary.ignored} ignored by .gitignore, ${summary.skippedCount} skipped, ${summary.policies} policies, ${summary.findings} findings, ${summary.grants} grants.`);
        for (const skip of summary.skipped) this.host.log(`Scan skipped ${displayPath(skip.uri)}: ${skip.reason}`);
        return summary;
      } finally {
        progress.done();
        this.grants.flush();
      }
    });
  }

  private clear(): Promise<void> {
    this.queue.cancelRunning();
    return this.queue.enqueue(new CancellationTokenSource(), async () => {
      this.files.clear();
      this.rechecks.cancelPending();
      this.grants.reset();
    });
  }

  /** A closed document's grants leave the inventory; a scanned file's come back with its re-check (see DiagnosticsPublisher.closed). */
  private documentClosed(uri: string): void {
    this.grants.forgetEditorAnalysis(uri);
    if (!this.files.has(uri)) this.grants.changed(uri);
  }
}
