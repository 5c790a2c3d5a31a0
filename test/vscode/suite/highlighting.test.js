// Terraform highlighting: the extension's own TextMate grammar (syntaxes/terraform.tmLanguage.json) is the
// tokenizer of the `terraform` language, and VS Code applies it: the workbench's token inspector ("Developer:
// Inspect Editor Tokens and Scopes") shows our scopes on a block type and JSON scopes inside a heredoc policy.
// The inspector is read through the offline driver's screenshot requests (a Playwright selector with
// :has-text, waited for before the picture is taken), so those tests run only under that driver.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const { screenshot } = require('./index');
const { showDocument, rangeOfText, extension } = require('./helpers');

const SCOPE = 'source.ecr-guard.terraform';
const LOOK = {
  'editor.minimap.enabled': false, 'breadcrumbs.enabled': false, 'editor.renderLineHighlight': 'none',
  'editor.occurrencesHighlight': 'off', 'editor.selectionHighlight': false,
};

async function showAt(document, needle, offset = 1) {
  const editor = await vscode.window.showTextDocument(document, { preserveFocus: false });
  const at = rangeOfText(document, needle).start.translate(0, offset);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at));
  return editor;
}

suite('Highlighting', () => {
  const saved = {};

  suiteTeardown(async () => {
    for (const [key, value] of Object.entries(saved)) await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the grammar contribution: the terraform language, a scope name of our own, JSON embedded', () => {
    const { packageJSON, extensionPath } = extension();
    const grammar = packageJSON.contributes.grammars.find((g) => g.language === 'terraform');
    assert.ok(grammar, 'a grammar is contributed for the terraform language');
    // HashiCorp's extension registers source.hcl.terraform: the same scope name would overwrite its grammar file
    assert.strictEqual(grammar.scopeName, SCOPE);
    assert.deepStrictEqual(grammar.embeddedLanguages, { 'meta.embedded.block.json': 'json' });
    assert.strictEqual(grammar.injectTo, undefined, 'nothing is injected into other grammars');
    const file = JSON.parse(fs.readFileSync(path.join(extensionPath, grammar.path), 'utf8'));
    assert.strictEqual(file.scopeName, SCOPE);
    // the only grammar it reaches outside itself is VS Code's JSON (never HashiCorp's, which may be absent)
    const external = new Set([...JSON.stringify(file).matchAll(/"include":"([^#$"][^"]*)"/g)].map((m) => m[1]));
    assert.deepStrictEqual([...external], ['source.json']);
  });

  test('a .tf document has a TextMate tokenizer (none before the grammar existed)', async () => {
    const document = await showDocument('terraform/ecr.tf');
    assert.strictEqual(document.languageId, 'terraform');
    // VS Code's own command: throws "Cannot resolve tokenizer for language terraform" without a grammar
    const result = await vscode.commands.executeCommand('_workbench.colorizeTextMateTokens', document.uri);
    assert.ok(result && typeof result.tokenizeTime === 'number', `tokenised: ${JSON.stringify(result)}`);
  });

  suite('in the workbench (offline driver)', () => {
    suiteSetup(async function () {
      if (!process.env.ECR_GUARD_SCREENSHOT_DIR) this.skip();
      const config = vscode.workspace.getConfiguration();
      for (const [key, value] of Object.entries(LOOK)) {
        saved[key] = config.inspect(key).globalValue;
        await config.update(key, value, vscode.ConfigurationTarget.Global);
      }
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('workbench.action.closePanel');
    });

    test('ecr.tf is coloured: tokens other than the default foreground in its editor', async () => {
      const document = await showDocument('terraform/ecr.tf');
      await showAt(document, 'resource', 0);
      // mtk1 is the default foreground: a plain-text editor has no other token class
      const file = await screenshot('highlighting-terraform.png', {
        waitForSelector: '.monaco-editor[data-uri$="/terraform/ecr.tf"] .view-line span[class^="mtk"]:not(.mtk1)' });
      assert.ok(file && fs.statSync(file).size > 10000, `screenshot written (${file})`);
    });

    test('the token inspector shows our scopes on a block type, and JSON scopes in the heredoc policy', async () => {
      const document = await showDocument('terraform/ecr.tf');
      await showAt(document, 'resource', 2);
      await vscode.commands.executeCommand('editor.action.inspectTMScopes');
      try {
        await screenshot('highlighting-terraform-block-scopes.png', {
          waitForSelector: `.token-inspect-widget:has-text("entity.name.type.block.hcl"):has-text("${SCOPE}")` });
        await showAt(document, '"Version"', 2);   // the only quoted Version: inside the <<-EOF heredoc
        const file = await screenshot('highlighting-terraform-heredoc-json.png', {
          waitForSelector: '.token-inspect-widget:has-text("support.type.property-name.json"):has-text("meta.embedded.block.json.hcl")' });
        assert.ok(file && fs.statSync(file).size > 10000, `screenshot written (${file})`);
      } finally {
        await vscode.commands.executeCommand('editor.action.inspectTMScopes');   // toggles the inspector off
      }
    });
  });
});
