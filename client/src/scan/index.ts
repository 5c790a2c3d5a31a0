import { commands, Disposable, LogOutputChannel, ProgressLocation, Uri, window, workspace } from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';
import {
  ClearScanRequest, ExportFormat, ExportRequest, InventoryChangedNotification, InventoryRequest, RULE_IDS, ScanSummary, ScanWorkspaceParams, ScanWorkspaceRequest,
} from '../../../server/src/protocol';
import { DeployedModel } from '../audit/deployedModel';
import { exportedItems, exportTarget } from './exports';
import { findCandidateFiles, useIgnoreFiles } from './findFiles';
import { registerInventoryActions } from './inventoryActions';
import { InventoryModel } from './inventoryModel';
import { createInventoryView, INVENTORY_VIEW, InventoryTree } from './inventoryView';
import { withWorkDone } from '../workDoneProgress';

export const COMMANDS = {
  scan: 'ecrGuard.scanWorkspace',
  clear: 'ecrGuard.clearScanResults',
  exportMarkdown: 'ecrGuard.inventory.exportMarkdown',
  exportCsv: 'ecrGuard.inventory.exportCsv',
  exportSarif: 'ecrGuard.inventory.exportSarif',
  refresh: 'ecrGuard.inventory.refresh',
  /** Internal: what the inventory view shows, as data (for the integration tests). */
  snapshot: 'ecrGuard.inventory.snapshot',
} as const;

/**
 * The workspace scan command, the grants inventory view and its exports. The client finds the files (VS Code's
 * own search, so files.exclude and search.exclude apply), the server reads and checks them, publishes their
 * diagnostics and keeps the inventory, which it pushes to this view as files change. The server writes the
 * exports too (ecrGuard/export); this side asks where to save them.
 */
export function registerScan(getClient: () => LanguageClient | undefined, log: LogOutputChannel, deployed = new DeployedModel()): Disposable[] {
  const model = new InventoryModel();
  const tree = new InventoryTree(model, deployed);
  const unsubscribeDeployed = deployed.onDidChange(() => tree.refresh(true));
  const view = createInventoryView(tree);
  let subscribed = false;
  let loading: Promise<void> | undefined;
  const hooked = new WeakSet<LanguageClient>();

  /** Asks the server for the whole inventory once; after that its notifications keep the model current. */
  const load = (force = false): Promise<void> => {
    const client = getClient();
    hook(client);
    if (!client || !client.isRunning()) return Promise.resolve();
    if (model.loaded && !force) return Promise.resolve();
    subscribed = true;
    loading ??= client.sendRequest(InventoryRequest).then((result) => {
      model.replace(result);
      tree.refresh(true);
    }, (error) => log.error(`Loading the grants inventory failed: ${error instanceof Error ? error.message : String(error)}`)).finally(() => {
      loading = undefined;
    });
    return loading;
  };

  function hook(client: LanguageClient | undefined): void {
    if (!client || hooked.has(client)) return;
    hooked.add(client);
    client.onNotification(InventoryChangedNotification, (params) => {
      if (!model.loaded) return;
      model.apply(params);
      tree.refresh();
    });
    // A restarted server has no scan: start over.
    client.onDidChangeState((event) => {
      if (event.newState !== State.Running) return;
      model.clear();
      tree.refresh(true);
      if (subscribed || view.visible) void load(true);
    });
  }
  hook(getClient());

  async function scan(): Promise<ScanSummary | undefined> {
    const client = getClient();
    if (!client || !client.isRunning()) {
      void window.showErrorMessage('ECR Guard: the language server is not running; see ECR Guard: Show Output.');
      return undefined;
    }
    if (!workspace.workspaceFolders?.length) {
      void window.showInformationMessage('ECR Guard: open a folder to scan it for ECR cross-account grants.');
      return undefined;
    }
    hook(client);
    const summary = await window.withProgress({ location: ProgressLocation.Notification, title: 'ECR Guard', cancellable: true }, async (progress, token) => {
      progress.report({ message: 'Finding files…' });
      const files = await findCandidateFiles(token);
      if (token.isCancellationRequested) return undefined;
      return withWorkDone(client, progress, (workDoneToken) => {
        const params: ScanWorkspaceParams = { files, useIgnoreFiles: useIgnoreFiles(), workDoneToken };
        return client.sendRequest(ScanWorkspaceRequest, params, token);
      });
    });
    if (!summary) return undefined;
    await load(true);
    void report(summary);
    return summary;
  }

  async function report(summary: ScanSummary): Promise<void> {
    const n = (count: number, word: string): string => `${count.toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`;
    const rules = RULE_IDS.filter((rule) => summary.byRule[rule]).map((rule) => `${summary.byRule[rule]} ${rule}`).join(', ');
    const notes = [
      summary.ignored > 0 ? `${summary.ignored} ignored by .gitignore` : '',
      summary.skippedCount > 0 ? `${summary.skippedCount} skipped (see the output)` : '',
    ].filter(Boolean).join(', ');
    const head = `ECR Guard ${summary.cancelled ? 'scan cancelled after' : 'scanned'} ${n(summary.scanned, 'file')}${notes ? ` (${notes})` : ''}: `;
    const policies = `${summary.policies.toLocaleString('en')} ${summary.policies === 1 ? 'policy' : 'policies'}`;
    const body = summary.policies === 0 ? 'no ECR repository policies found.'
      : `${policies}, ${n(summary.grants, 'cross-account grant')}, ${n(summary.findings, 'finding')}${rules ? ` (${rules})` : ''}.`;
    // The server's log line of the scan says this and more (its duration, what it skipped): one line per scan.
    const actions = summary.grants > 0 ? ['Open Inventory', 'Show Problems'] : ['Show Problems'];
    const choice = summary.findings > 0 || summary.cancelled ? await window.showWarningMessage(head + body, ...actions) : await window.showInformationMessage(head + body, ...actions);
    if (choice === 'Open Inventory') await commands.executeCommand(`${INVENTORY_VIEW}.focus`);
    else if (choice === 'Show Problems') await commands.executeCommand('workbench.actions.view.problems');
  }

  /** The server writes the export (its inventory and findings as they stand); the client picks the file and saves it. */
  async function exportAs(format: ExportFormat, target?: Uri): Promise<Uri | undefined> {
    const client = getClient();
    if (!client || !client.isRunning()) {
      void window.showErrorMessage('ECR Guard: the language server is not running; see ECR Guard: Show Output.');
      return undefined;
    }
    const destination = await exportTarget(format, target instanceof Uri ? target : undefined);
    if (!destination) return undefined;
    const { text, count } = await client.sendRequest(ExportRequest, { format, workspaceName: workspace.name });
    await workspace.fs.writeFile(destination, Buffer.from(text, 'utf8'));
    const items = exportedItems(format, count);
    log.info(`Exported ${items} to ${destination.fsPath}.`);
    if (!(target instanceof Uri)) {
      void window.showInformationMessage(`ECR Guard: exported ${items} to ${workspace.asRelativePath(destination)}.`, 'Open').then((choice) => {
        if (choice) void window.showTextDocument(destination);
      });
    }
    return destination;
  }

  async function clear(): Promise<void> {
    const client = getClient();
    if (client?.isRunning()) await client.sendRequest(ClearScanRequest);
    if (subscribed) await load(true);
  }

  return [
    view,
    tree,
    { dispose: unsubscribeDeployed },
    view.onDidChangeVisibility((event) => {
      if (event.visible) void load();
    }),
    commands.registerCommand(COMMANDS.scan, scan),
    commands.registerCommand(COMMANDS.clear, clear),
    commands.registerCommand(COMMANDS.refresh, () => load(true)),
    commands.registerCommand(COMMANDS.exportMarkdown, (target?: Uri) => exportAs('markdown', target)),
    commands.registerCommand(COMMANDS.exportCsv, (target?: Uri) => exportAs('csv', target)),
    commands.registerCommand(COMMANDS.exportSarif, (target?: Uri) => exportAs('sarif', target)),
    ...registerInventoryActions(log),
    // For the integration tests: with `afterVersion`, first waits (event-driven) for a change from the server newer than it.
    commands.registerCommand(COMMANDS.snapshot, async (options?: { afterVersion?: number; timeoutMs?: number }) => {
      await load();
      if (loading) await loading;
      if (options?.afterVersion !== undefined) await changeAfter(model, options.afterVersion, options.timeoutMs ?? 15000);
      tree.refresh(true);
      return { scanned: model.scanned, grants: model.grantCount, nodes: tree.snapshot(), version: model.version };
    }),
  ];
}

/** Resolves once the model has changed past `version`, or after `timeoutMs` (the caller then sees the state as it is). */
function changeAfter(model: InventoryModel, version: number, timeoutMs: number): Promise<void> {
  if (model.version > version) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    const unsubscribe = model.onDidChange(done);
  });
}
