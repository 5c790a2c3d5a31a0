import { Connection, Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FileResult } from '../core/batch';
import { grantsInventory } from '../core/inventory';
import { toDiagnostic } from './diagnostics';
import { scanDocument, toInventoryGrants } from './scanDocuments';
import { InventoryGrant } from './scanProtocol';
import { Stats } from './scanStats';
import { displayPath, LoadedTrust } from './trustStore';

/** What the scan remembers of a file that is not open: for close, watched-file and trust list events. */
export interface ScannedFile {
  /** Whether it belongs to a module source (a Terraform module): its folder's other files matter. */
  module: boolean;
  /** Diagnostics this scan published and that still stand. */
  published: boolean;
  policies: number;
  grants: InventoryGrant[];
}

export interface ScannedFilesHooks {
  /** The file's grants in the inventory changed. */
  grantsChanged(uri: string): void;
  trustListUsed(label: string): void;
  /** Whether the editor's analysis of the file stands (it is open): the scan's diagnostics are replaced then. */
  editorOwns(uri: string): boolean;
}

/** The scan's verdict on each file it checked: its diagnostics and its grants, until a new verdict or a drop. */
export class ScannedFiles {
  private readonly files = new Map<string, ScannedFile>();
  private readonly trustDocuments = new Map<string, TextDocument | undefined>();
  /** Whether a scan ran since the server started or the scan was cleared: until then nothing is kept current. */
  hasScanned = false;

  constructor(private readonly connection: Connection, private readonly hooks: ScannedFilesHooks) {}

  get(uri: string): ScannedFile | undefined {
    return this.files.get(uri);
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  entries(): IterableIterator<[string, ScannedFile]> {
    return this.files.entries();
  }

  /** Publishes a file's findings (unless it is open: the editor's analysis owns those) and keeps its grants. */
  record(uri: string, module: boolean, text: string, result: FileResult, trust: LoadedTrust | undefined, now: Date, stats: Stats, isOpen: boolean): void {
    const previous = this.files.get(uri);
    let grants: InventoryGrant[] = [];
    if (result.policies > 0) {
      const document = scanDocument(uri, result.source ?? 'json', text);
      grants = toInventoryGrants(document, grantsInventory(result.documents, result.findings, { trust: trust?.parsed?.list, now }));
      if (!isOpen && result.findings.length > 0) {
        const trustDocument = this.trustDocument(trust);
        const diagnostics: Diagnostic[] = result.findings.map((finding) => toDiagnostic(finding, document, trustDocument));
        void this.connection.sendDiagnostics({ uri, diagnostics });
      }
      if (trust?.parsed) this.hooks.trustListUsed(displayPath(trust.uri));
    }
    if (!isOpen && result.findings.length === 0 && previous?.published) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    stats.add(result, grants.length);
    this.files.set(uri, { module, published: !isOpen && result.findings.length > 0, policies: result.policies, grants });
    if (!isOpen && (grants.length > 0 || (previous?.grants.length ?? 0) > 0)) this.hooks.grantsChanged(uri);
  }

  /** A file the scan no longer covers (disabled folder, unreadable, deleted): its diagnostics and grants go. */
  drop(uri: string): void {
    const previous = this.files.get(uri);
    if (!previous) return;
    if (previous.published && !this.hooks.editorOwns(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.files.delete(uri);
    this.hooks.grantsChanged(uri);
  }

  /** Forgets every verdict (ecrGuard/clearScan), with the diagnostics that still stand. */
  clear(): void {
    for (const [uri, file] of this.files) {
      if (file.published && !this.hooks.editorOwns(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    this.files.clear();
    this.hasScanned = false;
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
