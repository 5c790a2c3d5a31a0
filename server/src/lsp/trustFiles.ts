import { Connection, Diagnostic, DidChangeWatchedFilesNotification, FileSystemWatcher } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI, Utils } from 'vscode-uri';
import { TRUST_FILE_NAME } from '../core/trust';
import { trustProblemDiagnostic } from './diagnostics';
import { displayPath, LoadedTrust } from './trustStore';

/**
 * Publishes each trust list's own problems into that file, tells the user once when a list they are not
 * editing is broken, and asks the client to watch every trust file in use.
 */
export class TrustFileTracker {
  private readonly known = new Set<string>();
  private readonly watched = new Set<string>();
  private readonly announced = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    private readonly isOpen: (uri: string) => boolean,
    private readonly publish: (uri: string, diagnostics: Diagnostic[]) => void,
    private readonly editorChecksSyntax: (uri: string) => boolean = () => false,
  ) {}

  isTrustFile(uri: string): boolean {
    return this.known.has(uri);
  }

  watch(watchers: FileSystemWatcher[]): void {
    watchFiles(this.connection, watchers);
  }

  /** Publishes a trust list's problems into the file even when they have not changed (the file was opened). */
  noteLoaded(loaded: LoadedTrust, canWatch: boolean, force = false): void {
    this.known.add(loaded.uri);
    if (canWatch && !this.watched.has(loaded.uri) && !loaded.uri.endsWith(`/${TRUST_FILE_NAME}`)) {
      this.watched.add(loaded.uri);
      const uri = URI.parse(loaded.uri);
      this.watch([{ globPattern: { baseUri: Utils.dirname(uri).toString(), pattern: Utils.basename(uri) } }]);
    }
    const all = loaded.parsed?.problems ?? [];
    const problems = this.editorChecksSyntax(loaded.uri) ? all.filter((problem) => !problem.syntax) : all;
    const signature = problems.map((problem) => `${problem.span.offset}:${problem.message}`).join('\n');
    if (!force && this.announced.get(loaded.uri) === signature) return;
    this.announced.set(loaded.uri, signature);
    const document = TextDocument.create(loaded.uri, 'json', 0, loaded.text ?? '');
    this.publish(loaded.uri, problems.map((problem) => trustProblemDiagnostic(problem, document)));
    const errors = all.filter((problem) => problem.severity === 'error').length;
    if (errors > 0 && !this.isOpen(loaded.uri)) {
      void this.connection.window.showWarningMessage(`ECR Guard: the trust list ${displayPath(loaded.uri)} has ${errors} error${errors === 1 ? '' : 's'}; checks use its valid entries until it is fixed.`);
    }
    if (!loaded.parsed) this.connection.console.log(`No trust list at ${displayPath(loaded.uri)}; every account will be reported as unchecked.`);
  }
}

export function watchFiles(connection: Connection, watchers: FileSystemWatcher[]): void {
  void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
}
