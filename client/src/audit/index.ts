import { commands, Disposable, ExtensionContext, LogOutputChannel, ProgressLocation, window } from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';
import { AuditDeployedParams, AuditDeployedRequest, AuditDeployedResult, DeployedChangedNotification, RULE_IDS } from '../../../server/src/protocol';
import { INVENTORY_VIEW } from '../scan/inventoryView';
import { DeployedDocuments } from './deployedDocuments';
import { DeployedModel } from './deployedModel';
import { pickProfile } from './profilePick';
import { pickRegions } from './regions';
import { withWorkDone } from '../workDoneProgress';

export const AUDIT_COMMAND = 'ecrGuard.auditDeployed';

/** What the command may be given instead of asking (tests, other extensions): the same two choices the user makes. */
export interface AuditChoices {
  regions: string[] | 'all';
  /** A profile name; absent or empty: the SDK's default credential chain. */
  profile?: string;
}

/**
 * "ECR Guard: Audit Deployed Registries...": the user picks regions and a profile, the server reads the
 * registries (read-only ECR calls, the only network requests the extension makes) and analyses them. No
 * workspace setting takes part: a repository cannot choose the endpoint, the profile or the regions.
 */
export function registerAudit(context: ExtensionContext, getClient: () => LanguageClient | undefined, log: LogOutputChannel, model: DeployedModel): Disposable[] {
  const documents = new DeployedDocuments(getClient, log);
  const hooked = new WeakSet<LanguageClient>();
  const hook = (client: LanguageClient): void => {
    if (hooked.has(client)) return;
    hooked.add(client);
    // The trust list changed: the server judged the audit again.
    client.onNotification(DeployedChangedNotification, (inventory) => {
      model.replace(inventory);
      documents.refreshOpen();
    });
    // A restarted server holds no audit.
    client.onDidChangeState((event) => {
      if (event.newState === State.Running) model.replace(undefined);
    });
  };

  async function audit(choices?: AuditChoices): Promise<AuditDeployedResult | undefined> {
    const client = getClient();
    if (!client || !client.isRunning()) {
      void window.showErrorMessage('ECR Guard: the language server is not running; see ECR Guard: Show Output.');
      return undefined;
    }
    hook(client);
    const regions = choices?.regions ?? await pickRegions(context.globalState);
    if (!regions) return undefined;
    const profile = choices ? choices.profile ?? '' : await pickProfile(context.globalState);
    if (profile === undefined) return undefined;
    const where = regions === 'all' ? 'all enabled regions' : regions.join(', ');
    log.info(`Auditing deployed registries in ${where}${profile ? ` with profile ${profile}` : ' with the default credentials'}.`);
    const result = await window.withProgress({ location: ProgressLocation.Notification, title: 'ECR Guard', cancellable: true }, async (progress, token) => {
      progress.report({ message: `Auditing ${where}…` });
      return withWorkDone(client, progress, (workDoneToken) => {
        const params: AuditDeployedParams = { regions, ...(profile ? { profile } : {}), workDoneToken };
        return client.sendRequest(AuditDeployedRequest, params, token);
      });
    });
    if (!result.cancelled && !result.failure) {
      model.replace(result.inventory);
      documents.refreshOpen();
    }
    void report(result);
    return result;
  }

  async function report(result: AuditDeployedResult): Promise<void> {
    if (result.failure) {
      log.error(`The audit could not run: ${result.failure}`);
      void window.showErrorMessage(`ECR Guard: the audit could not run: ${result.failure}`, 'Show Output').then((choice) => choice && log.show(true));
      return;
    }
    if (result.cancelled) {
      void window.showInformationMessage('ECR Guard: audit cancelled; the previous results stand.');
      return;
    }
    const { inventory } = result;
    const rules = RULE_IDS.filter((rule) => result.byRule[rule]).map((rule) => `${result.byRule[rule]} ${rule}`).join(', ');
    const errors = inventory.errors.length > 0 ? ` ${inventory.errors.length} call${inventory.errors.length === 1 ? '' : 's'} failed (see the inventory).` : '';
    const text = `ECR Guard audited ${inventory.repositoriesScanned} repositor${inventory.repositoriesScanned === 1 ? 'y' : 'ies'} in ${inventory.regions.join(', ')}: `
      + `${result.findings} finding${result.findings === 1 ? '' : 's'}${rules ? ` (${rules})` : ''}.${errors}`;
    log.info(`${text} (${result.durationMs} ms)`);
    const actions = ['Open Inventory', 'Show Problems'];
    const choice = result.findings > 0 || inventory.errors.length > 0 ? await window.showWarningMessage(text, ...actions) : await window.showInformationMessage(text, ...actions);
    if (choice === 'Open Inventory') await commands.executeCommand(`${INVENTORY_VIEW}.focus`);
    else if (choice === 'Show Problems') await commands.executeCommand('workbench.actions.view.problems');
  }

  return [
    ...documents.register(),
    commands.registerCommand(AUDIT_COMMAND, (choices?: AuditChoices) => audit(isChoices(choices) ? choices : undefined)),
  ];
}

/** Only well-formed choices skip the pickers; anything else (a tree node, a URI) asks. */
function isChoices(value: unknown): value is AuditChoices {
  if (typeof value !== 'object' || value === null) return false;
  const { regions, profile } = value as Partial<AuditChoices>;
  const regionsOk = regions === 'all' || (Array.isArray(regions) && regions.length > 0 && regions.every((name) => typeof name === 'string'));
  return regionsOk && (profile === undefined || typeof profile === 'string');
}
