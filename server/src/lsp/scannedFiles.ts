import { Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FileResult } from '../core/batch';
import { fileGrants } from '../core/replicationGrants';
import { Finding } from '../core/model';
import { toDiagnostic } from './diagnostics';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { scanDocument, toInventoryGrants } from './scanDocuments';
import { InventoryGrant } from '../protocol';
import { Stats } from './scanStats';
import { displayPath, LoadedTrust } from './trustStore';

/** What the scan remembers of a file that is not open: for close, watched-file and trust list events. */
export interface ScannedFile {
  /** Whether it belongs to a module source (a Terraform module): its folder's other files matter. */
  module: boolean;
  policies: number;
  grants: InventoryGrant[];
}

export interface ScannedFilesHooks {
  /** The file's grants in the inventory changed. */
  grantsChanged(uri: string): void;
  trustListUsed(label: string): void;
}

/** The scan's verdict on each file it checked, until a new verdict or a drop: its grants, and its diagnostics through the publisher. */
export class ScannedFiles {
  private readonly files = new Map<string, ScannedFile>();
  private readonly trustDocuments = new Map<string, TextDocument | undefined>();
  /** Whether a scan ran since the server started or the scan was cleared: until then nothing is kept current. */
  hasScanned = false;

  constructor(private readonly publisher: DiagnosticsPublisher, private readonly hooks: ScannedFilesHooks) {}

  get(uri: string): ScannedFile | undefined {
    return this.files.get(uri);
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  entries(): IterableIterator<[string, ScannedFile]> {
    return this.files.entries();
  }

  /** Keeps a file's grants and publishes its findings (the publisher holds them back while it is open). */
  record(uri: string, module: boolean, text: string, result: FileResult, trust: LoadedTrust | undefined, now: Date, stats: Stats, isOpen: boolean): void {
    const previous = this.files.get(uri);
    let grants: InventoryGrant[] = [];
    const document = result.policies > 0 ? scanDocument(uri, result.source ?? 'json', text) : undefined;
    if (document) {
      grants = toInventoryGrants(document, fileGrants(result, result.findings, { trust: trust?.parsed?.list, now }));
      if (trust?.parsed) this.hooks.trustListUsed(displayPath(trust.uri));
    }
    this.publisher.scan(uri, () => (document ? this.diagnostics(document, result.findings, trust) : []));
    stats.add(result, grants.length);
    this.files.set(uri, { module, policies: result.policies, grants });
    if (!isOpen && (grants.length > 0 || (previous?.grants.length ?? 0) > 0)) this.hooks.grantsChanged(uri);
  }

  /** A file the scan no longer covers (disabled folder, unreadable, deleted): its diagnostics and grants go. */
  drop(uri: string): void {
    const previous = this.files.get(uri);
    if (!previous) return;
    this.publisher.withdraw(uri);
    this.files.delete(uri);
    this.hooks.grantsChanged(uri);
  }

  /** Forgets every verdict (ecrGuard/clearScan), with the diagnostics that still stand. */
  clear(): void {
    for (const uri of this.files.keys()) this.publisher.withdraw(uri);
    this.files.clear();
    this.hasScanned = false;
  }

  private diagnostics(document: TextDocument, findings: readonly Finding[], trust: LoadedTrust | undefined): Diagnostic[] {
    if (findings.length === 0) return [];
    const trustDocument = this.trustDocument(trust);
    // Suppressed ones too: the publisher holds them back from the client and keeps them for the SARIF export.
    return findings.map((finding) => toDiagnostic(finding, document, trustDocument));
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
}
