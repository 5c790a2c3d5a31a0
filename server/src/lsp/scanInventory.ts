import { Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Finding, PolicyDocument, ReplicationConfiguration } from '../core/model';
import { fileGrants } from '../core/replicationGrants';
import { Extraction } from '../core/sources/types';
import { TrustList } from '../core/trust';
import { scanDocument, toInventoryGrants } from './scanDocuments';
import { InventoryChangedNotification, InventoryChangedParams, InventoryFile, InventoryGrant, InventoryResult } from '../protocol';
import type { ScannedFiles } from './scannedFiles';
import { displayPath, LoadedTrust } from './trustStore';

const INVENTORY_FLUSH_MS = 250;

interface OpenAnalysis {
  text: string;
  documents: PolicyDocument[];
  replications?: ReplicationConfiguration[];
  findings: Finding[];
  trust?: TrustList;
  trustLabel?: string;
  languageId: string;
  grants?: InventoryGrant[];
}

/**
 * The grants inventory: the scan's grants of files that are not open, the editor's of open documents
 * (worked out only when asked for). Once the client has asked for it (ecrGuard/inventory), changes are
 * pushed (ecrGuard/inventoryChanged), a moment later so that a burst of them makes one notification.
 */
export class GrantsInventory {
  private readonly open = new Map<string, OpenAnalysis>();
  private readonly trustLists = new Set<string>();
  private subscribed = false;
  private readonly pending = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly connection: Connection, private readonly scanned: ScannedFiles) {}

  /** An open document was analysed: its grants replace the scan's until it is closed. */
  documentAnalysed(document: TextDocument, policies: Pick<Extraction, 'documents' | 'replications'>, findings: Finding[], trust: LoadedTrust | undefined): void {
    this.open.set(document.uri, {
      text: document.getText(), languageId: document.languageId, documents: policies.documents, replications: policies.replications, findings, trust: trust?.parsed?.list, trustLabel: trust?.parsed ? displayPath(trust.uri) : undefined,
    });
    this.changed(document.uri);
  }

  /** The editor's analysis of a document no longer stands (it was closed, or its file deleted). */
  forgetEditorAnalysis(uri: string): void {
    this.open.delete(uri);
  }

  trustListUsed(label: string): void {
    this.trustLists.add(label);
  }

  /** The inventory as it stands. */
  current(): InventoryResult {
    const files: InventoryFile[] = [];
    for (const [uri, file] of this.scanned.entries()) {
      if (!this.open.has(uri) && file.grants.length > 0) files.push({ uri, source: 'scan', grants: file.grants });
    }
    for (const [uri, analysis] of this.open) {
      const grants = this.openGrants(uri, analysis);
      if (grants.length > 0) files.push({ uri, source: 'editor', grants });
    }
    return { scanned: this.scanned.hasScanned, files, trustLists: [...this.trustLists] };
  }

  /** Answers ecrGuard/inventory: from now on the client is told of changes. */
  subscribe(): InventoryResult {
    this.subscribed = true;
    // Pending per-file notifications are covered by this answer.
    this.pending.clear();
    return this.current();
  }

  changed(uri: string): void {
    if (!this.subscribed) return;
    this.pending.add(uri);
    this.timer ??= setTimeout(() => this.flush(), INVENTORY_FLUSH_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.subscribed || this.pending.size === 0) return;
    const files: InventoryFile[] = [...this.pending].map((uri) => {
      const analysis = this.open.get(uri);
      if (analysis) return { uri, source: 'editor', grants: this.openGrants(uri, analysis) };
      return { uri, source: 'scan', grants: this.scanned.get(uri)?.grants ?? [] };
    });
    this.pending.clear();
    const params: InventoryChangedParams = { scanned: this.scanned.hasScanned, files };
    void this.connection.sendNotification(InventoryChangedNotification, params);
  }

  /** The scan was cleared: pending changes are moot, and a subscribed client starts again from the editor's grants. */
  reset(): void {
    this.pending.clear();
    if (!this.subscribed) return;
    const files: InventoryFile[] = [...this.open].map(([uri, analysis]) => ({ uri, source: 'editor' as const, grants: this.openGrants(uri, analysis) })).filter((file) => file.grants.length > 0);
    const params: InventoryChangedParams = { reset: true, scanned: this.scanned.hasScanned, files };
    void this.connection.sendNotification(InventoryChangedNotification, params);
  }

  private openGrants(uri: string, analysis: OpenAnalysis): InventoryGrant[] {
    if (!analysis.grants) {
      const document = scanDocument(uri, analysis.languageId, analysis.text);
      analysis.grants = toInventoryGrants(document, fileGrants(analysis, analysis.findings, { trust: analysis.trust }));
      if (analysis.trustLabel && analysis.grants.length > 0) this.trustLists.add(analysis.trustLabel);
    }
    return analysis.grants;
  }
}
