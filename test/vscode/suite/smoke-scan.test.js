// Smoke test of the workspace scan, run against the working tree and (ECR_GUARD_SUITE=vsix) against the
// installed ecr-guard.vsix: the packaged client and server carry the scan command, its request, the
// inventory view and the CLI with its worker threads. Leaves no scan behind.
'use strict';
const assert = require('assert');
const childProcess = require('child_process');
const path = require('path');
const vscode = require('vscode');
const { extension, fileUri, ours, waitForDiagnostics, workspaceUri } = require('./helpers');

suite(`smoke: workspace scan (${process.env.ECR_GUARD_SUITE === 'vsix' ? 'installed ecr-guard.vsix' : 'working tree'})`, () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('ecrGuard.clearScanResults');
  });

  test('the scan command checks the example workspace and fills the inventory view', async () => {
    await extension().activate();
    const summary = await vscode.commands.executeCommand('ecrGuard.scanWorkspace');
    assert.ok(summary && !summary.cancelled, 'the command returns the summary of a completed scan');
    assert.ok(summary.policies >= 6 && summary.findings >= 8, `policies ${summary.policies}, findings ${summary.findings}`);
    const uri = fileUri('terraform/policies.tf');
    await waitForDiagnostics(uri, (diagnostics) => diagnostics.some((d) => d.code && d.code.value === 'unresolved-principal'), 20000,
      { what: 'the Terraform policy\'s findings (the WebAssembly parser runs in the scan)' });
    assert.ok(ours(uri).length >= 2);
    const { scanned, nodes } = await vscode.commands.executeCommand('ecrGuard.inventory.snapshot');
    assert.strictEqual(scanned, true);
    assert.ok(nodes.some((node) => node.label === 'Anyone (public)'), nodes.map((node) => node.label).join(', '));
  });

  test('the packaged CLI scans with worker threads', () => {
    const cli = path.join(extension().extensionPath, 'server', 'out', 'cli.js');
    const run = childProcess.spawnSync(process.execPath, [cli, 'scan', '.', '--format', 'sarif', '--jobs', '2', '--fail-on', 'never'],
      { cwd: workspaceUri().fsPath, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    assert.strictEqual(run.status, 0, run.stderr);
    const log = JSON.parse(run.stdout);
    assert.strictEqual(log.version, '2.1.0');
    assert.ok(log.runs[0].results.some((result) => result.ruleId === 'wildcard-principal'));
  });
});
