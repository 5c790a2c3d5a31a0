import * as path from 'path';
import { commands, ExtensionContext, LogOutputChannel, window } from 'vscode';
import { LanguageClient, LanguageClientOptions, Middleware, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { ANALYSED_SCHEMES, SYNCED_EXTENSIONS, SYNCED_LANGUAGES } from '../../server/src/protocol';
import { registerFixCommands } from './fixCommands';
import { ruleDocumentation } from './ruleDocumentation';
import { registerScan } from './scan';

let client: LanguageClient | undefined;

/** Starts the ECR Guard language server and registers the commands that manage it. */
export async function activate(context: ExtensionContext): Promise<void> {
  const log = window.createOutputChannel('ECR Guard', { log: true });
  context.subscriptions.push(log);
  const docs = ruleDocumentation(context, log);
  context.subscriptions.push(...docs.disposables);
  client = createClient(context, log, docs.middleware);
  context.subscriptions.push(
    commands.registerCommand('ecrGuard.restartServer', () => restart(log)),
    commands.registerCommand('ecrGuard.showOutput', () => log.show(true)),
    ...registerFixCommands(log),
    ...registerScan(() => client, log),
  );
  await start(client, log);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function createClient(context: ExtensionContext, log: LogOutputChannel, middleware: Middleware): LanguageClient {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // Only the schemes the server analyses (see server/src/protocol/schemes.ts: git:, output:, notebook cells are not synced),
  // and files whose language ID does not tell (see protocol/documents.ts). The server's cheap look decides what each is:
  // a Kubernetes manifest is synced but costs a few substring searches.
  const documentSelector = [
    ...SYNCED_LANGUAGES.flatMap((language) => ANALYSED_SCHEMES.map((scheme) => ({ scheme, language }))),
    { scheme: 'file', pattern: `**/*.{${SYNCED_EXTENSIONS.join(',')}}` },
  ];
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: log,
    diagnosticCollectionName: 'ecrGuard',
    middleware,
  };
  return new LanguageClient('ecrGuard', 'ECR Guard', serverOptions, clientOptions);
}

async function start(languageClient: LanguageClient, log: LogOutputChannel): Promise<void> {
  try {
    await languageClient.start();
    log.info('ECR Guard language server started.');
  } catch (error) {
    log.error(`ECR Guard language server failed to start: ${error instanceof Error ? error.message : String(error)}`);
    void window.showErrorMessage('ECR Guard: the language server failed to start. See the output channel for details.', 'Show Output')
      .then((choice) => choice && log.show(true));
  }
}

async function restart(log: LogOutputChannel): Promise<void> {
  if (!client) return;
  log.info('Restarting ECR Guard language server.');
  try {
    await client.restart();
    log.info('ECR Guard language server restarted.');
  } catch (error) {
    log.error(`Restart failed: ${error instanceof Error ? error.message : String(error)}`);
    void window.showErrorMessage('ECR Guard: the language server could not be restarted. See the output channel for details.');
  }
}
