import { commands, Disposable, LogOutputChannel, window } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS, MarkOwnAccountArguments, OrganizationFixArguments, SERVER_COMMANDS, SourceAccountFixArguments, SuppressFindingArguments, TrustAccountArguments, TrustEditResult } from '../../server/src/protocol';
import { askSuppression } from './suppressCommand';
import { createTrustList, revealTrustList } from './trustListFile';

const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
const ACCOUNT_ID = /^\d{12}$/;

/**
 * The client half of fixes that need an answer: ask the user, then let the server make the edits. The
 * trust list is shown afterwards: an existing one edited but unsaved, so the change is reviewed like the
 * code it is; a new one created with its content (never an empty file on disk).
 */
export function registerFixCommands(getClient: () => LanguageClient | undefined, log: LogOutputChannel): Disposable[] {
  const showTrustList = (result: TrustEditResult | undefined): Promise<boolean> => applied(getClient(), log, result);
  return [
    commands.registerCommand(CLIENT_COMMANDS.addOrganizationCondition, async (args: OrganizationFixArguments) => {
      const organizationId = args.organizationId ?? await window.showInputBox({
        title: 'Bind the statement to your AWS Organization',
        prompt: 'Organisation ID for the aws:PrincipalOrgID condition; it is also added to the trust list.',
        placeHolder: 'o-a1b2c3d4e5',
        ignoreFocusOut: true,
        validateInput: (value) => ORGANIZATION_ID.test(value.trim()) ? undefined : 'An organisation ID is o- followed by 10 to 32 lowercase letters or digits.',
      });
      if (!organizationId) return false;
      return showTrustList(await commands.executeCommand<TrustEditResult>(SERVER_COMMANDS.applyOrganizationFix, { ...args, organizationId: organizationId.trim() }));
    }),
    commands.registerCommand(CLIENT_COMMANDS.addSourceAccountCondition, async (args: SourceAccountFixArguments) => {
      const account = args.account ?? await window.showInputBox({
        title: 'Bind the service to your AWS account',
        prompt: 'Your account ID for the aws:SourceAccount condition (the account whose resources the service acts for); it is also added to the trust list\'s own accounts.',
        placeHolder: '111122223333',
        ignoreFocusOut: true,
        validateInput: (value) => ACCOUNT_ID.test(value.trim()) ? undefined : 'An AWS account ID is 12 digits.',
      });
      if (!account) return false;
      return showTrustList(await commands.executeCommand<TrustEditResult>(SERVER_COMMANDS.applySourceAccountFix, { ...args, account: account.trim() }));
    }),
    commands.registerCommand(CLIENT_COMMANDS.trustAccount, async (args: TrustAccountArguments) => {
      const name = args.name ?? await window.showInputBox({
        title: `Trust account ${args.account} to pull`,
        prompt: 'Whose account is it? The name is saved in the trust list and shown in hovers.',
        placeHolder: 'e.g. staging, vendor-scanner',
        ignoreFocusOut: true,
        validateInput: (value) => value.trim() ? undefined : 'Give the account a name reviewers will recognise.',
      });
      if (!name) return false;
      return showTrustList(await commands.executeCommand<TrustEditResult>(SERVER_COMMANDS.trustAccount, { ...args, name: name.trim() }));
    }),
    commands.registerCommand(CLIENT_COMMANDS.markOwnAccount, async (args: MarkOwnAccountArguments) =>
      showTrustList(await commands.executeCommand<TrustEditResult>(SERVER_COMMANDS.markOwnAccount, args))),
    commands.registerCommand(CLIENT_COMMANDS.suppressFinding, async (args: SuppressFindingArguments) => {
      const answered = args.reason !== undefined ? args : await askSuppression(args);
      if (!answered) return false;
      return showTrustList(await commands.executeCommand<TrustEditResult>(SERVER_COMMANDS.suppressFinding, answered));
    }),
  ];
}

/** Creates the trust list when the server handed it back (there was none), then shows it. */
async function applied(client: LanguageClient | undefined, log: LogOutputChannel, result: TrustEditResult | undefined): Promise<boolean> {
  const done = result?.newTrustList ? await createTrustList(client, result.newTrustList) : result?.applied === true;
  if (!done) {
    log.warn('The fix was not applied.');
    return false;
  }
  if (result?.newTrustList) log.info(`Created the trust list ${result.newTrustList.uri}.`);
  if (result?.trustUri) await revealTrustList(result.trustUri);
  return true;
}
