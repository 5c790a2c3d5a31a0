import * as path from 'path';
import { commands, ExtensionContext, LogOutputChannel, window } from 'vscode';
import { LanguageClient, LanguageClientOptions, Middleware, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { EcrGuardInitializationOptions } from '../../server/src/protocol';
import { registerAudit } from './audit';
import { DeployedModel } from './audit/deployedModel';
import { registerFixCommands } from './fixCommands';
import { registerCreateTrustList } from './onboarding/createTrustListCommand';
import { registerLanguageStatus } from './languageStatus';
import { ruleDocumentation } from './ruleDocumentation';
import { registerScan } from './scan';
import { ANALYSED_DOCUMENTS } from './selector';

let client: LanguageClient | undefined;

/** Starts the ECR Guard language server and registers the commands that manage it. */
export async function activate(context: ExtensionContext): Promise<void> {
  const log = window.createOutputChannel('ECR Guard', { log: true });
  context.subscriptions.push(log);
  const docs = ruleDocumentation(context, log);
  context.subscriptions.push(...docs.disposables);
  client = createClient(context, log, docs.middleware);
  const status = registerLanguageStatus(() => client);
  const deployed = new DeployedModel();
  context.subscriptions.push(
    ...status.disposables,
    commands.registerCommand('ecrGuard.restartServer', () => restart(log)),
    commands.registerCommand('ecrGuard.showOutput', () => log.show(true)),
    ...registerFixCommands(() => client, log),
    registerCreateTrustList(() => client, log),
    ...registerScan(() => client, log, deployed),
    ...registerAudit(context, () => client, log, deployed),
  );
  await start(client, log);
  status.update();
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
  const clientOptions: LanguageClientOptions = {
    documentSelector: ANALYSED_DOCUMENTS,
    outputChannel: log,
    diagnosticCollectionName: 'ecrGuard',
    initializationOptions: { editorChecksJsonSyntax: true } satisfies EcrGuardInitializationOptions,
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
