import * as path from 'path';
import { performance } from 'perf_hooks';
import {
  CancellationToken, CancellationTokenSource, Connection, Diagnostic, FileChangeType, FileEvent, TextDocuments, WorkDoneProgressReporter, WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { analyzeFile, analyzeModule, FileResult } from '../core/batch';
import { grantsInventory } from '../core/inventory';
import { Finding, PolicyDocument } from '../core/model';
import { extensionsGlob, maxCharsFor, moduleSourceFor } from '../core/sources/registry';
import { PolicySource, SourceEnvironment, SourceFile } from '../core/sources/types';
import { TrustList } from '../core/trust';
import { toDiagnostic } from './diagnostics';
import { PublishedFinding, scanDocument, toInventoryGrants, toPublishedFindings } from './scanDocuments';
import { FileRef, folderOf, isCandidate, uniqueFiles, walk, WorkItem, workItemsOf } from './scanFiles';
import { progressMessage, Stats } from './scanStats';
import { GitIgnores } from './scanIgnore';
import {
  ClearScanRequest, InventoryChangedNotification, InventoryChangedParams, InventoryFile, InventoryGrant, InventoryRequest, InventoryResult, ScanSummary,
  ScanWorkspaceParams, ScanWorkspaceRequest,
} from '../protocol';
import { moduleFileNames } from '../node/moduleFiles';
import { readPolicyFile } from '../node/readPolicyFile';
import { Settings } from './settings';
import { watchFiles } from './trustFiles';
import { displayPath, LoadedTrust } from './trustStore';

/** What the scan needs from the language server it runs in. */
export interface ScanHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  folders(): readonly WorkspaceFolder[];
  settings(scopeUri: string): Promise<Settings>;
  trustFor(uri: string, settings: Settings): LoadedTrust | undefined;
  /** What a source requires to parse (Terraform's WebAssembly parser), loaded on first use. */
  environment(source: PolicySource): Promise<SourceEnvironment>;
  canWatch(): boolean;
  log(message: string): void;
  logError(message: string, error: unknown): void;
}

/** Work between two yields to the event loop: hovers and edits wait at most about this long, plus one file. */
const SLICE_MS = 8;
const PROGRESS_MS = 150;
const INVENTORY_FLUSH_MS = 250;
const RECHECK_DELAY_MS = 200;

/** What the scan remembers of a file that is not open: for close, watched-file and trust list events. */
interface ScannedFile {
  /** Whether it belongs to a module source (a Terraform module): its folder's other files matter. */
  module: boolean;
  /** Diagnostics this scan published and that still stand. */
  published: boolean;
  policies: number;
  grants: InventoryGrant[];
  /** The findings behind those diagnostics, for the SARIF export. */
  findings: PublishedFinding[];
}

interface OpenAnalysis {
  text: string;
  documents: PolicyDocument[];
  findings: Finding[];
  trust?: TrustList;
  trustLabel?: string;
  languageId: string;
  grants?: InventoryGrant[];
}

/**
 * The workspace scan (`ecrGuard/scanWorkspace`) and the grants inventory. The scan runs on the server's
 * event loop in slices of a few milliseconds, yielding between them, so hovers and edits are answered
 * while it runs; it reports LSP work-done progress and stops when its request is cancelled. Diagnostics of
 * files that are not open stay published until the file changes (it is re-checked) or is deleted; closing
 * a scanned file re-checks it from disk instead of clearing it. A trust list or settings change re-checks
 * every scanned policy in the background.
 */
export class WorkspaceScanner {
  private readonly scanned = new Map<string, ScannedFile>();
  private readonly open = new Map<string, OpenAnalysis>();
  private readonly trustLists = new Set<string>();
  private readonly trustDocuments = new Map<string, TextDocument | undefined>();
  private readonly jobTrust = new Map<string, LoadedTrust | undefined>();
  private hasScanned = false;
  private subscribed = false;
  private watching = false;
  private queue: Promise<unknown> = Promise.resolve();
  private running?: CancellationTokenSource;
  private readonly pendingInventory = new Set<string>();
  private inventoryTimer?: NodeJS.Timeout;
  private readonly pendingRecheck = new Set<string>();
  private recheckTimer?: NodeJS.Timeout;

  constructor(private readonly host: ScanHost) {}

  register(): void {
    const { connection } = this.host;
    connection.onRequest(ScanWorkspaceRequest, (params: ScanWorkspaceParams | undefined, token: CancellationToken) => this.scan(params ?? {}, token));
    connection.onRequest(InventoryRequest, () => this.inventory());
    connection.onRequest(ClearScanRequest, () => this.clear());
    this.host.documents.onDidClose((event) => this.documentClosed(event.document.uri));
  }

  // ---------------------------------------------------------------------------------------------------
  // Hooks called by the language server

  /** An open document was analysed: its grants replace the scan's until it is closed. */
  documentAnalysed(document: TextDocument, documents: PolicyDocument[], findings: Finding[], trust: LoadedTrust | undefined): void {
    this.open.set(document.uri, {
      text: document.getText(), languageId: document.languageId, documents, findings, trust: trust?.parsed?.list, trustLabel: trust?.parsed ? displayPath(trust.uri) : undefined,
    });
    this.inventoryChanged(document.uri);
  }

  /** Watched files changed on disk: re-check scanned files that changed, forget deleted ones. */
  filesChanged(changes: readonly FileEvent[]): void {
    if (!this.hasScanned) return;
    for (const change of changes) {
      const uri = change.uri;
      const module = moduleSourceFor(URI.parse(uri).path) !== undefined;
      if (change.type === FileChangeType.Deleted) {
        const under = [...this.scanned.keys()].filter((scanned) => scanned === uri || scanned.startsWith(`${uri}/`));
        for (const scanned of under) this.forget(scanned);
        if (module) this.recheckModuleOf(uri);
      } else if (this.scanned.has(uri)) {
        this.recheck([uri]);
      } else if (module) {
        this.recheckModuleOf(uri);
      }
    }
  }

  /** The trust list or the settings changed: every scanned policy is re-checked. */
  trustChanged(): void {
    if (!this.hasScanned) return;
    this.recheck([...this.scanned].filter(([, file]) => file.policies > 0 || file.published).map(([uri]) => uri));
  }

  // ---------------------------------------------------------------------------------------------------
  // Requests

  private scan(params: ScanWorkspaceParams, token: CancellationToken): Promise<ScanSummary> {
    this.running?.cancel();
    const source = new CancellationTokenSource();
    token.onCancellationRequested(() => source.cancel());
    return this.enqueue(source, async () => {
      const started = performance.now();
      const progress = this.host.connection.window.attachWorkDoneProgress(params.workDoneToken);
      progress.begin('ECR Guard: scanning for cross-account grants', 0, 'finding files', true);
      const stats = new Stats();
      try {
        const items = await this.workItems(params, stats, source.token);
        // A new scan replaces the last one: files it no longer covers (now excluded or ignored) lose their results.
        const covered = new Set(items.flatMap((item) => (item.kind === 'file' ? [item.file.uri] : item.files.map((file) => file.uri))));
        for (const uri of [...this.scanned.keys()]) if (!covered.has(uri)) this.drop(uri);
        this.hasScanned = true;
        if (!this.watching && this.host.canWatch()) {
          this.watching = true;
          watchFiles(this.host.connection, [{ globPattern: extensionsGlob() }]);
        }
        await this.process(items, source.token, stats, progress);
        const summary = stats.summary(source.token.isCancellationRequested, performance.now() - started);
        this.host.log(`Workspace scan ${summary.cancelled ? 'cancelled' : 'done'} in ${summary.durationMs} ms: ${summary.scanned} of ${summary.candidates} files, `
          + `${summary.ignored} ignored by .gitignore, ${summary.skippedCount} skipped, ${summary.policies} policies, ${summary.findings} findings, ${summary.grants} grants.`);
        for (const skip of summary.skipped) this.host.log(`Scan skipped ${displayPath(skip.uri)}: ${skip.reason}`);
        return summary;
      } finally {
        progress.done();
        this.flushInventory();
      }
    });
  }

  private async inventory(): Promise<InventoryResult> {
    this.subscribed = true;
    // Pending per-file notifications are covered by this answer.
    this.pendingInventory.clear();
    return this.currentInventory();
  }

  /** The inventory as it stands: the scan's grants of files that are not open, the editor's of those that are. */
  currentInventory(): InventoryResult {
    const files: InventoryFile[] = [];
    for (const [uri, file] of this.scanned) {
      if (!this.open.has(uri) && file.grants.length > 0) files.push({ uri, source: 'scan', grants: file.grants });
    }
    for (const [uri, analysis] of this.open) {
      const grants = this.openGrants(uri, analysis);
      if (grants.length > 0) files.push({ uri, source: 'editor', grants });
    }
    return { scanned: this.hasScanned, files, trustLists: [...this.trustLists] };
  }

  /** Every file's findings as its diagnostics show them: the scan's for files that are not open, the editor's for those that are. */
  currentFindings(): { uri: string; findings: PublishedFinding[] }[] {
    const files = [...this.scanned].filter(([uri, file]) => !this.open.has(uri) && file.findings.length > 0).map(([uri, file]) => ({ uri, findings: file.findings }));
    for (const [uri, analysis] of this.open) {
      if (analysis.findings.length > 0) files.push({ uri, findings: toPublishedFindings(scanDocument(uri, analysis.languageId, analysis.text), analysis.findings) });
    }
    return files;
  }

  private clear(): Promise<void> {
    this.running?.cancel();
    const source = new CancellationTokenSource();
    return this.enqueue(source, async () => {
      for (const [uri, file] of this.scanned) {
        if (file.published && !this.open.has(uri)) void this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
      }
      this.scanned.clear();
      this.hasScanned = false;
      this.pendingRecheck.clear();
      this.pendingInventory.clear();
      if (this.subscribed) void this.host.connection.sendNotification(InventoryChangedNotification, this.resetParams());
    });
  }

  // ---------------------------------------------------------------------------------------------------
  // Finding the files

  private async workItems(params: ScanWorkspaceParams, stats: Stats, token: CancellationToken): Promise<WorkItem[]> {
    const folders = this.host.folders();
    const enabled: WorkspaceFolder[] = [];
    for (const folder of folders) if ((await this.host.settings(folder.uri)).enable) enabled.push(folder);
    const refs: FileRef[] = [];
    if (params.files) {
      for (const listed of new Set(params.files)) {
        const parsed = URI.parse(listed);
        if (parsed.scheme !== 'file') continue;
        // One spelling per file (`a/./b.json`, `a//b.json`, escapes), so that each is read and reported once.
        const file = path.normalize(parsed.fsPath);
        const uri = URI.file(file).toString();
        const folder = folderOf(uri, folders);
        if (folder && !enabled.includes(folder)) continue;
        refs.push({ uri, path: file, folder });
      }
    } else {
      const unreadable = (folder: string, reason: string): void => stats.skip(URI.file(folder).toString(), reason);
      for (const folder of enabled) {
        const root = URI.parse(folder.uri);
        if (root.scheme === 'file') await walk(root.fsPath, (file) => refs.push({ uri: URI.file(file).toString(), path: file, folder }), unreadable, token);
      }
    }
    const candidates = uniqueFiles(refs).filter((ref) => isCandidate(ref.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    stats.candidates = candidates.length;
    let kept = candidates;
    if (params.useIgnoreFiles !== false) {
      const ignores = new GitIgnores();
      kept = [];
      let sliceStart = performance.now();
      for (const ref of candidates) {
        if (token.isCancellationRequested) break;
        if (performance.now() - sliceStart > SLICE_MS) {
          await yieldToEventLoop();
          sliceStart = performance.now();
        }
        const root = ref.folder ? URI.parse(ref.folder.uri).fsPath : path.dirname(ref.path);
        if (await ignores.ignores(root, ref.path)) stats.ignored++;
        else kept.push(ref);
      }
    }
    return workItemsOf(kept);
  }

  // ---------------------------------------------------------------------------------------------------
  // Checking them

  private async process(items: readonly WorkItem[], token: CancellationToken, stats: Stats, progress?: WorkDoneProgressReporter): Promise<void> {
    const now = new Date();
    this.jobTrust.clear();
    const total = items.reduce((sum, item) => sum + (item.kind === 'file' ? 1 : item.files.length), 0);
    let done = 0;
    let sliceStart = performance.now();
    let reported = 0;
    for (const item of items) {
      if (token.isCancellationRequested) return;
      try {
        if (item.kind === 'file') await this.checkFile(item.file, stats, now);
        else await this.checkModule(item, stats, now);
      } catch (error) {
        const where = item.kind === 'file' ? item.file.path : item.folder;
        this.host.logError(`Scan of ${where} failed`, error);
        stats.skip(item.kind === 'file' ? item.file.uri : URI.file(item.folder).toString(), `analysis failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      done += item.kind === 'file' ? 1 : item.files.length;
      const elapsed = performance.now();
      if (progress && elapsed - reported > PROGRESS_MS) {
        reported = elapsed;
        progress.report(total === 0 ? 100 : Math.floor((done / total) * 100), progressMessage(done, total, stats));
      }
      if (elapsed - sliceStart > SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    progress?.report(100, progressMessage(done, total, stats));
  }

  private async checkFile(file: FileRef, stats: Stats, now: Date): Promise<void> {
    const settings = await this.settingsOf(file);
    const openDocument = this.host.documents.get(file.uri);
    if (!settings.enable) return this.drop(file.uri);
    const read = openDocument ? { text: openDocument.getText() } : await readPolicyFile(file.path, Math.min(settings.maxFileSize, maxCharsFor(file.path)), 'ecrGuard.maxFileSize');
    if ('reason' in read) {
      stats.skip(file.uri, read.reason);
      return this.drop(file.uri);
    }
    stats.scanned++;
    const trust = this.trustOf(file, settings);
    const result = analyzeFile({ name: file.path, text: read.text, languageId: openDocument?.languageId }, { trust: trust?.parsed?.list, trustFileHint: settings.trustList, now });
    this.record(file.uri, false, read.text, result, trust, now, stats, openDocument !== undefined);
  }

  private async checkModule(item: Extract<WorkItem, { kind: 'module' }>, stats: Stats, now: Date): Promise<void> {
    const settings = await this.settingsOf(item.files[0]);
    if (!settings.enable) {
      for (const file of item.files) this.drop(file.uri);
      return;
    }
    const limit = Math.min(settings.maxFileSize, item.source.maxChars ?? settings.maxFileSize);
    const candidates = new Set(item.files.map((file) => file.path));
    // Terraform reads every .tf file of the folder, whatever the editor excludes: so does the module context.
    const members = new Map<string, FileRef>(item.files.map((file) => [file.path, file]));
    for (const name of await moduleFileNames(item.folder, item.source.extensions)) {
      const file = path.join(item.folder, name);
      if (!members.has(file)) members.set(file, { uri: URI.file(file).toString(), path: file, folder: item.files[0].folder });
    }
    const sources: (SourceFile & { ref: FileRef })[] = [];
    for (const ref of members.values()) {
      const openDocument = this.host.documents.get(ref.uri);
      const read = openDocument ? { text: openDocument.getText() } : await readPolicyFile(ref.path, limit, 'ecrGuard.maxFileSize');
      if ('reason' in read) {
        // A module file the scan does not list still gives context: the user is told when it cannot.
        stats.skip(ref.uri, candidates.has(ref.path) ? read.reason : `${read.reason}; not read as module context`);
        if (candidates.has(ref.path)) this.drop(ref.uri);
        continue;
      }
      sources.push({ name: ref.uri, text: read.text, ref });
    }
    const trust = this.trustOf(item.files[0], settings);
    const options = { trust: trust?.parsed?.list, trustFileHint: settings.trustList, now };
    const results = sources.some((source) => candidates.has(source.ref.path))
      ? analyzeModule(item.source, sources, () => options, await this.host.environment(item.source))
      : new Map<string, FileResult>();
    for (const source of sources) {
      if (!candidates.has(source.ref.path)) continue;
      stats.scanned++;
      const result = results.get(source.name);
      if (result) this.record(source.ref.uri, true, source.text, result, trust, now, stats, this.host.documents.get(source.ref.uri) !== undefined);
    }
  }

  /** Publishes a file's findings (unless it is open: the editor's analysis owns those) and keeps its grants. */
  private record(uri: string, module: boolean, text: string, result: FileResult, trust: LoadedTrust | undefined, now: Date, stats: Stats, isOpen: boolean): void {
    const previous = this.scanned.get(uri);
    let grants: InventoryGrant[] = [];
    let publishedFindings: PublishedFinding[] = [];
    if (result.policies > 0) {
      const document = scanDocument(uri, result.source ?? 'json', text);
      grants = toInventoryGrants(document, grantsInventory(result.documents, result.findings, { trust: trust?.parsed?.list, now }));
      if (!isOpen && result.findings.length > 0) {
        const trustDocument = this.trustDocument(trust);
        const diagnostics: Diagnostic[] = result.findings.map((finding) => toDiagnostic(finding, document, trustDocument));
        void this.host.connection.sendDiagnostics({ uri, diagnostics });
        publishedFindings = toPublishedFindings(document, result.findings);
      }
      if (trust?.parsed) this.trustLists.add(displayPath(trust.uri));
    }
    if (!isOpen && result.findings.length === 0 && previous?.published) void this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
    stats.add(result, grants.length);
    this.scanned.set(uri, { module, published: !isOpen && result.findings.length > 0, policies: result.policies, grants, findings: publishedFindings });
    if (!isOpen && (grants.length > 0 || (previous?.grants.length ?? 0) > 0)) this.inventoryChanged(uri);
  }

  /** A file the scan no longer covers (disabled folder, unreadable): its diagnostics and grants go. */
  private drop(uri: string): void {
    const previous = this.scanned.get(uri);
    if (!previous) return;
    if (previous.published && !this.open.has(uri)) void this.host.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.scanned.delete(uri);
    this.inventoryChanged(uri);
  }

  private forget(uri: string): void {
    this.drop(uri);
    this.open.delete(uri);
  }

  /** The trust list of a file's folder, resolved once per job (settings and lists do not change within one). */
  private trustOf(file: FileRef, settings: Settings): LoadedTrust | undefined {
    const key = `${file.folder?.uri ?? file.uri}\n${settings.trustList}`;
    if (!this.jobTrust.has(key)) this.jobTrust.set(key, this.host.trustFor(file.uri, settings));
    return this.jobTrust.get(key);
  }

  private settingsOf(file: FileRef): Promise<Settings> {
    // Per folder, not per file: one workspace/configuration round trip per folder, not per file.
    return this.host.settings(file.folder?.uri ?? file.uri);
  }

  private trustDocument(trust: LoadedTrust | undefined): TextDocument | undefined {
    if (trust?.text === undefined) return undefined;
    const key = `${trust.uri}\n${trust.text.length}\n${trust.text}`;
    if (!this.trustDocuments.has(key)) {
      if (this.trustDocuments.size > 16) this.trustDocuments.clear();
      this.trustDocuments.set(key, TextDocument.create(trust.uri, 'json', 0, trust.text));
    }
    return this.trustDocuments.get(key);
  }

  // ---------------------------------------------------------------------------------------------------
  // Keeping it current

  private documentClosed(uri: string): void {
    this.open.delete(uri);
    if (this.scanned.has(uri)) this.recheck([uri]);
    else this.inventoryChanged(uri);
  }

  private recheckModuleOf(uri: string): void {
    const folder = path.dirname(URI.parse(uri).fsPath);
    const members = [...this.scanned].filter(([member, file]) => file.module && path.dirname(URI.parse(member).fsPath) === folder).map(([member]) => member);
    if (members.length > 0) this.recheck(members);
  }

  /** Re-checks scanned files soon, in the background, coalescing bursts of events. */
  private recheck(uris: readonly string[]): void {
    for (const uri of uris) this.pendingRecheck.add(uri);
    if (this.recheckTimer || this.pendingRecheck.size === 0) return;
    this.recheckTimer = setTimeout(() => {
      this.recheckTimer = undefined;
      const batch = [...this.pendingRecheck];
      this.pendingRecheck.clear();
      const source = new CancellationTokenSource();
      void this.enqueue(source, async () => {
        const folders = this.host.folders();
        // Open documents of file sources are the editor's; open module members still give their module its context.
        const refs = batch.filter((uri) => this.scanned.has(uri) && (this.scanned.get(uri)!.module || !this.host.documents.get(uri)))
          .map((uri) => ({ uri, path: URI.parse(uri).fsPath, folder: folderOf(uri, folders) }));
        // A module member is re-checked with the rest of its module.
        const moduleFolders = new Set(refs.filter((ref) => this.scanned.get(ref.uri)!.module).map((ref) => path.dirname(ref.path)));
        const listed = new Set(refs.map((ref) => ref.uri));
        for (const [uri, file] of this.scanned) {
          if (!file.module || listed.has(uri)) continue;
          const filePath = URI.parse(uri).fsPath;
          if (moduleFolders.has(path.dirname(filePath))) refs.push({ uri, path: filePath, folder: folderOf(uri, folders) });
        }
        await this.process(workItemsOf(refs), source.token, new Stats());
        this.flushInventory();
      }).catch((error) => this.host.logError('Re-checking scanned files failed', error));
    }, RECHECK_DELAY_MS);
  }

  /** Runs jobs one at a time; a job may be cancelled through its source while it waits or runs. */
  private enqueue<T>(source: CancellationTokenSource, job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      this.running = source;
      try {
        return await job();
      } finally {
        if (this.running === source) this.running = undefined;
        source.dispose();
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  // ---------------------------------------------------------------------------------------------------
  // The inventory

  private openGrants(uri: string, analysis: OpenAnalysis): InventoryGrant[] {
    if (!analysis.grants) {
      const document = scanDocument(uri, analysis.languageId, analysis.text);
      analysis.grants = toInventoryGrants(document, grantsInventory(analysis.documents, analysis.findings, { trust: analysis.trust }));
      if (analysis.trustLabel && analysis.grants.length > 0) this.trustLists.add(analysis.trustLabel);
    }
    return analysis.grants;
  }

  private inventoryChanged(uri: string): void {
    if (!this.subscribed) return;
    this.pendingInventory.add(uri);
    this.inventoryTimer ??= setTimeout(() => this.flushInventory(), INVENTORY_FLUSH_MS);
  }

  private flushInventory(): void {
    if (this.inventoryTimer) clearTimeout(this.inventoryTimer);
    this.inventoryTimer = undefined;
    if (!this.subscribed || this.pendingInventory.size === 0) return;
    const files: InventoryFile[] = [...this.pendingInventory].map((uri) => {
      const analysis = this.open.get(uri);
      if (analysis) return { uri, source: 'editor', grants: this.openGrants(uri, analysis) };
      return { uri, source: 'scan', grants: this.scanned.get(uri)?.grants ?? [] };
    });
    this.pendingInventory.clear();
    const params: InventoryChangedParams = { scanned: this.hasScanned, files };
    void this.host.connection.sendNotification(InventoryChangedNotification, params);
  }

  private resetParams(): InventoryChangedParams {
    const files: InventoryFile[] = [...this.open].map(([uri, analysis]) => ({ uri, source: 'editor' as const, grants: this.openGrants(uri, analysis) })).filter((file) => file.grants.length > 0);
    return { reset: true, scanned: this.hasScanned, files };
  }
}

/**
 * Lets the event loop read and answer waiting messages. Two turns: the connection queues an incoming request
 * with setImmediate while reading it, so the scan resumes only after that callback has run.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

