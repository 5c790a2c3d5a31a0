/**
 * The last entries of every ECR Guard quick-fix menu, "Fix all ECR Guard problems in this file" and "Show
 * documentation for RULE": server commands, so any LSP client can run them. Rule documentation is a page per
 * rule (docs/rules/RULE.md, generated from the README by the build), which diagnostics link to too.
 */

/** Server command: applies source.fixAll.ecrGuard's edit of the document (workspace/applyEdit). */
export const FIX_ALL_IN_FILE = 'ecrGuard.server.fixAllInFile';

export interface FixAllInFileArguments {
  uri: string;
}

/** Where the pages are, relative to the extension (and to the npm package). */
export const RULE_PAGES_DIR = 'docs/rules';

/**
 * Server command: shows the rule's page (window/showDocument) to any LSP client. The VS Code client handles
 * it itself (middleware) and opens the page in the Markdown preview instead of as text.
 */
export const SHOW_RULE_DOCUMENTATION = 'ecrGuard.server.showRuleDocumentation';

export interface ShowRuleDocumentationArguments {
  rule: string;
}

/** What the command returns: whether the page was shown, and its URI. */
export interface ShowRuleDocumentationResult {
  shown: boolean;
  uri?: string;
}

/**
 * The path of the extension URI (`vscode://ecr-guard.ecr-guard/rule/RULE`) the VS Code client puts in a
 * diagnostic's link: VS Code hands it to the extension's URI handler, which opens the page rendered.
 */
export function ruleLinkPath(rule: string): string {
  return `/rule/${encodeURIComponent(rule)}`;
}

export function ruleOfLinkPath(path: string): string | undefined {
  const match = /^\/rule\/([a-z-]+)$/.exec(path);
  return match?.[1];
}
