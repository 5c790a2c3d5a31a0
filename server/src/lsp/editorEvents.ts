import { Connection, FileEvent } from 'vscode-languageserver/node';
import { SourceEnvironmentLoader } from '../node/sourceEnvironment';
import { ClientContext } from './clientContext';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { DocumentSync } from './documentSync';
import { PolicySources } from './policySources';
import { isAnalysedUri } from '../protocol';
import { TrustResolver } from './trustResolver';
import { displayPath } from './trustStore';
import { Validator } from './validator';

/** What the workspace scan hears of the editor's events. */
export interface ScanEvents {
  filesChanged(changes: readonly FileEvent[]): void;
  trustChanged(): void;
}

export interface EditorEventsHost {
  connection: Connection;
  sync: DocumentSync;
  client: ClientContext;
  publisher: DiagnosticsPublisher;
  sources: PolicySources;
  trust: TrustResolver;
  validator: Validator;
  scan: ScanEvents;
  log(message: string): void;
}

/** What re-checks open documents: their own edits, opening and closing, files on disk, trust lists and settings. */
export function registerEditorEvents(host: EditorEventsHost): void {
  const { connection, sync, sources, trust, validator, scan } = host;
  const documents = sync.documents;

  function trustChanged(uri: string): void {
    if (!trust.changed(uri)) return;
    host.log(`Trust list ${displayPath(uri)} changed; re-checking ${documents.all().length} open documents.`);
    validator.revalidateAll();
    scan.trustChanged();
  }

  function moduleChanged(uri: string): void {
    for (const other of sources.moduleMembers(uri)) validator.schedule(other);
  }

  documents.onDidOpen((event) => {
    if (!isAnalysedUri(event.document.uri)) return;
    sources.opened(event.document);
    moduleChanged(event.document.uri);
    validator.schedule(event.document.uri);
  });
  // Other files of a Terraform module are re-checked only when this file's contribution to the module
  // changes (see Validator), not on every keystroke.
  documents.onDidChangeContent((event) => {
    if (sync.wasIgnored(event.document) || !isAnalysedUri(event.document.uri)) return;
    trustChanged(event.document.uri);
    validator.schedule(event.document.uri);
  });
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    sync.closed(uri);
    if (!isAnalysedUri(uri)) return;
    validator.cancel(uri);
    sources.closed(uri);
    moduleChanged(uri);
    trustChanged(uri);
    host.publisher.closed(uri);
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      trustChanged(change.uri);
      moduleChanged(change.uri);
    }
    scan.filesChanged(params.changes);
  });

  connection.onDidChangeConfiguration(() => {
    host.client.settings.clear();
    trust.clear();
    validator.revalidateAll();
    scan.trustChanged();
  });
}

/** Terraform documents opened before its WebAssembly parser loaded are read and checked once it has. */
export function enableTerraform(environments: SourceEnvironmentLoader, host: Pick<EditorEventsHost, 'sync' | 'sources' | 'validator' | 'log'>, logError: (message: string, error: unknown) => void): void {
  const { sources, validator } = host;
  environments.get('terraform').then((parser) => {
    sources.enableTerraform(parser, host.log);
    for (const document of host.sync.documents.all()) {
      if (!sources.sourceOf(document)?.requires?.includes('terraform')) continue;
      sources.opened(document);
      validator.schedule(document.uri);
    }
  }, (error) => logError('Terraform support is unavailable: the tree-sitter WebAssembly could not be loaded', error));
}
