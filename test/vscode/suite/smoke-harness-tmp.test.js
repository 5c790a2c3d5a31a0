const assert = require('assert');
const path = require('path');
const vscode = require('vscode');
const { screenshot } = require('./index');
suite('harness tmp', () => {
  test('extension present and screenshot', async () => {
    if (process.env.ECR_GUARD_EXTENSIONS_DIR) {
      const mine = vscode.extensions.all.filter(e => e.extensionPath.startsWith(process.env.ECR_GUARD_EXTENSIONS_DIR + path.sep));
      console.log('installed:', mine.map(e => e.id + ' @ ' + e.extensionPath).join(', '));
      assert.strictEqual(mine.length, 1);
    } else {
      const ext = vscode.extensions.getExtension('ecr-guard.ecr-guard');
      assert.ok(ext);
      console.log('dev extension at', ext.extensionPath);
    }
    assert.ok(!process.env.HARNESS_FAIL, 'forced failure');
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'README.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    console.log('shot', await screenshot('harness-tmp.png', { waitForSelector: '.monaco-editor .view-lines' }));
  });
});
