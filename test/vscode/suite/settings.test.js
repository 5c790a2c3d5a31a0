// ecrGuard.trustList in the workspace settings switches the trust list the server uses.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { openDocument, expectFindings, WARNING } = require('./helpers');

suite('settings', () => {
  const config = () => vscode.workspace.getConfiguration('ecrGuard');

  suiteTeardown(async () => {
    await config().update('trustList', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('ecrGuard.trustList = alt-trust.json switches lists; removing the setting switches back', async () => {
    const policy = await openDocument('untrusted-account.json');
    // .ecr-trust.json owns 111122223333 and does not know 444455556666
    const withDefault = [['untrusted-account', WARNING, '"arn:aws:iam::444455556666:role/scanner"', /\(untrusted\): not on \.ecr-trust\.json/]];
    await expectFindings(policy, withDefault);
    assert.strictEqual(config().get('trustList'), '.ecr-trust.json');

    // alt-trust.json trusts 444455556666 for pull and owns 999988887777 instead: the warning moves
    await config().update('trustList', 'alt-trust.json', vscode.ConfigurationTarget.Workspace);
    assert.strictEqual(config().get('trustList'), 'alt-trust.json');
    await expectFindings(policy, [['untrusted-account', WARNING, '"arn:aws:iam::111122223333:root"', /Account 111122223333 \(untrusted\): not on alt-trust\.json/]]);

    await config().update('trustList', undefined, vscode.ConfigurationTarget.Workspace);
    await expectFindings(policy, withDefault);
  });
});
