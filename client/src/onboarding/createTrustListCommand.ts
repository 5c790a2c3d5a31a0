import { commands, Disposable, LogOutputChannel, QuickPickItem, Uri, window, workspace, WorkspaceFolder } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import {
  AccountAnswer, ExtendTrustListArguments, OrganizationAnswer, SERVER_COMMANDS, TrustCandidate, TrustEditResult, TrustListCandidates, TrustListCandidatesRequest,
} from '../../../server/src/protocol';
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
 * Where a trust list exists, asks only about what it does not name yet and adds the answers to it, unsaved.
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
    if (!candidates.scanned && args.scan !== false) {
      await commands.executeCommand(SCAN);
      candidates = await client.sendRequest(TrustListCandidatesRequest, { folder: folder.uri.toString() });
    }
    if (!candidates.trustUri) return undefined;
    if (candidates.exists) return extend(candidates.trustUri, notListed(candidates), args, log);
    const answers = args.answers ? complete(args.answers) : await ask(candidates);
    if (!answers) return undefined;
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

/**
 * Where the folder has a trust list: asks only about the accounts and organisations it does not name yet, and
 * adds the answers to it as one unsaved edit, for review like any other change to the list.
 */
async function extend(trustUri: string, candidates: TrustListCandidates, args: CreateTrustListArguments, log: LogOutputChannel): Promise<string | undefined> {
  const relative = workspace.asRelativePath(Uri.parse(trustUri));
  if (!args.answers && candidates.accounts.length === 0 && candidates.organizations.length === 0) {
    await revealTrustList(trustUri, false);
    void window.showInformationMessage(`ECR Guard: ${relative} already names every account and organisation the policies grant access to.`);
    return trustUri;
  }
  const answers = args.answers ? complete(args.answers) : await ask(candidates, 'Add to Trust List');
  if (!answers) return undefined;
  const result = await commands.executeCommand<TrustEditResult>(SERVER_COMMANDS.extendTrustList, { uri: trustUri, answers } satisfies ExtendTrustListArguments);
  if (!result?.applied) {
    log.warn(`Nothing was added to the trust list ${trustUri}.`);
    return undefined;
  }
  log.info(`Added the answers to the trust list ${trustUri}; unsaved, for review.`);
  await revealTrustList(trustUri);
  return trustUri;
}

/** The candidates an existing trust list does not name yet (an expired entry is left for its owner to renew). */
function notListed(candidates: TrustListCandidates): TrustListCandidates {
  return { ...candidates, accounts: candidates.accounts.filter((account) => account.trust === 'untrusted'), organizations: candidates.organizations.filter((organization) => organization.trust === 'untrusted') };
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
async function ask(candidates: TrustListCandidates, title = 'Create Trust List'): Promise<TrustListAnswers | undefined> {
  const answers = complete({});
  const total = candidates.accounts.length + candidates.organizations.length;
  let step = 0;
  for (const account of candidates.accounts) {
    const picked = await pick(ACCOUNT_PICKS, `Account ${account.id}`, ++step, total, account, title);
    if (!picked) return undefined;
    answers.accounts[account.id] = picked.answer;
    if (picked.answer === 'own' || picked.answer === 'skip') continue;
    const name = await window.showInputBox({
      title: `${title}: name of account ${account.id}`,
      prompt: 'Whose account is it? Shown in hovers and findings; leave empty for none.',
      placeHolder: 'e.g. staging, vendor-scanner',
      ignoreFocusOut: true,
    });
    if (name === undefined) return undefined;
    if (name.trim()) answers.names[account.id] = name.trim();
  }
  for (const organization of candidates.organizations) {
    const picked = await pick(ORGANIZATION_PICKS, `Organisation ${organization.id}`, ++step, total, organization, title);
    if (!picked) return undefined;
    answers.organizations[organization.id] = picked.answer;
  }
  return answers;
}

function pick<T>(items: Pick<T>[], what: string, step: number, total: number, candidate: TrustCandidate, title: string): Thenable<Pick<T> | undefined> {
  const files = `${candidate.files.join(', ')}${candidate.files.length === 3 ? ', …' : ''}`;
  return window.showQuickPick(items, {
    title: `${title} (${step}/${total}): ${what}`,
    placeHolder: `Granted ${candidate.access} in ${files}. What is it to your team?`,
    ignoreFocusOut: true,
  });
}
