// Last: pictures of the workbench on the example workspace, with squiggles, a hover and the Problems panel
// open: a JSON policy (workbench.png) and the CloudFormation template (workbench-cloudformation.png), in the
// driver's screenshot folder (.vscode-test-cache/screenshots/); ECR_GUARD_UPDATE_SCREENSHOT=1 npm run
// test:vscode copies them to docs/screenshot.png and docs/screenshot-cloudformation.png. Only the offline
// driver takes screenshots: elsewhere (@vscode/test-electron) these tests are skipped.
'use strict';
const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const { screenshot } = require('./index');
const { showDocument, openDocument, expectFindings, rangeOfText, ERROR, WARNING, INFORMATION } = require('./helpers');

// user settings for a clean picture, restored afterwards (the offline driver's user data is a temp folder)
const LOOK = {
  'editor.minimap.enabled': false, 'breadcrumbs.enabled': false, 'editor.renderLineHighlight': 'none',
  'editor.occurrencesHighlight': 'off', 'editor.selectionHighlight': false, 'editor.matchBrackets': 'never',
  'files.exclude': { '**/.git': true, '**/.vscode': true },   // the settings test leaves a .vscode/settings.json
};

suite('screenshot', () => {
  const saved = {};

  suiteSetup(function () {
    if (!process.env.ECR_GUARD_SCREENSHOT_DIR) this.skip();
  });

  suiteTeardown(async () => {
    for (const [key, value] of Object.entries(saved)) await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Global);
  });

  test('workbench with squiggles and the Problems panel', async () => {
    const config = vscode.workspace.getConfiguration();
    for (const [key, value] of Object.entries(LOOK)) {
      saved[key] = config.inspect(key).globalValue;
      await config.update(key, value, vscode.ConfigurationTarget.Global);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // findings of several files for the Problems panel
    const others = {
      'untrusted-account.json': [['untrusted-account', WARNING, '"arn:aws:iam::444455556666:role/scanner"']],
      'public-repository.json': [['wildcard-principal', ERROR, '"*"'], ['wildcard-principal', ERROR, '"arn:aws:iam::*:root"']],
      'terraform/policies.tf': [['untrusted-account', WARNING, 'local.consumer_accounts'], ['unresolved-principal', INFORMATION, 'var.extra_readers']],
    };
    for (const [file, rows] of Object.entries(others)) await expectFindings(await openDocument(file), rows);
    const document = await showDocument('external-push.json');
    await expectFindings(document, [['external-write', ERROR, '"ecr:Put*"'], ['external-write', ERROR, '"ecr:*"']]);
    await vscode.commands.executeCommand('workbench.files.action.showActiveFileInExplorer');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const editor = await vscode.window.showTextDocument(document, { preserveFocus: false });
    const at = rangeOfText(document, '"arn:aws:iam::333344445555:role/ci"').start.translate(0, 16);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.showHover');
    const file = await screenshot('workbench.png', { waitForSelector: 'body:has(.markers-panel .monaco-list-row):has(.monaco-hover .hover-row)' });
    assert.ok(file && fs.statSync(file).size > 10000, `screenshot written (${file})`);
  });

  test('CloudFormation template with squiggles, a hover and the Problems panel', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const document = await showDocument('cloudformation/repositories.yaml');
    await expectFindings(document, [
      ['wildcard-principal', ERROR, "'*'"], ['external-write', ERROR, 'ecr:*'], ['untrusted-account', WARNING, '!Ref PartnerAccount'],
      ['untrusted-account', WARNING, 'arn:aws:iam::777788889999:root'], ['external-write', ERROR, 'ecr:ReplicateImage'], ['external-write', ERROR, 'ecr:CreateRepository'],
    ]);
    await vscode.commands.executeCommand('workbench.files.action.showActiveFileInExplorer');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const editor = await vscode.window.showTextDocument(document, { preserveFocus: false });
    // the hover on the public repository's principal; the Problems panel shows the other findings and the
    // partner's related information (the parameter Default)
    const at = rangeOfText(document, "'*'").start.translate(0, 1);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.showHover');
    const file = await screenshot('workbench-cloudformation.png', { waitForSelector: 'body:has(.markers-panel .monaco-list-row):has(.monaco-hover .hover-row)' });
    assert.ok(file && fs.statSync(file).size > 10000, `screenshot written (${file})`);
  });
});
