// The trust list as the user edits it: an unsaved edit of .ecr-trust.json re-checks open policies.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { openDocument, expectFindings, restoreDocument, WARNING, ours } = require('./helpers');

const UNTRUSTED = [['untrusted-account', WARNING, '"arn:aws:iam::444455556666:role/scanner"', /Account 444455556666 \(untrusted\): not on \.ecr-trust\.json/]];

suite('trust list edits', () => {
  test('trusting 444455556666 in the editor (unsaved) clears its warning in an open policy; undoing brings it back', async () => {
    const policy = await openDocument('untrusted-account.json');
    await expectFindings(policy, UNTRUSTED);
    const trust = await vscode.window.showTextDocument(await openDocument('.ecr-trust.json'), { preview: false }).then((e) => e.document);
    const original = trust.getText();
    try {
      const edit = new vscode.WorkspaceEdit();
      const anchor = original.indexOf('"trustedAccounts": {') + '"trustedAccounts": {'.length;
      assert.ok(anchor > 20, 'the example trust list has a trustedAccounts object');
      edit.insert(trust.uri, trust.positionAt(anchor), '\n    "444455556666": { "name": "vendor-scanner", "access": "pull" },');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.strictEqual(trust.isDirty, true, 'the trust list edit is not saved');
      await expectFindings(policy, []);
      // The fix is in the unsaved buffer only; the policy stays clean while that buffer is open.
      assert.deepStrictEqual(ours(trust.uri), [], 'the edited trust list is valid');
    } finally {
      await restoreDocument(trust, original);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
    await expectFindings(policy, UNTRUSTED);
  });
});
