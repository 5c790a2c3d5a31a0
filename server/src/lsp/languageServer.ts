import { Connection } from 'vscode-languageserver/node';
import { SourceEnvironmentLoader } from '../node/sourceEnvironment';
import { isAnalysedUri } from '../protocol';
import { refreshAnnotations, registerAnnotations } from './annotationRequests';
import { registerAudit } from './auditRequest';
import { auditHost } from './auditSources';
import { ClientContext } from './clientContext';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { DocumentSync } from './documentSync';
import { EditorAnnotations } from './editorAnnotations';
import { enableTerraform, registerEditorEvents } from './editorEvents';
import { registerEditorCodeActions, registerHover } from './editorRequests';
import { registerExports } from './exportRequests';
import { registerHandshake } from './handshake';
import { registerTrustCandidates } from './trustCandidates';
import { PolicySources } from './policySources';
import { WorkspaceScanner } from './scanWorkspace';
import { registerTrustStatus } from './statusRequest';
import { TrustResolver } from './trustResolver';
import { Validator } from './validator';

/** Wires the pure analysis core to an LSP connection: documents, settings, trust lists, diagnostics, hovers. */
export function startLanguageServer(connection: Connection): void {
  const log = (message: string): void => connection.console.log(message);
  const logError = (message: string, error: unknown): void =>
    connection.console.error(`${message}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);

  const sources: PolicySources = new PolicySources((uri) => documents.get(uri));
  const sync: DocumentSync = new DocumentSync({
    update: (document, changes, version) => sources.update(document, changes, version),
    // Nothing of the old text may survive: its parse tree, cached policies (keyed by version, which may repeat) and findings.
    reopened: (previous, next) => {
      sources.closed(previous.uri);
      if (!sources.handles(next) && isAnalysedUri(next.uri)) publisher.editor(next.uri, undefined, []);
    },
    log,
  });
  const documents = sync.documents;
  const publisher = new DiagnosticsPublisher(connection, (uri) => documents.get(uri) !== undefined);
  const client = new ClientContext(connection);
  const settings = (uri: string) => client.settings.get(uri);
  const trust = new TrustResolver(connection, documents, client, publisher);
  const environments = new SourceEnvironmentLoader();
  const annotations = new EditorAnnotations(() => refreshAnnotations(connection, client));

  // The workspace scan and the grants inventory (ecrGuard/scanWorkspace, ecrGuard/inventory).
  const scanner = new WorkspaceScanner({
    connection, documents, publisher, folders: () => client.folders, settings, trustFor: (uri, current) => trust.trustFor(uri, current),
    environment: (source) => environments.for(source), canWatch: () => client.canWatch, log, logError,
  });
  const validator = new Validator({
    documents, publisher, sources, trust, settings, log, logError,
    analysed: (document, policies, findings, loaded) => {
      scanner.documentAnalysed(document, policies, findings, loaded);
      annotations.documentAnalysed(document, policies.documents, findings, loaded?.parsed?.list);
    },
  });
  enableTerraform(environments, { sync, sources, validator, log }, logError);

  scanner.register();
  // The audit of deployed registries (ecrGuard/auditDeployed): only when the client asks.
  const audit = registerAudit(auditHost({ connection, client, settings, trust, log, logError }));
  registerExports(connection, {
    inventory: () => scanner.inventory(), findings: () => publisher.shownFindings(),
    deployed: () => ({ grants: audit.results.grants(), findings: audit.results.sarifFindings() }),
  }, () => client.folders);
  registerTrustCandidates(connection, { inventory: () => scanner.inventory(), folders: () => client.folders, freshTrustFor: (uri) => trust.freshTrustFor(uri) });
  registerHandshake(connection, client, () => validator.revalidateAll());
  const scanEvents = { filesChanged: scanner.filesChanged.bind(scanner), trustChanged: () => { scanner.trustChanged(); audit.trustChanged(); } };
  registerEditorEvents({ connection, sync, client, publisher, sources, trust, validator, scan: scanEvents, log });
  registerHover({ connection, documents, sources, trust, settings, logError });
  registerEditorCodeActions({ connection, documents, sources, trust, settings, logError, client });
  registerAnnotations({ connection, documents, client, annotations, sources, trust, settings, logError });
  registerTrustStatus({ connection, trust, settings });
  documents.onDidClose((event) => annotations.closed(event.document.uri));

  documents.listen(connection);
  connection.listen();
}
