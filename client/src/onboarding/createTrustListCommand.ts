import { commands, Disposable, LogOutputChannel, QuickPickItem, Uri, window, workspace, WorkspaceFolder } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { AccountAnswer, OrganizationAnswer, TrustCandidate, TrustListCandidates, TrustListCandidatesRequest } from '../../../server/src/protocol';
import { createTrustList, revealTrustList } from '../trustListFile';
import { TrustListAnswers, trustListText } from './trustListText';

export const CREATE_TRUST_LIST = 'ecrGuard.createTrustList';
const SCAN = 'ecrGuard.scanWorkspace';

/** The command's argument, for callers that have the answers (tests, other extensions); asked for otherwise. */
export interface CreateTrustListArguments {
  folder?: string;
  answers?: Partial<TrustListAnswers>;
  /** Scan the workspace first when it has not been (default true); the open files' grants are known without. */
  scan?: boolean;
}

type Pick<T> = QuickPickItem & { answer: T };

const ACCOUNT_PICKS: Pick<AccountAnswer>[] = [
  { label: '$(home) One of my own accounts', description: 'may have any access', answer: 'own' },
  { label: '$(check) Trusted for pull', description: 'read and list images', answer: 'pull' },
  { label: '$(check) Trusted for push', description: 'pull and upload images', answer: 'push' },
  { label: '$(check) Trusted for admin', description: 'every ECR action', answer: 'admin' },
  { label: '$(circle-slash) Skip', description: 'leave it out: it stays untrusted', answer: 'skip' },
];
const ORGANIZATION_PICKS: Pick<OrganizationAnswer>[] = [
  { label: '$(organization) My own organisation', description: 'aws:PrincipalOrgID conditions naming it are expected', answer: 'own' },
  { label: '$(circle-slash) Skip', description: 'leave it out', answer: 'skip' },
];

/**
 * "ECR Guard: Create Trust List": asks, per account and organisation the folder's policies grant access to,
 * what it is to the team, then creates the trust list with all of it in one workspace edit and opens it.
 * An existing trust list is opened instead (its quick fixes add accounts one by one).
 */
export function registerCreateTrustList(getClient: () => LanguageClient | undefined, log: LogOutputChannel): Disposable {
  return commands.registerCommand(CREATE_TRUST_LIST, async (args: CreateTrustListArguments = {}): Promise<string | undefined> => {
    const client = getClient();
    if (!client?.isRunning()) {
      void window.showErrorMessage('ECR Guard: the language server is not running; see ECR Guard: Show Output.');
      return undefined;
    }
    const folder = args.folder ? workspace.getWorkspaceFolder(Uri.parse(args.folder)) : await pickFolder();
    if (!folder) {
      if (!workspace.workspaceFolders?.length) void window.showInformationMessage('ECR Guard: open a folder first; its trust list lives at the folder\'s root.');
      return undefined;
    }
    let candidates = await client.sendRequest(TrustListCandidatesRequest, { folder: folder.uri.toString() });
    if (!candidates.trustUri) return undefined;
    if (candidates.exists) {
      await revealTrustList(candidates.trustUri, false);
      void window.showInformationMessage(`ECR Guard: ${workspace.asRelativePath(Uri.parse(candidates.trustUri))} exists already; it is open. Add accounts with the quick fixes on their findings ("Mark ACCOUNT as one of my own accounts", "Trust account ACCOUNT for pull").`);
      return candidates.trustUri;
    }
    if (!candidates.scanned && args.scan !== false) {
      await commands.executeCommand(SCAN);
      candidates = await client.sendRequest(TrustListCandidatesRequest, { folder: folder.uri.toString() });
    }
    const answers = args.answers ? complete(args.answers) : await ask(candidates);
    if (!answers || !candidates.trustUri) return undefined;
    if (!await createTrustList(client, { uri: candidates.trustUri, text: trustListText(answers) })) {
      log.warn(`The trust list ${candidates.trustUri} was not created.`);
      void window.showErrorMessage(`ECR Guard: could not create ${workspace.asRelativePath(Uri.parse(candidates.trustUri))}.`);
      return undefined;
    }
    log.info(`Created the trust list ${candidates.trustUri}.`);
    await revealTrustList(candidates.trustUri, false);
    return candidates.trustUri;
  });
}

async function pickFolder(): Promise<WorkspaceFolder | undefined> {
  const folders = workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return window.showWorkspaceFolderPick({ placeHolder: 'Which folder\'s trust list?' });
}

function complete(given: Partial<TrustListAnswers>): TrustListAnswers {
  return { accounts: given.accounts ?? {}, organizations: given.organizations ?? {}, names: given.names ?? {} };
}

/** One quick pick per account, then per organisation; a name for each trusted account. Undefined when cancelled. */
async function ask(candidates: TrustListCandidates): Promise<TrustListAnswers | undefined> {
  const answers = complete({});
  const total = candidates.accounts.length + candidates.organizations.length;
  let step = 0;
  for (const account of candidates.accounts) {
    const picked = await pick(ACCOUNT_PICKS, `Account ${account.id}`, ++step, total, account);
    if (!picked) return undefined;
    answers.accounts[account.id] = picked.answer;
    if (picked.answer === 'own' || picked.answer === 'skip') continue;
    const name = await window.showInputBox({
      title: `Create Trust List: name of account ${account.id}`,
      prompt: 'Whose account is it? Shown in hovers and findings; leave empty for none.',
      placeHolder: 'e.g. staging, vendor-scanner',
      ignoreFocusOut: true,
    });
    if (name === undefined) return undefined;
    if (name.trim()) answers.names[account.id] = name.trim();
  }
  for (const organization of candidates.organizations) {
    const picked = await pick(ORGANIZATION_PICKS, `Organisation ${organization.id}`, ++step, total, organization);
    if (!picked) return undefined;
    answers.organizations[organization.id] = picked.answer;
  }
  return answers;
}

function pick<T>(items: Pick<T>[], what: string, step: number, total: number, candidate: TrustCandidate): Thenable<Pick<T> | undefined> {
  const files = `${candidate.files.join(', ')}${candidate.files.length === 3 ? ', …' : ''}`;
  return window.showQuickPick(items, {
    title: `Create Trust List (${step}/${total}): ${what}`,
    placeHolder: `Granted ${candidate.access} in ${files}. What is it to your team?`,
    ignoreFocusOut: true,
  });
}
