// Terraform: .tf policies are checked with the `terraform` language ID (declared by the extension) and
// with `plaintext` (what a .tf file may be without a Terraform extension); a module is its folder, so an
// edit of locals.tf updates an open main.tf that uses the local.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { openDocument, showDocument, expectFindings, replaceText, restoreDocument, hoverText, rangeOfText, ERROR, WARNING } = require('./helpers');

const ECR_TF = [
  ['wildcard-principal', ERROR, ['"*"', 0]],   // jsonencode({... Principal = { AWS = "*" } ...})
  ['external-write', ERROR, '"ecr:Put*"'],
  ['wildcard-principal', ERROR, ['"*"', 1]],   // heredoc
];

suite('Terraform', () => {
  test('examples/terraform/ecr.tf with language ID terraform, then plaintext (checked live), then terraform again', async () => {
    let document = await showDocument('terraform/ecr.tf');
    const original = document.getText();
    assert.strictEqual(document.languageId, 'terraform');
    await expectFindings(document, ECR_TF);

    document = await vscode.languages.setTextDocumentLanguage(document, 'plaintext');
    assert.strictEqual(document.languageId, 'plaintext');
    try {
      await expectFindings(document, ECR_TF);
      // Live, not left over from before: an edit as plaintext moves the external-write finding.
      await replaceText(document, '"ecr:Put*"', '"ecr:PutImage"');
      await expectFindings(document, [ECR_TF[0], ['external-write', ERROR, '"ecr:PutImage"', /Everyone \(Principal "\*"\): may push \(ecr:PutImage\)/], ECR_TF[2]]);
      assert.match(await hoverText(document.uri, rangeOfText(document, '"ecr:PutImage"').start.translate(0, 3)), /`ecr:PutImage`: Write/);
    } finally {
      await restoreDocument(document, original);
    }
    await expectFindings(document, ECR_TF);

    document = await vscode.languages.setTextDocumentLanguage(document, 'terraform');
    assert.strictEqual(document.languageId, 'terraform');
    await replaceText(document, '"ecr:Put*"', '"ecr:BatchGetImage"');
    await expectFindings(document, [ECR_TF[0], ECR_TF[2]]);
    await restoreDocument(document, original);
    await expectFindings(document, ECR_TF);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('an unsaved edit of terraform-module/locals.tf updates the open main.tf that uses local.consumers', async () => {
    // locals.tf is not open yet: the server reads it from disk
    const main = await openDocument('terraform-module/main.tf');
    const untrusted = [['untrusted-account', WARNING, 'local.consumers', /Account 444455556666 \(untrusted\): not on \.ecr-trust\.json/]];
    await expectFindings(main, untrusted);

    const locals = await openDocument('terraform-module/locals.tf');
    const original = locals.getText();
    try {
      // 222233334444 is staging, trusted for pull: the only finding goes
      await replaceText(locals, '444455556666', '222233334444');
      assert.strictEqual(locals.isDirty, true);
      await expectFindings(main, []);
      // and an account nobody trusts comes back, in the same open file
      await replaceText(locals, '222233334444', '777788889999');
      await expectFindings(main, [['untrusted-account', WARNING, 'local.consumers', /Account 777788889999 \(untrusted\)/]]);
    } finally {
      await restoreDocument(locals, original);
    }
    await expectFindings(main, untrusted);
  });
});
