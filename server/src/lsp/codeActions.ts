import {
  CancellationToken, CodeAction, CodeActionKind, CodeActionParams, Connection, Diagnostic, ExecuteCommandParams, Position, TextDocumentEdit, TextDocuments, WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { addOrganization, addOwnAccount, extendTrustList, Fix, FixAnswers, fixAllAsync, FixSource, fixesFor, minimalEdit, TextEditSpan, trustAccount } from '../core/fixes';
import { Finding, Span } from '../core/model';
import { RuleId } from '../core/rules/metadata';
import { ACCOUNT_ID, ORGANIZATION_ID } from '../core/trust';
import {
  CLIENT_COMMANDS, ExtendTrustListArguments, FIX_ALL_IN_FILE, FixAllInFileArguments, MarkOwnAccountArguments, OrganizationFixArguments, SERVER_COMMANDS, SHOW_RULE_DOCUMENTATION, ShowRuleDocumentationArguments,
  ShowRuleDocumentationResult, SourceAccountFixArguments, SuppressFindingArguments, TrustAccountArguments, TrustEditResult,
} from '../protocol';
import { rangeOf, SOURCE } from './diagnostics';
import { documentationActions, FIX_ALL_IN_FILE_TITLE, fixAllInFileAction, showRuleDocumentation } from './menuActions';
import { applySuppression, suppressAction } from './suppressAction';
import { applyTrustEdit, noTrustList } from './trustChanges';
import { LoadedTrust } from './trustStore';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.ecrGuard`;

export type FixContext = { source: FixSource; findings: readonly Finding[] };

export interface CodeActionHost {
  documents: TextDocuments<TextDocument>;
  /** Settles the document's settings and trust list, then analyses any text of it synchronously. */
  analyzer(uri: string): Promise<((text: string) => FixContext | undefined) | undefined>;
  /** Frees what the analyses of one code action request kept for each other (a parse tree). */
  fixesDone(): void;
  /** The line comment suppressions are written with, and a reader of those in a text; undefined where the document holds none (JSON). */
  suppressionComments(uri: string): { opener: string; comments(text: string): Span[] } | undefined;
  /** Undefined when no trust list applies to the document (outside every workspace folder). */
  trustFor(uri: string): Promise<LoadedTrust | undefined>;
  log(message: string): void;
  /** Whether the client shows documents the server asks it to (window/showDocument). */
  canShowDocuments(): boolean;
}

/** Quick fixes, source.fixAll.ecrGuard and the commands behind fixes that need an answer. */
export function registerCodeActions(connection: Connection, host: CodeActionHost): void {
  connection.onCodeAction(async (params, token) => {
    try {
      return await codeActions(params, host, token);
    } catch (error) {
      host.log(`Code actions failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return [];
    } finally {
      host.fixesDone();
    }
  });
  connection.onExecuteCommand(async (params) => {
    try {
      return await executeCommand(connection, params, host);
    } catch (error) {
      host.log(`Command ${params.command} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return { applied: false };
    }
  });
}

async function codeActions(params: CodeActionParams, host: CodeActionHost, token: CancellationToken): Promise<CodeAction[]> {
  const document = host.documents.get(params.textDocument.uri);
  if (!document) return [];
  const only = params.context.only;
  const wants = (kind: string): boolean => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
  const ours = params.context.diagnostics.filter((diagnostic) => diagnostic.source === SOURCE && typeof diagnostic.code === 'string');
  const actions: CodeAction[] = [];
  const suppressions: CodeAction[] = [];
  const matched: Diagnostic[] = [];
  const analyze = await host.analyzer(document.uri);
  if (!analyze) return [];
  if (wants(CodeActionKind.QuickFix) && ours.length > 0) {
    const context = analyze(document.getText());
    for (const diagnostic of ours) {
      const finding = context?.findings.find((candidate) => candidate.rule === diagnostic.code && candidate.span.offset === document.offsetAt(diagnostic.range.start));
      if (!finding || !context) continue;
      matched.push(diagnostic);
      actions.push(...fixesFor(finding, context.source).map((fix) => toCodeAction(fix, document, diagnostic)));
      const suppress = suppressAction(document, diagnostic, finding, context, host);
      if (suppress) suppressions.push(suppress);
    }
    // After every real fix: accepting a finding is the last resort. Then what is about the file or the rule.
    actions.push(...suppressions);
    // Only beside a current finding: a request about an older version's diagnostics gets nothing.
    const fixAllInFile = context && matched.length > 0 ? fixAllInFileAction(document.uri, context) : undefined;
    if (fixAllInFile) actions.push(fixAllInFile);
    if (host.canShowDocuments()) actions.push(...documentationActions(matched));
  }
  if (only && wants(FIX_ALL_KIND)) {
    const action = await fixAllAction(host, document, analyze, token);
    if (action) actions.push(action);
  }
  return actions;
}

/**
 * source.fixAll.ecrGuard: fix-all pauses between slices of work so hovers and diagnostics are answered
 * meanwhile, and stops as soon as the document changes (its edit would land on other text) or the client
 * cancels the request, so fix-on-save never finishes work nobody will use.
 */
async function fixAllAction(host: CodeActionHost, document: TextDocument, analyze: (text: string) => FixContext | undefined, token: CancellationToken): Promise<CodeAction | undefined> {
  const version = document.version;
  const before = document.getText();
  const empty: FixContext = { source: { text: '', documents: [] }, findings: [] };
  const current = (): boolean => !token.isCancellationRequested && host.documents.get(document.uri)?.version === version;
  const after = await fixAllAsync(before, (text) => analyze(text) ?? empty, () => new Promise((resolve) => setImmediate(() => resolve(current()))));
  if (after === undefined || !current()) return undefined;
  const edit = minimalEdit(before, after);
  return edit && { title: 'Fix all ECR Guard problems that need no input', kind: FIX_ALL_KIND, edit: documentEdit(document, [edit]) };
}

/** The quick-fix menu's "Fix all ECR Guard problems in this file": source.fixAll.ecrGuard's edit, applied. */
async function applyFixAllInFile(connection: Connection, args: FixAllInFileArguments, host: CodeActionHost): Promise<TrustEditResult> {
  const document = args?.uri ? host.documents.get(args.uri) : undefined;
  const analyze = document && await host.analyzer(document.uri);
  if (!document || !analyze) return { applied: false };
  try {
    const fixAll = await fixAllAction(host, document, analyze, CancellationToken.None);
    if (!fixAll?.edit) return { applied: false };
    const { applied } = await connection.workspace.applyEdit({ label: FIX_ALL_IN_FILE_TITLE, edit: fixAll.edit });
    return { applied };
  } finally {
    host.fixesDone();
  }
}

function toCodeAction(fix: Fix, document: TextDocument, diagnostic: Diagnostic): CodeAction {
  const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred };
  if (fix.edits) action.edit = documentEdit(document, fix.edits);
  else if (fix.needs?.kind === 'organization-id') {
    const args: OrganizationFixArguments = { uri: document.uri, position: diagnostic.range.start };
    action.command = { title: fix.title, command: CLIENT_COMMANDS.addOrganizationCondition, arguments: [args] };
  } else if (fix.needs?.kind === 'account-id') {
    const args: SourceAccountFixArguments = { uri: document.uri, position: diagnostic.range.start };
    action.command = { title: fix.title, command: CLIENT_COMMANDS.addSourceAccountCondition, arguments: [args] };
  } else if (fix.needs?.kind === 'account-name') {
    const args: TrustAccountArguments = { uri: document.uri, account: fix.needs.account };
    action.command = { title: fix.title, command: CLIENT_COMMANDS.trustAccount, arguments: [args] };
  } else if (fix.needs?.kind === 'own-account') {
    const args: MarkOwnAccountArguments = { uri: document.uri, account: fix.needs.account };
    action.command = { title: fix.title, command: CLIENT_COMMANDS.markOwnAccount, arguments: [args] };
  }
  return action;
}

function documentEdit(document: TextDocument, edits: readonly TextEditSpan[]): WorkspaceEdit {
  return { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, edits.map((edit) => ({ range: rangeOf(document, edit.span), newText: edit.newText })))] };
}

async function executeCommand(connection: Connection, params: ExecuteCommandParams, host: CodeActionHost): Promise<TrustEditResult | ShowRuleDocumentationResult> {
  const [args] = (params.arguments ?? []) as [unknown];
  switch (params.command) {
    case SERVER_COMMANDS.applyOrganizationFix: return applyOrganizationFix(connection, args as OrganizationFixArguments, host);
    case SERVER_COMMANDS.applySourceAccountFix: return applySourceAccountFix(connection, args as SourceAccountFixArguments, host);
    case SERVER_COMMANDS.trustAccount: return applyTrustAccount(connection, args as TrustAccountArguments, host);
    case SERVER_COMMANDS.suppressFinding: return applySuppression(connection, args as SuppressFindingArguments, host);
    case SERVER_COMMANDS.markOwnAccount: return applyMarkOwnAccount(connection, args as MarkOwnAccountArguments, host);
    case SERVER_COMMANDS.extendTrustList: return applyExtendTrustList(connection, args as ExtendTrustListArguments, host);
    case FIX_ALL_IN_FILE: return applyFixAllInFile(connection, args as FixAllInFileArguments, host);
    case SHOW_RULE_DOCUMENTATION: return showRuleDocumentation(connection, args as ShowRuleDocumentationArguments | undefined);
    default: return { applied: false };
  }
}

/** Saves the organisation into the trust list and binds the statement to it, in one workspace edit. */
async function applyOrganizationFix(connection: Connection, args: OrganizationFixArguments, host: CodeActionHost): Promise<TrustEditResult> {
  const organizationId = args?.organizationId?.trim();
  if (!args || !organizationId || !ORGANIZATION_ID.test(organizationId)) {
    void connection.window.showErrorMessage(`ECR Guard: "${organizationId ?? ''}" is not an organisation ID (o- and 10 to 32 lowercase letters or digits).`);
    return { applied: false };
  }
  return applyAnswered(connection, host, args, { rule: 'wildcard-principal', answers: { organizationId }, trusted: (text) => addOrganization(text, organizationId), label: `Bind to organisation ${organizationId}` });
}

/** Saves the account into the trust list's own accounts and binds the service to it, in one workspace edit. */
async function applySourceAccountFix(connection: Connection, args: SourceAccountFixArguments, host: CodeActionHost): Promise<TrustEditResult> {
  const account = args?.account?.trim();
  if (!args || !account || !ACCOUNT_ID.test(account)) {
    void connection.window.showErrorMessage(`ECR Guard: "${account ?? ''}" is not an AWS account ID (12 digits).`);
    return { applied: false };
  }
  return applyAnswered(connection, host, args, { rule: 'unscoped-service-principal', answers: { account }, trusted: (text) => addOwnAccount(text, account), label: `Bind to account ${account}` });
}

/** A fix that asked, with its answer: the finding it is for, and how the answer is saved in the trust list. */
interface Answered {
  rule: RuleId;
  answers: FixAnswers;
  trusted: (trustText: string | undefined) => string;
  label: string;
}

/** Re-builds the finding's fix with the answer and applies it with the trust list's edit, if the finding is still there. */
async function applyAnswered(connection: Connection, host: CodeActionHost, args: { uri: string; position: Position }, answered: Answered): Promise<TrustEditResult> {
  const document = host.documents.get(args.uri);
  const analyze = document && await host.analyzer(document.uri);
  const context = document && analyze?.(document.getText());
  const offset = document?.offsetAt(args.position);
  const finding = context?.findings.find((candidate) => candidate.rule === answered.rule && candidate.span.offset === offset);
  if (!document || !context || !finding) {
    void connection.window.showWarningMessage('ECR Guard: the statement changed since the fix was offered; nothing was changed.');
    return { applied: false };
  }
  const fix = fixesFor(finding, context.source, answered.answers).find((candidate) => candidate.isPreferred && candidate.edits);
  if (!fix?.edits) return { applied: false };
  const trust = await host.trustFor(document.uri);
  if (!trust) return noTrustList(connection);
  const policyEdit = TextDocumentEdit.create({ uri: document.uri, version: document.version }, fix.edits.map((edit) => ({ range: rangeOf(document, edit.span), newText: edit.newText })));
  return applyTrustEdit(connection, trust, host.documents, answered.trusted(trust.text), answered.label, [policyEdit]);
}

async function applyTrustAccount(connection: Connection, args: TrustAccountArguments, host: CodeActionHost): Promise<TrustEditResult> {
  const name = args?.name?.trim();
  if (!args || !ACCOUNT_ID.test(args.account ?? '') || !name) return { applied: false };
  const trust = await host.trustFor(args.uri);
  if (!trust) return noTrustList(connection);
  return applyTrustEdit(connection, trust, host.documents, trustAccount(trust.text, args.account, name), `Trust account ${args.account} for pull`);
}

/** Adds the account to the trust list's ownAccounts: it may then have any access. */
async function applyMarkOwnAccount(connection: Connection, args: MarkOwnAccountArguments, host: CodeActionHost): Promise<TrustEditResult> {
  if (!args || !ACCOUNT_ID.test(args.account ?? '')) return { applied: false };
  const trust = await host.trustFor(args.uri);
  if (!trust) return noTrustList(connection);
  return applyTrustEdit(connection, trust, host.documents, addOwnAccount(trust.text, args.account), `Mark account ${args.account} as one of my own`);
}

/** Adds "Create Trust List"'s answers to the existing trust list, as one unsaved edit for review. */
async function applyExtendTrustList(connection: Connection, args: ExtendTrustListArguments, host: CodeActionHost): Promise<TrustEditResult> {
  if (!args?.answers || typeof args.uri !== 'string') return { applied: false };
  const trust = await host.trustFor(args.uri);
  if (!trust?.text || trust.uri !== args.uri) return { applied: false };
  const { accounts = {}, organizations = {}, names = {} } = args.answers;
  const valid = <T>(record: Record<string, T>, id: RegExp): Record<string, T> => Object.fromEntries(Object.entries(record).filter(([key]) => id.test(key)));
  const answers = { accounts: valid(accounts, ACCOUNT_ID), organizations: valid(organizations, ORGANIZATION_ID), names };
  const added = Object.values(answers.accounts).filter((answer) => answer !== 'skip').length + Object.values(answers.organizations).filter((answer) => answer === 'own').length;
  return applyTrustEdit(connection, trust, host.documents, extendTrustList(trust.text, answers), `Add ${added} ${added === 1 ? 'entry' : 'entries'} to the trust list`);
}
