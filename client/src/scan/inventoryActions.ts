import { CodeAction, CodeActionKind, Command, commands, Disposable, env, LogOutputChannel, Range, Uri, window, workspace } from 'vscode';
import { CLIENT_COMMANDS, RuleId, SuppressFindingArguments, TrustAccountArguments } from '../../../server/src/protocol';
import { grantDiagnostics } from './grantDiagnostics';
import { isTrustable, PREFERRED_FIX_RULES } from './inventoryLabels';
import { openArguments } from './inventoryItems';
import type { GrantRef } from './inventoryModel';
import type { InventoryNode } from './inventoryView';

export const INVENTORY_ACTIONS = {
  open: 'ecrGuard.inventory.openGrant',
  applyFix: 'ecrGuard.inventory.applyPreferredFix',
  trustAccount: 'ecrGuard.inventory.trustAccount',
  markOwnAccount: 'ecrGuard.inventory.markOwnAccount',
  suppress: 'ecrGuard.inventory.suppressFinding',
  copyPrincipal: 'ecrGuard.inventory.copyPrincipal',
} as const;

/** The account of a grant or grantee row, for "Trust Account for Pull..." and "Mark as My Own Account". */
export function accountArguments(node: InventoryNode | undefined): TrustAccountArguments | undefined {
  if (node?.kind === 'grant' && isTrustable(node.ref.grant.grantee)) return { uri: node.ref.uri, account: node.ref.grant.grantee.id };
  const policy = node?.kind === 'grantee' ? node.group.policies[0] : undefined;
  if (node?.kind === 'grantee' && policy && isTrustable(node.group)) return { uri: policy.uri, account: node.group.granteeId };
  return undefined;
}

/** Answers a caller already has (the tests): the rule to act on, the suppression's reason and end. */
export interface ActionAnswers {
  rule?: string;
  reason?: string;
  until?: string;
  name?: string;
}

/**
 * The grant rows' context menu: open the grant, apply its preferred fix, trust its account for pull, suppress
 * one of its findings, copy the grantee's ID. Each takes the node the menu passes, and goes through what the
 * editor's quick fixes use (the language server's code actions and commands), so both behave alike.
 */
export function registerInventoryActions(log: LogOutputChannel): Disposable[] {
  return [
    commands.registerCommand(INVENTORY_ACTIONS.open, (node?: InventoryNode) => {
      const ref = grantOf(node);
      return ref ? commands.executeCommand('vscode.open', ...openArguments(ref)) : undefined;
    }),
    commands.registerCommand(INVENTORY_ACTIONS.applyFix, async (node?: InventoryNode) => {
      const ref = grantOf(node);
      return ref ? applyPreferredFix(ref, log) : false;
    }),
    commands.registerCommand(INVENTORY_ACTIONS.trustAccount, async (node?: InventoryNode, answers?: unknown) => {
      const args = accountArguments(node);
      if (!args) return false;
      const name = answersOf(answers).name;
      return commands.executeCommand<boolean>(CLIENT_COMMANDS.trustAccount, name ? { ...args, name } : args);
    }),
    commands.registerCommand(INVENTORY_ACTIONS.markOwnAccount, async (node?: InventoryNode) => {
      const args = accountArguments(node);
      return args ? commands.executeCommand<boolean>(CLIENT_COMMANDS.markOwnAccount, args) : false;
    }),
    commands.registerCommand(INVENTORY_ACTIONS.suppress, async (node?: InventoryNode, answers?: unknown) => {
      const ref = grantOf(node);
      return ref ? suppress(ref, answersOf(answers), log) : false;
    }),
    commands.registerCommand(INVENTORY_ACTIONS.copyPrincipal, async (node?: InventoryNode) => {
      const id = node?.kind === 'grant' ? node.ref.grant.grantee.id : node?.kind === 'grantee' ? node.group.granteeId : undefined;
      if (id === undefined) return undefined;
      await env.clipboard.writeText(id);
      window.setStatusBarMessage(`ECR Guard: copied ${id}`, 3000);
      return id;
    }),
  ];
}

function grantOf(node: InventoryNode | undefined): GrantRef | undefined {
  return node?.kind === 'grant' ? node.ref : undefined;
}

/** A second argument from the context menu is the selection (an array): only a plain object is answers. */
function answersOf(value: unknown): ActionAnswers {
  return value && typeof value === 'object' && !Array.isArray(value) ? value as ActionAnswers : {};
}

/**
 * The preferred quick fix of the grant's first finding that has one, as the editor's light bulb offers it
 * (vscode.executeCodeActionProvider at the diagnostic): an edit is applied and shown for review, a fix that
 * needs an answer runs its command, which asks.
 */
async function applyPreferredFix(ref: GrantRef, log: LogOutputChannel): Promise<boolean> {
  const uri = Uri.parse(ref.uri);
  // The server fixes open documents only; opening one re-checks it, with the same findings as the scan's.
  const document = await workspace.openTextDocument(uri);
  for (const { diagnostic } of grantDiagnostics(ref).filter((entry) => PREFERRED_FIX_RULES.includes(entry.rule))) {
    const actions = await commands.executeCommand<(CodeAction | Command)[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, CodeActionKind.QuickFix.value);
    // The command hands back no action's diagnostics: at exactly the diagnostic's range, the preferred quick fix is its.
    const preferred = (actions ?? []).find((action): action is CodeAction => 'isPreferred' in action && action.isPreferred === true
      && action.kind !== undefined && CodeActionKind.QuickFix.contains(action.kind));
    if (!preferred) continue;
    log.info(`Inventory: applying "${preferred.title}" to ${workspace.asRelativePath(uri)} line ${diagnostic.range.start.line + 1}.`);
    if (preferred.edit && !await workspace.applyEdit(preferred.edit)) return false;
    if (preferred.command) {
      const done = await commands.executeCommand<unknown>(preferred.command.command, ...(preferred.command.arguments ?? []));
      if (done === false) return false;
    }
    await window.showTextDocument(document, { preview: true, selection: new Range(diagnostic.range.start, diagnostic.range.start) });
    return true;
  }
  void window.showInformationMessage(`ECR Guard: no preferred fix for ${ref.grant.grantee.id} in ${ref.grant.sid ?? `statement #${ref.grant.statementIndex + 1}`}; open it for the other quick fixes.`);
  return false;
}

/** Suppresses one of the grant's findings (asking which when it has several) through the editor's suppress command, which asks why. */
async function suppress(ref: GrantRef, answers: ActionAnswers, log: LogOutputChannel): Promise<boolean> {
  const found = grantDiagnostics(ref);
  const rules = [...new Set(found.map((entry) => entry.rule))];
  const rule = answers.rule ?? (rules.length > 1 ? await window.showQuickPick(rules, { title: `Suppress which finding on ${ref.grant.grantee.id}?` }) : rules[0]);
  const entry = found.find((candidate) => candidate.rule === (rule as RuleId));
  if (!entry) {
    log.info(`Inventory: no ${rule ?? 'finding'} of ${ref.grant.grantee.id} among the diagnostics of ${workspace.asRelativePath(Uri.parse(ref.uri))} (${found.length} on the grant).`);
    if (rules.length === 0) void window.showInformationMessage('ECR Guard: this grant\'s findings are not in the Problems panel; open its file or scan the workspace first.');
    return false;
  }
  // The server suppresses in open documents only.
  await workspace.openTextDocument(Uri.parse(ref.uri));
  const args: SuppressFindingArguments = {
    uri: ref.uri, rule: entry.rule, position: { line: entry.diagnostic.range.start.line, character: entry.diagnostic.range.start.character },
    ...(ref.grant.sid !== undefined ? { sid: ref.grant.sid } : {}),
    ...(answers.reason !== undefined ? { reason: answers.reason, until: answers.until ?? '' } : {}),
  };
  const done = await commands.executeCommand<boolean>(CLIENT_COMMANDS.suppressFinding, args);
  if (!done) log.warn(`Inventory: suppressing ${entry.rule} of ${ref.grant.grantee.id} was not applied.`);
  return done;
}
