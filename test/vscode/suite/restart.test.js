// ECR Guard: Restart Server stops the server (its diagnostics go) and starts a new one that publishes again.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { openDocument, expectFindings, waitForDiagnostics, hoverText, rangeOfText, ERROR } = require('./helpers');

const PUBLIC = [['wildcard-principal', ERROR, '"*"'], ['wildcard-principal', ERROR, '"arn:aws:iam::*:root"']];

suite('restart', () => {
  test('ECR Guard: Restart Server clears and re-publishes the diagnostics of an open policy', async () => {
    const document = await openDocument('public-repository.json');
    await expectFindings(document, PUBLIC);
    // subscribe before the command runs: no event can slip past
    const cleared = waitForDiagnostics(document.uri, (d) => d.length === 0, 25000, { what: 'the old server\'s diagnostics to go', eventsOnly: true });
    cleared.catch(() => undefined);   // awaited below; no unhandled rejection if the command throws first
    await vscode.commands.executeCommand('ecrGuard.restartServer');
    await cleared;
    await expectFindings(document, PUBLIC, 25000);   // published again, by the new server
    // the new server answers requests too
    assert.match(await hoverText(document.uri, rangeOfText(document, '"ecr:BatchGetImage"').start.translate(0, 5)), /`ecr:BatchGetImage`: Read/);
  });

  test('ECR Guard: Show Output runs', async () => {
    await vscode.commands.executeCommand('ecrGuard.showOutput');
  });
});
