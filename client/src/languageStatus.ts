import { commands, Diagnostic, DiagnosticSeverity, Disposable, languages, LanguageStatusItem, LanguageStatusSeverity, TextDocument, Uri, window, workspace } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { STATUS_COMMANDS, TrustStatus, TrustStatusRequest } from '../../server/src/protocol';
import { ANALYSED_DOCUMENTS } from './selector';

const SOURCE = 'ECR Guard';

/** What the item shows, as data: for the integration tests (ecrGuard.languageStatus.snapshot). */
export interface StatusSnapshot {
  uri?: string;
  text: string;
  detail?: string;
  command?: string;
}

/**
 * The language status item of analysed documents: the trust list that applies (or that none does, with
 * a way to create one), its problems, and the document's findings. Clicking it opens the trust list.
 */
export function registerLanguageStatus(getClient: () => LanguageClient | undefined): { disposables: Disposable[]; update(): void } {
  const item = languages.createLanguageStatusItem('ecrGuard.trustList', ANALYSED_DOCUMENTS);
  item.name = 'ECR Guard';
  item.text = 'ECR Guard';
  let snapshot: StatusSnapshot = { text: item.text };
  let updating: Promise<void> = Promise.resolve();
  let trustUri: string | undefined;

  const update = (): void => {
    updating = updating.then(() => refresh(), () => refresh());
  };
  async function refresh(): Promise<void> {
    const document = window.activeTextEditor?.document;
    const client = getClient();
    if (!document || !client?.isRunning()) return;
    const status = await client.sendRequest(TrustStatusRequest, { uri: document.uri.toString() }).catch(() => undefined);
    if (!status || window.activeTextEditor?.document !== document) return;
    trustUri = status.uri;
    snapshot = await show(item, status, document);
  }

  const disposables = [
    item,
    window.onDidChangeActiveTextEditor(update),
    // Findings and the trust list's own problems both arrive as diagnostics: either may change what the item says.
    languages.onDidChangeDiagnostics((event) => {
      const active = window.activeTextEditor?.document.uri.toString();
      if (event.uris.some((uri) => uri.toString() === active || uri.toString() === trustUri)) update();
    }),
    commands.registerCommand(STATUS_COMMANDS.openTrustList, async (uri?: string) => {
      const target = uri ?? trustUri;
      if (target) await window.showTextDocument(Uri.parse(target));
    }),
    commands.registerCommand('ecrGuard.languageStatus.snapshot', async (): Promise<StatusSnapshot> => {
      update();
      await updating;
      return snapshot;
    }),
  ];
  return { disposables, update };
}

async function show(item: LanguageStatusItem, status: TrustStatus, document: TextDocument): Promise<StatusSnapshot> {
  const listProblems = status.errors + status.warnings;
  const problems = listProblems > 0 ? ` · ${plural(listProblems, 'problem')}` : '';
  const label = status.uri ? workspace.asRelativePath(Uri.parse(status.uri)) : '';
  const open = { title: 'Open Trust List', command: STATUS_COMMANDS.openTrustList, arguments: [status.uri] };
  item.severity = status.errors > 0 ? LanguageStatusSeverity.Error : listProblems > 0 || status.state === 'missing' ? LanguageStatusSeverity.Warning : LanguageStatusSeverity.Information;
  switch (status.state) {
    case 'loaded':
      item.text = `Trust list ${label}${problems}`;
      item.command = open;
      break;
    case 'trust-list':
      item.text = `ECR Guard trust list${problems || ' · no problems'}`;
      item.command = undefined;
      break;
    case 'missing':
      item.text = 'No trust list';
      item.command = await createCommand();
      break;
    case 'none':
      item.text = 'No trust list (outside the workspace)';
      item.command = { title: 'Set ecrGuard.trustList', command: 'workbench.action.openSettings', arguments: ['ecrGuard.trustList'] };
      break;
    case 'disabled':
      item.text = 'ECR Guard is off (ecrGuard.enable)';
      item.command = undefined;
      break;
  }
  item.detail = status.state === 'trust-list' || status.state === 'disabled' ? undefined : findingsDetail(languages.getDiagnostics(document.uri));
  return { uri: document.uri.toString(), text: item.text, detail: item.detail, command: item.command?.command };
}

/** Onboarding's "Create Trust List" when it is there; otherwise the setting that names the list. */
async function createCommand(): Promise<LanguageStatusItem['command']> {
  const available = (await commands.getCommands(true)).includes(STATUS_COMMANDS.createTrustList);
  return available
    ? { title: 'Create Trust List', command: STATUS_COMMANDS.createTrustList }
    : { title: 'Set ecrGuard.trustList', command: 'workbench.action.openSettings', arguments: ['ecrGuard.trustList'] };
}

function findingsDetail(diagnostics: readonly Diagnostic[]): string {
  const ours = diagnostics.filter((diagnostic) => diagnostic.source === SOURCE);
  const errors = ours.filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error).length;
  const warnings = ours.filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Warning).length;
  const others = ours.length - errors - warnings;
  if (ours.length === 0) return 'No findings in this file';
  return [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : '', others ? `${others} other` : ''].filter(Boolean).join(', ') + ' in this file';
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
