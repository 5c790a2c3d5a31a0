import * as path from 'path';
import { CancellationToken, CancellationTokenSource, FileChangeType, FileEvent, TextDocuments, WorkspaceFolder } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { moduleSourceFor } from '../core/sources/registry';
import { ScanChecker } from './scanChecker';
import { ScannedFiles } from './scannedFiles';
import { folderOf, workItemsOf } from './scanFiles';
import { GrantsInventory } from './scanInventory';
import { ScanJobQueue } from './scanQueue';
import { Stats } from './scanStats';

const RECHECK_DELAY_MS = 200;

export interface RecheckHost {
  documents: TextDocuments<TextDocument>;
  folders(): readonly WorkspaceFolder[];
  logError(message: string, error: unknown): void;
}

/**
 * Keeps the scan's verdicts current once a scan has run: files changed on disk are re-checked, deleted
 * ones forgotten, and a trust list or settings change re-checks every scanned policy. Re-checks wait a
 * moment, so that a burst of events makes one job on the scan's queue, and run in the background.
 */
export class BackgroundRechecks {
  private readonly pending = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly host: RecheckHost,
    private readonly files: ScannedFiles,
    private readonly inventory: GrantsInventory,
    private readonly checker: ScanChecker,
    private readonly queue: ScanJobQueue,
  ) {}

  /** Watched files changed on disk: re-check scanned files that changed, forget deleted ones. */
  filesChanged(changes: readonly FileEvent[]): void {
    if (!this.files.hasScanned) return;
    for (const change of changes) {
      const uri = change.uri;
      const module = moduleSourceFor(URI.parse(uri).path) !== undefined;
      if (change.type === FileChangeType.Deleted) {
        const under = [...this.files.entries()].map(([scanned]) => scanned).filter((scanned) => scanned === uri || scanned.startsWith(`${uri}/`));
        for (const scanned of under) {
          this.files.drop(scanned);
          this.inventory.forgetEditorAnalysis(scanned);
        }
        if (module) this.recheckModuleOf(uri);
      } else if (this.files.has(uri)) {
        this.recheck([uri]);
      } else if (module) {
        this.recheckModuleOf(uri);
      }
    }
  }

  /** The trust list or the settings changed: every scanned policy is re-checked. */
  trustChanged(): void {
    if (!this.files.hasScanned) return;
    this.recheck([...this.files.entries()].filter(([, file]) => file.policies > 0).map(([uri]) => uri));
  }

  /** Re-checks that have not started yet are dropped (the scan was cleared). */
  cancelPending(): void {
    this.pending.clear();
  }

  /** Re-checks scanned files soon, in the background, coalescing bursts of events. */
  recheck(uris: readonly string[]): void {
    for (const uri of uris) this.pending.add(uri);
    if (this.timer || this.pending.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const batch = [...this.pending];
      this.pending.clear();
      const source = new CancellationTokenSource();
      void this.queue.enqueue(source, () => this.run(batch, source.token))
        .catch((error) => this.host.logError('Re-checking scanned files failed', error));
    }, RECHECK_DELAY_MS);
  }

  private recheckModuleOf(uri: string): void {
    const folder = path.dirname(URI.parse(uri).fsPath);
    const members = [...this.files.entries()].filter(([member, file]) => file.module && path.dirname(URI.parse(member).fsPath) === folder).map(([member]) => member);
    if (members.length > 0) this.recheck(members);
  }

  private async run(batch: readonly string[], token: CancellationToken): Promise<void> {
    const folders = this.host.folders();
    // Open documents of file sources are the editor's; open module members still give their module its context.
    const refs = batch.filter((uri) => this.files.has(uri) && (this.files.get(uri)!.module || !this.host.documents.get(uri)))
      .map((uri) => ({ uri, path: URI.parse(uri).fsPath, folder: folderOf(uri, folders) }));
    // A module member is re-checked with the rest of its module.
    const moduleFolders = new Set(refs.filter((ref) => this.files.get(ref.uri)!.module).map((ref) => path.dirname(ref.path)));
    const listed = new Set(refs.map((ref) => ref.uri));
    for (const [uri, file] of this.files.entries()) {
      if (!file.module || listed.has(uri)) continue;
      const filePath = URI.parse(uri).fsPath;
      if (moduleFolders.has(path.dirname(filePath))) refs.push({ uri, path: filePath, folder: folderOf(uri, folders) });
    }
    await this.checker.process(workItemsOf(refs), token, new Stats());
    this.inventory.flush();
  }
}
