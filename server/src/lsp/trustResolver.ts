import { Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TRUST_FILE_NAME } from '../core/trust';
import { ClientContext } from './clientContext';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { folderOf } from './scanFiles';
import { Settings } from './settings';
import { TrustFileTracker } from './trustFiles';
import { LoadedTrust, TrustStore } from './trustStore';

/**
 * Which trust list applies to a document, loaded through the store (open buffers win over disk), with
 * the list's own problems published and the file watched as it comes into use.
 */
export class TrustResolver {
  private readonly store: TrustStore;
  private readonly files: TrustFileTracker;

  constructor(connection: Connection, documents: TextDocuments<TextDocument>, private readonly client: ClientContext, publisher: DiagnosticsPublisher) {
    this.store = new TrustStore((uri) => documents.get(uri)?.getText());
    // VS Code's JSON support squiggles an open JSON file's syntax errors already: one diagnostic per mistake.
    const editorChecksSyntax = (uri: string): boolean => client.editorChecksJsonSyntax && ['json', 'jsonc'].includes(documents.get(uri)?.languageId ?? '');
    this.files = new TrustFileTracker(connection, (uri) => documents.get(uri) !== undefined, (uri, diagnostics) => publisher.trustList(uri, diagnostics), editorChecksSyntax);
  }

  /** The document's trust list; undefined when none applies (see TrustStore.resolve). */
  trustFor(uri: string, current: Settings): LoadedTrust | undefined {
    const trustUri = this.trustUriOf(uri, current);
    if (trustUri === undefined) return undefined;
    const loaded = this.store.get(trustUri);
    this.files.noteLoaded(loaded, this.client.canWatch);
    return loaded;
  }

  /** Fixes edit the trust list as it is now: never from a cached copy that may predate a new file. */
  async freshTrustFor(uri: string): Promise<LoadedTrust | undefined> {
    const current = await this.client.settings.get(uri);
    const trustUri = this.trustUriOf(uri, current);
    if (trustUri !== undefined) this.store.invalidate(trustUri);
    return this.trustFor(uri, current);
  }

  /** A trust list in use, or a file named like one: checked as a trust list, not as a policy. */
  readsAsTrustList(uri: string): boolean {
    return this.files.isTrustFile(uri) || uri.endsWith(`/${TRUST_FILE_NAME}`);
  }

  /** An open trust list was checked: its problems are published even when unchanged (the file was opened). */
  trustDocumentChecked(uri: string): void {
    this.files.noteLoaded(this.store.get(uri), this.client.canWatch, true);
  }

  /**
   * Reads `uri` again if it is a trust list in use; true when what it says changed, so its documents need
   * re-checking. Saving an open list, or a file event for a list whose open buffer wins, changes nothing.
   */
  changed(uri: string): boolean {
    return this.store.reload(uri);
  }

  /** The trust list at `uri` as it stands (for the status of a trust list's own editor). */
  listAt(uri: string): LoadedTrust {
    return this.store.get(uri);
  }

  clear(): void {
    this.store.clear();
  }

  private trustUriOf(uri: string, current: Settings): string | undefined {
    return TrustStore.resolve(current.trustList, folderOf(uri, this.client.folders)?.uri);
  }
}
