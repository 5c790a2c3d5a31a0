import { Connection, Diagnostic } from 'vscode-languageserver/node';
import { isSuppressedDiagnostic } from './diagnostics';
import { ShownFinding, shownFindings } from './shownFindings';

/**
 * The one owner of published diagnostics: the editor, the workspace scan and trust lists all publish here.
 *
 * - An open document's diagnostics are the editor's: the scan publishes nothing for it.
 * - A file that is not open shows the scan's verdict, which stands until the scan re-checks the file,
 *   drops it (deleted, no longer covered) or is cleared.
 * - Closing a document clears its diagnostics at once (they may describe unsaved text), except a trust
 *   list's own problems. A file the scan has a verdict on then goes back to the scan: it is re-checked
 *   from disk and its verdict comes back, rather than its findings being lost with the editor's.
 */
export class DiagnosticsPublisher {
  /** The files the scan has a verdict on, and whether the client shows that verdict's findings. */
  private readonly scanVerdicts = new Map<string, boolean>();
  /** Trust lists whose own problems were published: those stay when the document closes. */
  private readonly trustLists = new Set<string>();
  private recheckFromDisk: (uri: string) => void = () => undefined;
  /** The rule findings each file shows now, for the SARIF export (what the client's Problems panel holds). */
  private readonly shown = new Map<string, ShownFinding[]>();

  constructor(private readonly connection: Connection, private readonly isOpen: (uri: string) => boolean) {}

  /** The scan takes back the files it has a verdict on when the editor closes them. */
  handClosedFilesTo(recheckFromDisk: (uri: string) => void): void {
    this.recheckFromDisk = recheckFromDisk;
  }

  /** The editor's verdict on an open document, at the version analysed (undefined: whatever version is open). */
  editor(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void {
    if (this.scanVerdicts.has(uri)) this.scanVerdicts.set(uri, false);
    this.send(uri, version, diagnostics);
  }

  /** A trust list's own problems, published into the list. */
  trustList(uri: string, diagnostics: Diagnostic[]): void {
    this.trustLists.add(uri);
    this.send(uri, undefined, diagnostics);
  }

  /** The scan's verdict on a file; `diagnostics` is worked out only when it is shown (the file is not open). */
  scan(uri: string, diagnostics: () => Diagnostic[]): void {
    if (this.isOpen(uri)) {
      this.scanVerdicts.set(uri, false);
      return;
    }
    const all = diagnostics();
    const shown = all.some(isSuppressedDiagnostic) ? all.filter((diagnostic) => !isSuppressedDiagnostic(diagnostic)) : all;
    if (all.length > 0 || this.scanVerdicts.get(uri) === true) this.send(uri, undefined, all);
    this.scanVerdicts.set(uri, shown.length > 0);
  }

  /** The scan no longer has a verdict on the file: the findings it shows go. */
  withdraw(uri: string): void {
    if (this.scanVerdicts.get(uri) === true) this.send(uri, undefined, []);
    this.scanVerdicts.delete(uri);
  }

  closed(uri: string): void {
    if (!this.trustLists.has(uri)) {
      if (this.scanVerdicts.has(uri)) this.scanVerdicts.set(uri, false);
      this.send(uri, undefined, []);
    }
    if (this.scanVerdicts.has(uri)) this.recheckFromDisk(uri);
  }

  /** Every file's rule findings as the client shows them: the scan's for files that are not open, the editor's for open ones. */
  shownFindings(): { uri: string; findings: ShownFinding[] }[] {
    return [...this.shown].map(([uri, findings]) => ({ uri, findings }));
  }

  /** Suppressed findings stay here, for the SARIF export, but never reach the client. */
  private send(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void {
    const findings = shownFindings(diagnostics);
    if (findings.length > 0) this.shown.set(uri, findings);
    else this.shown.delete(uri);
    const visible = diagnostics.some(isSuppressedDiagnostic) ? diagnostics.filter((diagnostic) => !isSuppressedDiagnostic(diagnostic)) : diagnostics;
    void this.connection.sendDiagnostics({ uri, version, diagnostics: visible });
  }
}
