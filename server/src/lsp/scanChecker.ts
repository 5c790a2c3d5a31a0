import * as path from 'path';
import { performance } from 'perf_hooks';
import { CancellationToken, TextDocuments, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { analyzeFile, analyzeModule, FileResult } from '../core/batch';
import { maxCharsFor, sizeRefusal, sourceFor } from '../core/sources/registry';
import { PolicySource, SourceEnvironment, SourceFile } from '../core/sources/types';
import { moduleFileNames } from '../node/moduleFiles';
import { readPolicyFile } from '../node/readPolicyFile';
import { ScannedFiles } from './scannedFiles';
import { FileRef, WorkItem } from './scanFiles';
import { TimeSlices } from './scanSlices';
import { progressMessage, Stats } from './scanStats';
import { Settings } from './settings';
import { LoadedTrust } from './trustStore';

const PROGRESS_MS = 150;

export interface CheckerHost {
  documents: TextDocuments<TextDocument>;
  settings(scopeUri: string): Promise<Settings>;
  trustFor(uri: string, settings: Settings): LoadedTrust | undefined;
  /** What a source requires to parse (Terraform's WebAssembly parser), loaded on first use. */
  environment(source: PolicySource): Promise<SourceEnvironment>;
  logError(message: string, error: unknown): void;
}

/**
 * Checks work items in time slices and records each file's verdict. Open documents are read from their
 * buffers, with their unsaved text: a module's open files give it the context the editor sees.
 */
export class ScanChecker {
  private readonly jobTrust = new Map<string, LoadedTrust | undefined>();

  constructor(private readonly host: CheckerHost, private readonly files: ScannedFiles) {}

  async process(items: readonly WorkItem[], token: CancellationToken, stats: Stats, progress?: WorkDoneProgressReporter): Promise<void> {
    const now = new Date();
    this.jobTrust.clear();
    const total = items.reduce((sum, item) => sum + (item.kind === 'file' ? 1 : item.files.length), 0);
    let done = 0;
    const slices = new TimeSlices();
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
      await slices.yieldIfDue(elapsed);
    }
    progress?.report(100, progressMessage(done, total, stats));
  }

  private async checkFile(file: FileRef, stats: Stats, now: Date): Promise<void> {
    const settings = await this.settingsOf(file);
    const openDocument = this.host.documents.get(file.uri);
    if (!settings.enable) return this.files.drop(file.uri);
    const read = openDocument ? { text: openDocument.getText() } : await readPolicyFile(file.path, Math.min(settings.maxFileSize, maxCharsFor(file.path)), 'ecrGuard.maxFileSize');
    if ('reason' in read) {
      stats.skip(file.uri, read.reason);
      return this.files.drop(file.uri);
    }
    const source = sourceFor(file.path, read.text, openDocument?.languageId);
    const refusal = source && sizeRefusal(source, read.text);
    if (refusal) {
      stats.skip(file.uri, refusal);
      return this.files.drop(file.uri);
    }
    stats.scanned++;
    const trust = this.trustOf(file, settings);
    const result = analyzeFile({ name: file.path, text: read.text, languageId: openDocument?.languageId }, { trust: trust?.parsed?.list, trustFileHint: settings.trustList, now }, {}, source);
    this.files.record(file.uri, false, read.text, result, trust, now, stats, openDocument !== undefined);
  }

  private async checkModule(item: Extract<WorkItem, { kind: 'module' }>, stats: Stats, now: Date): Promise<void> {
    const settings = await this.settingsOf(item.files[0]);
    if (!settings.enable) {
      for (const file of item.files) this.files.drop(file.uri);
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
        if (candidates.has(ref.path)) this.files.drop(ref.uri);
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
      if (result) this.files.record(source.ref.uri, true, source.text, result, trust, now, stats, this.host.documents.get(source.ref.uri) !== undefined);
    }
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
}
