// The extension starts its language server when a policy JSON opens.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { extension, openDocument, waitForDiagnostics } = require('./helpers');

suite('activation', () => {
  test('the extension is active once a policy JSON is open, and its server reports on it', async () => {
    const ext = extension();
    // The fixture workspace also matches `workspaceContains:**/.ecr-trust.json`, so VS Code may have
    // activated the extension before this test: what counts is that opening a policy ends with an active
    // extension whose server analysed the document.
    assert.ok(ext.packageJSON.activationEvents.includes('onLanguage:json'));
    const document = await openDocument('public-repository.json');
    assert.strictEqual(document.languageId, 'json');
    await waitForDiagnostics(document.uri, (d) => d.length > 0, 25000, { what: 'any ECR Guard diagnostic' });
    assert.strictEqual(ext.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['ecrGuard.restartServer', 'ecrGuard.showOutput']) assert.ok(commands.includes(id), `command ${id} is registered`);
  });
});
