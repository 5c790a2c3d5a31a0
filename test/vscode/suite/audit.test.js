// ECR Guard: Audit Deployed Registries... against a local endpoint speaking ECR's wire protocol
// (test/support/fakeEcr.js) with the real AWS SDK in the language server: the Deployed branch of the
// inventory, findings as diagnostics on read-only virtual documents, hovers, and the drift diff against the
// workspace's Terraform (examples/terraform/ecr.tf defines the `legacy` repository's policy).
'use strict';
const assert = require('assert');
const path = require('path');
const vscode = require('vscode');
const { waitForDiagnostics } = require('./helpers');
const { screenshot } = require('./index');
const { startFakeEcr, fakeEcrEnvironment } = require(path.join(__dirname, '..', '..', 'support', 'fakeEcr.js'));

const ACCOUNT = '111122223333';
const EXTERNAL = '999988887777';
const STRANGER = '444455556666';
const SNAPSHOT = 'ecrGuard.inventory.snapshot';
const policy = (...statements) => ({ Version: '2012-10-17', Statement: statements });
const ORG_PULL = { Sid: 'OrgPull', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } };

const SCENARIO = {
  account: ACCOUNT,
  throttleFirst: 2,
  denied: [{ operation: 'GetRepositoryPolicy', region: 'us-east-1', repository: 'secret' }],
  regions: {
    'us-east-1': {
      repositories: [
        { name: 'public-base', policy: policy({ Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }) },
        { name: 'legacy', policy: policy(ORG_PULL, { Sid: 'HandAdded', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${STRANGER}:root` }, Action: 'ecr:BatchGetImage' }) },
        { name: 'secret', policy: policy(ORG_PULL) },
        { name: 'plain' },
      ],
      replication: { rules: [{ destinations: [{ region: 'eu-west-1', registryId: EXTERNAL }] }] },
    },
    'eu-west-1': { repositories: [{ name: 'partner-cache', policy: policy({ Sid: 'Stranger', Effect: 'Allow', Principal: { AWS: STRANGER }, Action: 'ecr:BatchGetImage' }) }] },
  },
};

function find(nodes, label) {
  const node = nodes.find((candidate) => candidate.label === label);
  assert.ok(node, `no "${label}" among ${JSON.stringify(nodes.map((candidate) => candidate.label))}`);
  return node;
}

suite('audit of deployed registries', () => {
  let fake;
  let saved;

  // The server reads the endpoint and credentials from its environment, as the SDK does: set them here,
  // where the client forks it, and restart it; the original environment comes back after.
  suiteSetup(async function () {
    this.timeout(60000);
    fake = await startFakeEcr(SCENARIO);
    saved = Object.fromEntries(Object.keys(process.env).filter((name) => name.startsWith('AWS_')).map((name) => [name, process.env[name]]));
    const env = fakeEcrEnvironment(fake.url, {});
    for (const name of Object.keys(saved)) delete process.env[name];
    Object.assign(process.env, env);
    await vscode.commands.executeCommand('ecrGuard.restartServer');
  });

  suiteTeardown(async function () {
    this.timeout(60000);
    for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
    Object.assign(process.env, saved);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // A new server holds no audit: the suites after this one see the inventory as before.
    await vscode.commands.executeCommand('ecrGuard.restartServer');
    await fake?.close();
  });

  test('audit: the Deployed branch, diagnostics and hovers on read-only documents, the drift diff', async function () {
    this.timeout(90000);
    assert.strictEqual(fake.state.requests.length, 0, 'no AWS request before the user asks');
    const result = await vscode.commands.executeCommand('ecrGuard.auditDeployed', { regions: ['us-east-1', 'eu-west-1'] });
    assert.ok(result && !result.failure && !result.cancelled, JSON.stringify(result && result.failure));
    assert.strictEqual(fake.state.unsigned, 0, 'every request signed');
    assert.ok(result.inventory.errors.some((error) => error.code === 'AccessDeniedException'));

    const { nodes } = await vscode.commands.executeCommand(SNAPSHOT);
    const deployed = find(nodes, 'Deployed');
    assert.strictEqual(nodes[0], deployed, 'the Deployed branch comes first');
    const account = find(deployed.children, ACCOUNT);
    const east = find(account.children, 'us-east-1');
    const labels = east.children.map((node) => node.label);
    for (const label of ['public-base', 'legacy', 'replication']) assert.ok(labels.includes(label), JSON.stringify(labels));
    assert.ok(!labels.includes('plain'), 'a repository without a policy is counted, not listed');
    assert.ok(find(deployed.children, '1 call failed').children[0].label.startsWith('GetRepositoryPolicy: AccessDeniedException'));
    const cache = find(find(account.children, 'eu-west-1').children, 'partner-cache');
    const grant = cache.children[0];
    assert.strictEqual(grant.label, STRANGER);

    // The resource's document: the policy as AWS returned it, its findings as diagnostics, hovers as for files.
    const uri = vscode.Uri.parse(grant.opens.uri);
    assert.strictEqual(uri.scheme, 'ecr-guard-deployed');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(JSON.parse(document.getText()).Statement[0].Sid, 'Stranger');
    // No IaC in the workspace defines partner-cache: unmanaged-policy too.
    const diagnostics = await waitForDiagnostics(uri, (list) => list.length === 2, 15000, { what: 'untrusted-account and unmanaged-policy on the deployed policy' });
    assert.deepStrictEqual(diagnostics.map((d) => d.code.value || d.code).sort(), ['unmanaged-policy', 'untrusted-account']);
    const [line, character] = grant.opens.range;
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(line, character + 2));
    const hoverText = hovers.flatMap((hover) => hover.contents.map((content) => content.value || String(content))).join('\n');
    assert.ok(hoverText.includes(STRANGER), hoverText);

    // policy-drift on `legacy`: the quick fix opens the diff of the workspace's definition and the deployed policy.
    const legacy = find(east.children, 'legacy');
    const drift = find(legacy.children, 'policy-drift');
    const legacyUri = vscode.Uri.parse(drift.opens.uri);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(legacyUri));
    const legacyDiagnostics = await waitForDiagnostics(legacyUri, (list) => list.some((d) => (d.code.value || d.code) === 'policy-drift'), 15000, { what: 'policy-drift' });
    const driftDiagnostic = legacyDiagnostics.find((d) => (d.code.value || d.code) === 'policy-drift');
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', legacyUri, driftDiagnostic.range);
    const compare = actions.find((action) => action.title === 'Compare with the workspace definition');
    assert.ok(compare, JSON.stringify(actions.map((action) => action.title)));
    await vscode.commands.executeCommand(compare.command.command, ...compare.command.arguments);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab && tab.input instanceof vscode.TabInputTextDiff, 'a diff is open');
    const [left, right] = await Promise.all([vscode.workspace.openTextDocument(tab.input.original), vscode.workspace.openTextDocument(tab.input.modified)]);
    assert.ok(!left.getText().includes('HandAdded') && right.getText().includes('HandAdded'), `${left.getText()}\n---\n${right.getText()}`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await picture(uri);
  });

  /** The Deployed branch beside a deployed document with its finding; room made as in inventory-actions.test.js. */
  async function picture(uri) {
    if (!process.env.ECR_GUARD_SCREENSHOT_DIR) return;
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    const hidden = [];
    for (const view of ['outline', 'timeline']) {
      try {
        await vscode.commands.executeCommand(`${view}.toggleVisibility`);
        hidden.push(view);
      } catch {
        // not in this VS Code: the picture is only more crowded
      }
    }
    try {
      await vscode.commands.executeCommand('ecrGuard.inventory.focus');
      const expand = (text, until) => ({ selector: `.monaco-list-row:has-text("${text}"):visible`, press: 'ArrowRight', until: `.monaco-list-row:has-text("${until}")` });
      const click = ['.pane-header[aria-label*="examples" i]', expand('partner-cache', '444455556666')];
      await screenshot('audit-deployed.png', { click, waitForSelector: '.monaco-list-row:has-text("444455556666")' });
    } finally {
      for (const view of hidden) await vscode.commands.executeCommand(`${view}.toggleVisibility`).then(undefined, () => undefined);
      await vscode.commands.executeCommand('workbench.explorer.fileView.focus');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  }
});
