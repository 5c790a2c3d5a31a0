import { commands, Diagnostic, Disposable, env, ExtensionContext, LogOutputChannel, Uri, window } from 'vscode';
import { Middleware } from 'vscode-languageclient/node';
import { RULE_IDS, RULE_PAGES_DIR, RuleId, ruleLinkPath, ruleOfLinkPath, SHOW_RULE_DOCUMENTATION, ShowRuleDocumentationArguments, ShowRuleDocumentationResult } from '../../server/src/protocol';

/**
 * Rule documentation opens rendered, at the rule: each rule has a page (docs/rules/RULE.md, cut from the
 * README by the build), shown in the Markdown preview. The server links diagnostics to the page's file and
 * its "Show documentation" quick fix asks for window/showDocument, which any LSP client understands; VS Code
 * would open both as Markdown text, so this client routes them to the preview:
 * - the link becomes the extension's own URI (`vscode://ecr-guard.ecr-guard/rule/RULE`). VS Code opens a
 *   diagnostic's link with its opener service, which refuses `command:` links in the hover (only the Problems
 *   panel allows them) but hands its own product scheme to the extension's URI handler, without asking;
 * - the server command is answered here (middleware) instead of by the server.
 */
export function ruleDocumentation(context: ExtensionContext, log: LogOutputChannel): { middleware: Middleware; disposables: Disposable[] } {
  const show = (rule: string): Promise<ShowRuleDocumentationResult> => showRulePage(context, log, rule);
  const middleware: Middleware = {
    handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.map((diagnostic) => linkToHandler(context, diagnostic))),
    executeCommand: (command, args, next) => command === SHOW_RULE_DOCUMENTATION ? show((args[0] as ShowRuleDocumentationArguments | undefined)?.rule ?? '') : next(command, args),
  };
  const disposables = [
    window.registerUriHandler({
      handleUri: (uri) => {
        const rule = ruleOfLinkPath(uri.path);
        if (rule) void show(rule);
        else log.warn(`Not an ECR Guard link: ${uri.toString(true)}`);
      },
    }),
  ];
  return { middleware, disposables };
}

/** The diagnostic's rule link, pointed at this extension's URI handler. */
function linkToHandler(context: ExtensionContext, diagnostic: Diagnostic): Diagnostic {
  const code = diagnostic.code;
  if (diagnostic.source !== 'ECR Guard' || typeof code !== 'object' || !RULE_IDS.includes(String(code.value) as RuleId)) return diagnostic;
  const target = Uri.from({ scheme: env.uriScheme, authority: context.extension.id, path: ruleLinkPath(String(code.value)) });
  diagnostic.code = { value: code.value, target };
  return diagnostic;
}

/** Opens the rule's page in the Markdown preview; the result names the page (tests read it). */
async function showRulePage(context: ExtensionContext, log: LogOutputChannel, rule: string): Promise<ShowRuleDocumentationResult> {
  if (!RULE_IDS.includes(rule as RuleId)) return { shown: false };
  const page = Uri.joinPath(context.extensionUri, ...RULE_PAGES_DIR.split('/'), `${rule}.md`);
  try {
    await commands.executeCommand('markdown.showPreview', page);
    return { shown: true, uri: page.toString() };
  } catch (error) {
    log.error(`Could not open the documentation of ${rule}: ${error instanceof Error ? error.message : String(error)}`);
    return { shown: false, uri: page.toString() };
  }
}
