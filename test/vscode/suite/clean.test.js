// Files that are not ECR policies stay clean: package.json and an S3 bucket policy (with "Principal": "*").
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { openDocument, ours, serverCaughtUp, summarize } = require('./helpers');

suite('files that are not ECR policies', () => {
  test('package.json and an S3 bucket policy get no ECR Guard diagnostics', async () => {
    const documents = [await openDocument('package.json'), await openDocument('s3-bucket-policy.json')];
    for (const document of documents) assert.strictEqual(document.languageId, 'json');
    // Not waiting on nothing: the server answers a fresh policy opened after these only once it has
    // analysed them.
    await serverCaughtUp();
    for (const document of documents) {
      assert.deepStrictEqual(summarize(ours(document.uri)), [], vscode.workspace.asRelativePath(document.uri));
    }
  });
});
