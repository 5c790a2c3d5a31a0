// The language status item (which trust list applies, its problems, the file's findings), inlay hints after
// account IDs and a CodeLens per policy, both switchable in settings. Screenshots: statushints-*.png.
'use strict';
const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const { screenshot } = require('./index');
const { showDocument, expectFindings, serverCaughtUp, ERROR } = require('./helpers');

const EXTERNAL_PUSH = [['external-write', ERROR, '"ecr:Put*"'], ['external-write', ERROR, '"ecr:*"']];

function statusSnapshot() {
  return vscode.commands.executeCommand('ecrGuard.languageStatus.snapshot');
}

async function hintsOf(document) {
  const range = new vscode.Range(0, 0, document.lineCount, 0);
  const hints = await vscode.commands.executeCommand('vscode.executeInlayHintProvider', document.uri, range);
  const label = (hint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join(''));
  return hints.filter((hint) => /pull|push|admin|own|untrusted|expired/.test(label(hint))).map((hint) => `${hint.position.line}: ${label(hint)}`);
}

async function lensesOf(document) {
  const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', document.uri);
  return lenses.filter((lens) => lens.command && lens.command.command === 'ecrGuard.inventory.focus').map((lens) => `${lens.range.start.line}: ${lens.command.title}`);
}

/** The server re-checks open documents after a settings change; once a document opened after it is checked, they all are. */
async function afterSettingsChange(key, value) {
  await vscode.workspace.getConfiguration('ecrGuard').update(key, value, vscode.ConfigurationTarget.Workspace);
  await serverCaughtUp();
}

suite('status item, inlay hints and CodeLens', () => {
  suiteTeardown(async () => {
    const config = vscode.workspace.getConfiguration('ecrGuard');
    for (const key of ['trustList', 'inlayHints.enable', 'codeLens.enable']) await config.update(key, undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('inlay hints after account IDs and a CodeLens per policy; each switches off in settings', async function () {
    this.timeout(120000);
    const document = await showDocument('external-push.json');
    await expectFindings(document, EXTERNAL_PUSH);
    assert.deepStrictEqual(await hintsOf(document), ['6: staging · pull', '12: ci-builder · push']);
    assert.deepStrictEqual(await lensesOf(document), ['0: 1 push · 2 admin external']);
    const untrusted = await showDocument('untrusted-account.json');
    assert.deepStrictEqual((await hintsOf(untrusted)).map((hint) => hint.replace(/^\d+: /, '')), ['own', 'untrusted']);
    assert.deepStrictEqual((await lensesOf(untrusted)).map((lens) => lens.replace(/^\d+: /, '')), ['1 pull external']);

    if (process.env.ECR_GUARD_SCREENSHOT_DIR) {
      await vscode.workspace.getConfiguration().update('editor.minimap.enabled', false, vscode.ConfigurationTarget.Global);
      await showDocument('external-push.json');
      const file = await screenshot('statushints-inlay-hints-codelens.png', { waitForSelector: '.monaco-editor .codelens-decoration' });
      assert.ok(file && fs.statSync(file).size > 10000, `screenshot written (${file})`);
      await vscode.workspace.getConfiguration().update('editor.minimap.enabled', undefined, vscode.ConfigurationTarget.Global);
    }

    await afterSettingsChange('inlayHints.enable', false);
    assert.deepStrictEqual(await hintsOf(document), []);
    assert.strictEqual((await lensesOf(document)).length, 1, 'lenses have their own setting');
    await afterSettingsChange('codeLens.enable', false);
    assert.deepStrictEqual(await lensesOf(document), []);
    await afterSettingsChange('inlayHints.enable', undefined);
    await afterSettingsChange('codeLens.enable', undefined);
    assert.strictEqual((await hintsOf(document)).length, 2);
  });

  test('the status item names the trust list and counts the file\'s findings; with no list it offers to create one', async function () {
    this.timeout(120000);
    const document = await showDocument('external-push.json');
    await expectFindings(document, EXTERNAL_PUSH);
    const status = await statusSnapshot();
    assert.strictEqual(status.uri, document.uri.toString());
    assert.strictEqual(status.text, 'Trust list .ecr-trust.json');
    assert.strictEqual(status.detail, '2 errors in this file');
    assert.strictEqual(status.command, 'ecrGuard.openTrustList');

    await vscode.commands.executeCommand('ecrGuard.openTrustList');
    assert.ok(vscode.window.activeTextEditor.document.uri.path.endsWith('/.ecr-trust.json'), 'clicking opens the trust list');
    const list = await statusSnapshot();
    assert.strictEqual(list.text, 'ECR Guard trust list · no problems');

    await showDocument('external-push.json');
    await afterSettingsChange('trustList', 'no-such-trust.json');
    const none = await statusSnapshot();
    assert.strictEqual(none.text, 'No trust list');
    const create = (await vscode.commands.getCommands(true)).includes('ecrGuard.createTrustList');
    assert.strictEqual(none.command, create ? 'ecrGuard.createTrustList' : 'workbench.action.openSettings');
    await afterSettingsChange('trustList', undefined);
  });
});
