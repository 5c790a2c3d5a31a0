import { CodeAction, CodeActionKind, Connection, Diagnostic } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { preferredFix } from '../core/fixes';
import { FIX_ALL_IN_FILE, FixAllInFileArguments, RULE_IDS, RuleId, SHOW_RULE_DOCUMENTATION, ShowRuleDocumentationArguments, ShowRuleDocumentationResult } from '../protocol';
import { rulePage } from './diagnostics';
import type { FixContext } from './codeActions';

/**
 * The entries at the end of every ECR Guard quick-fix menu: "Fix all ECR Guard problems in this file" and
 * "Show documentation for RULE". Neither carries the diagnostics (neither resolves one): VS Code lists
 * actions that do first, so these stay after the real fixes and the suppressions, in this order.
 */

export const FIX_ALL_IN_FILE_TITLE = 'Fix all ECR Guard problems in this file';

/**
 * Offered when a finding of the file has a fix that fix-all applies (preferred, no answer needed). A command,
 * not an edit: the edit is source.fixAll.ecrGuard's, computed when chosen, since fix-all re-analyses the file in
 * rounds, too much for every time the cursor rests on a squiggle.
 */
export function fixAllInFileAction(uri: string, context: FixContext): CodeAction | undefined {
  const fixable = context.findings.some((finding) => !(finding.suppression && !finding.suppression.expired) && preferredFix(finding, context.source)?.edits);
  if (!fixable) return undefined;
  const args: FixAllInFileArguments = { uri };
  return { title: FIX_ALL_IN_FILE_TITLE, kind: CodeActionKind.QuickFix, isPreferred: false, command: { title: FIX_ALL_IN_FILE_TITLE, command: FIX_ALL_IN_FILE, arguments: [args] } };
}

/** One entry per rule among the diagnostics, in their order; not for trust-list problems (no rule page). */
export function documentationActions(diagnostics: readonly Diagnostic[]): CodeAction[] {
  const rules = [...new Set(diagnostics.map((diagnostic) => diagnostic.code))].filter((code): code is RuleId => RULE_IDS.includes(code as RuleId));
  return rules.map((rule) => {
    const title = `Show documentation for ${rule}`;
    const args: ShowRuleDocumentationArguments = { rule };
    return { title, kind: CodeActionKind.QuickFix, isPreferred: false, command: { title, command: SHOW_RULE_DOCUMENTATION, arguments: [args] } };
  });
}

/** The server command: asks the client to show the rule's page (VS Code's client opens it rendered instead). */
export async function showRuleDocumentation(connection: Connection, args: ShowRuleDocumentationArguments | undefined): Promise<ShowRuleDocumentationResult> {
  const rule = args?.rule;
  if (!rule || !RULE_IDS.includes(rule as RuleId)) return { shown: false };
  const uri = URI.file(rulePage(rule as RuleId)).toString();
  const { success } = await connection.window.showDocument({ uri, takeFocus: true });
  return { shown: success, uri };
}
