// The end of every ECR Guard quick-fix menu: "Fix all ECR Guard problems in this file" and "Show
// documentation for RULE", which opens the rule's page (docs/rules/RULE.md, cut from the README by the build)
// in the Markdown preview; the diagnostic's rule link opens the same preview through the extension's URI
// handler. The preview's webview cannot be read from here: the tests assert the command's answer (the page
// it opened), the preview tab that appears (a Markdown preview webview titled for the page) and the page's
// text; the offline driver takes screenshots of the menu (docs-quick-fix-menu.png) and of the preview
// (docs-rule-preview.png).
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const { screenshot } = require('./index');
const { ERROR, EXTENSION_ID, extension, showDocument, expectFindings, waitForDiagnostics, restoreDocument } = require('./helpers');

const FIX_ALL_IN_FILE = 'Fix all ECR Guard problems in this file';

async function quickFixes(document, diagnostic) {
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  return (actions || []).filter((action) => action.kind && action.kind.value === vscode.CodeActionKind.QuickFix.value);
}

function previewTabs(page) {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType) && tab.label === `Preview ${page}`);
}

/** Resolves with the Markdown preview tab of `page` once it is open (a tab event), rejects after `timeout`. */
function previewOpened(page, timeout = 15000) {
  return new Promise((resolve, reject) => {
    const subscription = vscode.window.tabGroups.onDidChangeTabs(() => check());
    const timer = setTimeout(() => {
      subscription.dispose();
      const seen = vscode.window.tabGroups.all.flatMap((group) => group.tabs).map((tab) => `${tab.label} (${tab.input && tab.input.viewType || 'text'})`);
      reject(new Error(`no Markdown preview of ${page} within ${timeout} ms; tabs: ${seen.join(', ')}`));
    }, timeout);
    function check() {
      const [tab] = previewTabs(page);
      if (!tab) return;
      subscription.dispose();
      clearTimeout(timer);
      resolve(tab);
    }
    check();
  });
}

async function closePreviews(page) {
  const tabs = previewTabs(page);
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}

suite('docs menu: rule documentation and the quick-fix menu', () => {
  // The Markdown previews these tests open take the focus and stay open: close them, or later suites act
  // on the preview instead of the editor they opened.
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('docs menu: "Show documentation" and the rule link open the rule\'s page in the Markdown preview', async () => {
    const document = await showDocument('public-repository.json');
    const diagnostics = await expectFindings(document, [['wildcard-principal', ERROR, '"*"'], ['wildcard-principal', ERROR, '"arn:aws:iam::*:root"']]);
    const diagnostic = diagnostics[0];
    assert.strictEqual(diagnostic.code.target.toString(), `${vscode.env.uriScheme}://${EXTENSION_ID}/rule/wildcard-principal`);

    const actions = await quickFixes(document, diagnostic);
    const titles = actions.map((action) => action.title);
    assert.deepStrictEqual(titles.slice(-2), [FIX_ALL_IN_FILE, 'Show documentation for wildcard-principal'], JSON.stringify(titles));
    assert.ok(/^Suppress /.test(titles[titles.length - 3]), `suppress comes before them: ${JSON.stringify(titles)}`);
    assert.ok(actions.every((action) => !action.isPreferred || titles.indexOf(action.title) < titles.length - 3));

    // The menu as the user sees it, on the squiggle.
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document === document);
    editor.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.start);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('editor.action.quickFix');
    try {
      await screenshot('docs-quick-fix-menu.png', { waitForSelector: '.action-widget' });
    } finally {
      await vscode.commands.executeCommand('hideCodeActionWidget');
    }

    const page = 'wildcard-principal.md';
    await closePreviews(page);
    const documentation = actions[actions.length - 1];
    const opened = previewOpened(page);
    const result = await vscode.commands.executeCommand(documentation.command.command, ...documentation.command.arguments);
    const pageUri = vscode.Uri.file(path.join(extension().extensionPath, 'docs', 'rules', page));
    assert.deepStrictEqual(result, { shown: true, uri: pageUri.toString() });
    await opened;
    const text = fs.readFileSync(pageUri.fsPath, 'utf8');
    assert.match(text, /^# wildcard-principal$/m, 'the page is the rule\'s');
    assert.match(text, /An `Allow` statement whose principal is anyone/, 'with its README section');
    assert.ok(!/^# external-write$/m.test(text), 'and no other rule');
    await screenshot('docs-rule-preview.png', { waitForSelector: 'iframe.webview.ready' });

    // The diagnostic's link, opened as a click on it in the hover or the Problems panel opens it.
    await closePreviews(page);
    assert.strictEqual(previewTabs(page).length, 0);
    const again = previewOpened(page);
    await vscode.commands.executeCommand('vscode.open', diagnostic.code.target);
    await again;
    await closePreviews(page);
  });

  test('docs menu: "Fix all ECR Guard problems in this file" fixes every finding fix-all can, in one undoable edit', async () => {
    const document = await showDocument('public-repository.json');
    const original = document.getText();
    try {
      const [diagnostic] = await expectFindings(document, [['wildcard-principal', ERROR, '"*"'], ['wildcard-principal', ERROR, '"arn:aws:iam::*:root"']]);
      const fixAll = (await quickFixes(document, diagnostic)).find((action) => action.title === FIX_ALL_IN_FILE);
      assert.ok(fixAll && fixAll.command && !fixAll.edit, 'a command, whose edit is computed when chosen');
      const cleared = waitForDiagnostics(document.uri, (found) => found.length === 0, 15000, { what: 'no finding left', eventsOnly: true });
      const result = await vscode.commands.executeCommand(fixAll.command.command, ...fixAll.command.arguments);
      assert.deepStrictEqual(result, { applied: true });
      await cleared;
      for (const statement of JSON.parse(document.getText()).Statement) assert.deepStrictEqual(statement.Condition, { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } });
      await vscode.commands.executeCommand('undo');
      assert.strictEqual(document.getText(), original, 'one undo takes the whole fix back');
    } finally {
      await restoreDocument(document, original);
    }
  });
});
