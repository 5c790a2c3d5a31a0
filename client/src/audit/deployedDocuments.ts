import {
  CancellationToken, CodeAction, CodeActionKind, commands, Diagnostic, Disposable, EventEmitter, Hover, languages, LogOutputChannel,
  TextDocument, TextDocumentContentProvider, Uri, window, workspace,
} from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { DEPLOYED_SCHEME, DeployedDocumentRequest, DeployedHoverRequest, deployedView, POLICY_DRIFT_RULE } from '../../../server/src/protocol';
import { COMPARE_COMMAND } from './deployedBranch';

/**
 * Deployed resources as read-only virtual documents (`ecr-guard-deployed:`): the server holds their text
 * and publishes their diagnostics; hovers come from the server as for files; a `policy-drift` finding
 * offers "Compare with the workspace definition", a diff of the workspace's policy and the deployed one,
 * both in canonical form (statement and action order, case, single value or list do not show).
 */
export class DeployedDocuments implements TextDocumentContentProvider, Disposable {
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly getClient: () => LanguageClient | undefined, private readonly log: LogOutputChannel) {}

  async provideTextDocumentContent(uri: Uri, token: CancellationToken): Promise<string> {
    const client = this.getClient();
    if (!client?.isRunning()) return '// ECR Guard: the language server is not running.\n';
    const result = await client.sendRequest(DeployedDocumentRequest, { uri: uri.toString() }, token);
    return result?.text ?? '// ECR Guard: this resource is not in the last audit of deployed registries. Run "ECR Guard: Audit Deployed Registries..." again.\n';
  }

  /** A new audit: every open deployed document is read again. */
  refreshOpen(): void {
    for (const document of workspace.textDocuments) if (document.uri.scheme === DEPLOYED_SCHEME) this.changed.fire(document.uri);
  }

  register(): Disposable[] {
    const selector = { scheme: DEPLOYED_SCHEME };
    return [
      this,
      workspace.registerTextDocumentContentProvider(DEPLOYED_SCHEME, this),
      languages.registerHoverProvider(selector, { provideHover: (document, position, token) => this.hover(document, position, token) }),
      languages.registerCodeActionsProvider(selector, { provideCodeActions: (document, _range, context) => compareActions(document, context.diagnostics) }, {
        providedCodeActionKinds: [CodeActionKind.QuickFix],
      }),
      commands.registerCommand(COMPARE_COMMAND, (target?: unknown) => this.compare(targetUri(target))),
    ];
  }

  private async hover(document: TextDocument, position: { line: number; character: number }, token: CancellationToken): Promise<Hover | undefined> {
    const client = this.getClient();
    if (!client?.isRunning()) return undefined;
    const result = await client.sendRequest(DeployedHoverRequest, { textDocument: { uri: document.uri.toString() }, position }, token);
    return result ? client.protocol2CodeConverter.asHover(result) : undefined;
  }

  /** Opens the diff: the workspace's definition on the left, what is deployed on the right. */
  async compare(target?: string): Promise<void> {
    const uri = target ?? window.activeTextEditor?.document.uri.toString();
    if (!uri || !uri.startsWith(`${DEPLOYED_SCHEME}:`)) return;
    const base = deployedView(uri).uri;
    const client = this.getClient();
    const workspaceSide = client?.isRunning() ? await client.sendRequest(DeployedDocumentRequest, { uri: `${base}?view=workspace` }) : null;
    if (!workspaceSide) {
      void window.showInformationMessage('ECR Guard: no workspace definition of this policy in the last audit.');
      return;
    }
    const name = Uri.parse(base).path.split('/').slice(3).join('/').replace(/\.json$/, '');
    this.log.info(`Comparing the deployed policy ${name} with ${workspaceSide.file ?? 'the workspace'}.`);
    await commands.executeCommand('vscode.diff', Uri.parse(`${base}?view=workspace`), Uri.parse(`${base}?view=canonical`),
      `${name}: ${workspaceSide.file ?? 'workspace'} ↔ deployed`, { preview: true });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function compareActions(document: TextDocument, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const drift = diagnostics.filter((diagnostic) => ruleOf(diagnostic) === POLICY_DRIFT_RULE);
  if (drift.length === 0) return [];
  const action = new CodeAction('Compare with the workspace definition', CodeActionKind.QuickFix);
  action.diagnostics = drift;
  action.isPreferred = true;
  action.command = { title: action.title, command: COMPARE_COMMAND, arguments: [document.uri.toString()] };
  return [action];
}

/** The deployed document a command was run on: a URI (editor title, code action) or an inventory row (context menu). */
function targetUri(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (target instanceof Uri) return target.toString();
  const resource = (target as { resource?: { uri?: unknown } } | undefined)?.resource;
  return typeof resource?.uri === 'string' ? resource.uri : undefined;
}

function ruleOf(diagnostic: Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return code === undefined ? undefined : String(code);
}
