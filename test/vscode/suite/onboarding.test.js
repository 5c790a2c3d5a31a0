// First use: a workspace without a trust list. "ECR Guard: Create Trust List" (quick pick per account, or the
// answers as arguments) creates the file complete in one step; "Trust account" creates a new list with its
// content too (never a 0-byte file and an unsaved editor); "Mark ACCOUNT as one of my own accounts"; the
// walkthrough. Screenshots (offline driver only): onboarding-create-trust-list.png (the quick pick),
// onboarding-trust-list-created.png (the new file), onboarding-walkthrough.png.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const Ajv = require('ajv');
const { screenshot } = require('./index');
const { extension, fileUri, openDocument, expectFindings, waitForDiagnostics, restoreDocument, ours, WARNING } = require('./helpers');

const CREATE = 'ecrGuard.createTrustList';
const VENDOR = '444455556666';
const UNTRUSTED = [['untrusted-account', WARNING, '"arn:aws:iam::444455556666:role/scanner"', /Account 444455556666 \(untrusted\): not on \.ecr-trust\.json/]];
const messages = (uri) => ours(uri).map((d) => d.message);

function isDirty(uri) {
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
  return Boolean(document && document.isDirty);
}

/** The trust list on disk: complete, valid JSON, valid by the full schema, and not waiting in an unsaved editor. */
function savedTrustList(uri) {
  const text = fs.readFileSync(uri.fsPath, 'utf8');
  assert.ok(text.length > 0, 'not an empty file');
  const list = JSON.parse(text);
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(path.join(extension().extensionPath, 'schemas', 'ecr-trust.schema.json'), 'utf8')));
  assert.ok(validate(list), JSON.stringify(validate.errors));
  assert.strictEqual(isDirty(uri), false, 'nothing of it is only in an unsaved editor');
  return list;
}

suite('onboarding: first use without a trust list', () => {
  // Each test points ecrGuard.trustList at a file that does not exist yet (a deleted .ecr-trust.json would
  // live on in VS Code's closed-but-kept document, which the server rightly prefers to the disk).
  const config = () => vscode.workspace.getConfiguration('ecrGuard');
  const made = [];
  let policy;

  /** Switches to a trust list that does not exist, and waits until both accounts cannot be checked and the finding's detail names the command. */
  async function withoutTrustList(folder) {
    made.push(folder);
    await config().update('trustList', `${folder}/.ecr-trust.json`, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(policy.uri, (d) => d.length === 2 && d.every((x) => (x.relatedInformation || []).some((r) => /Create Trust List/.test(r.message))), 15000, { what: 'the no-trust-list findings' });
    return fileUri(`${folder}/.ecr-trust.json`);
  }

  suiteSetup(async () => {
    policy = await openDocument('untrusted-account.json');
    await expectFindings(policy, UNTRUSTED);
    await openDocument('external-push.json');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('trustList', undefined, vscode.ConfigurationTarget.Workspace);
    await expectFindings(policy, UNTRUSTED);
    for (const folder of made) fs.rmSync(fileUri(folder).fsPath, { recursive: true, force: true });
  });

  test('"Trust account" without a trust list creates the file with its content, saved', async () => {
    const trust = await withoutTrustList('first-use-trust');
    assert.strictEqual(await vscode.commands.executeCommand('ecrGuard.trustAccount', { uri: policy.uri.toString(), account: VENDOR, name: 'vendor' }), true);
    assert.deepStrictEqual(savedTrustList(trust), { ownAccounts: [], organizationIds: [], trustedAccounts: { [VENDOR]: { name: 'vendor', access: 'pull' } } });
    await waitForDiagnostics(policy.uri, (d) => d.length === 1 && !d[0].message.includes(VENDOR), 15000, { what: 'the vendor trusted' });
  });

  test('Create Trust List: the quick pick offers the accounts; cancelling writes nothing', async function () {
    if (!process.env.ECR_GUARD_SCREENSHOT_DIR) this.skip();
    const trust = await withoutTrustList('first-use-cancel');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const running = vscode.commands.executeCommand(CREATE, { scan: false });
    const file = await screenshot('onboarding-create-trust-list.png', { waitForSelector: '.quick-input-widget .monaco-list-row' });
    assert.ok(file && fs.statSync(file).size > 10000, `screenshot written (${file})`);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.strictEqual(await running, undefined);
    assert.ok(!fs.existsSync(trust.fsPath), 'nothing written');
  });

  test('Create Trust List with the answers: one step leaves a complete, valid file on disk, opened; a second run adds to it, unsaved', async () => {
    const trust = await withoutTrustList('first-use-create');
    const answers = {
      accounts: { '111122223333': 'own', '222233334444': 'pull', '333344445555': 'push', [VENDOR]: 'skip' },
      organizations: { 'o-a1b2c3d4e5': 'own' },
      names: { '222233334444': 'staging', '333344445555': 'ci-builder' },
    };
    assert.strictEqual(await vscode.commands.executeCommand(CREATE, { scan: false, answers }), trust.toString());
    assert.deepStrictEqual(savedTrustList(trust), {
      ownAccounts: ['111122223333'], organizationIds: ['o-a1b2c3d4e5'],
      trustedAccounts: { '222233334444': { name: 'staging', access: 'pull' }, '333344445555': { name: 'ci-builder', access: 'push' } },
    });
    assert.strictEqual(vscode.window.activeTextEditor && vscode.window.activeTextEditor.document.uri.toString(), trust.toString(), 'the new trust list is open');
    // Own account known, the skipped vendor checked against the list.
    await waitForDiagnostics(policy.uri, (d) => d.length === 1 && /444455556666 \(untrusted\)/.test(d[0].message), 15000, { what: 'the vendor untrusted, the own account fine' });
    assert.deepStrictEqual(messages(trust), [], 'the new list has no problem');
    const shot = await screenshot('onboarding-trust-list-created.png', { waitForSelector: '.tabs-container .tab.active' });
    if (shot) assert.ok(fs.statSync(shot).size > 10000);

    const before = fs.readFileSync(trust.fsPath, 'utf8');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.strictEqual(await vscode.commands.executeCommand(CREATE, { scan: false, answers: { accounts: { [VENDOR]: 'admin' }, names: { [VENDOR]: 'vendor' } } }), trust.toString());
    assert.strictEqual(fs.readFileSync(trust.fsPath, 'utf8'), before, 'the list on disk is not replaced');
    const edited = vscode.window.activeTextEditor && vscode.window.activeTextEditor.document;
    assert.strictEqual(edited && edited.uri.toString(), trust.toString(), 'the list is open, for review');
    assert.ok(edited.isDirty, 'the additions are unsaved');
    assert.deepStrictEqual(JSON.parse(edited.getText()).trustedAccounts[VENDOR], { name: 'vendor', access: 'admin' });
    assert.deepStrictEqual(JSON.parse(edited.getText()).ownAccounts, ['111122223333'], 'the rest kept');
    await waitForDiagnostics(policy.uri, (d) => d.length === 0, 15000, { what: 'the vendor trusted by the unsaved list' });
    await restoreDocument(edited, before);
  });
});

suite('onboarding: "Mark ACCOUNT as one of my own accounts"', () => {
  test('adds the account to ownAccounts of the existing list (edited, for review) and its warning goes', async () => {
    const policy = await openDocument('untrusted-account.json');
    const trust = await openDocument('.ecr-trust.json');
    const trustText = trust.getText();
    try {
      const [diagnostic] = await expectFindings(policy, UNTRUSTED);
      const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', policy.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const mark = (actions || []).find((action) => action.title === `Mark ${VENDOR} as one of my own accounts`);
      assert.ok(mark && mark.command, JSON.stringify((actions || []).map((action) => action.title)));
      assert.strictEqual(mark.isPreferred, false);
      assert.strictEqual(await vscode.commands.executeCommand(mark.command.command, ...mark.command.arguments), true);
      await expectFindings(policy, []);
      assert.deepStrictEqual(JSON.parse(trust.getText()).ownAccounts, ['111122223333', VENDOR]);
    } finally {
      await restoreDocument(trust, trustText);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    await expectFindings(policy, UNTRUSTED);
  });
});

suite('onboarding: walkthrough and welcome view', () => {
  test('a Getting Started walkthrough with three steps, each with its media and a completion event', async () => {
    const contributes = extension().packageJSON.contributes;
    const [walkthrough] = contributes.walkthroughs;
    assert.deepStrictEqual(walkthrough.steps.map((step) => step.id), ['createTrustList', 'readFinding', 'scanWorkspace']);
    for (const step of walkthrough.steps) {
      assert.ok(fs.statSync(path.join(extension().extensionPath, step.media.markdown)).size > 200, step.media.markdown);
      assert.ok(step.completionEvents.length > 0, step.id);
    }
    assert.deepStrictEqual(walkthrough.steps.map((step) => step.completionEvents[0]), ['onCommand:ecrGuard.createTrustList', 'onView:workbench.panel.markers.view', 'onCommand:ecrGuard.scanWorkspace']);
    assert.ok(contributes.viewsWelcome.some((welcome) => welcome.view === 'ecrGuard.inventory' && welcome.contents.includes('(command:ecrGuard.createTrustList)')));
    assert.ok((await vscode.commands.getCommands(true)).includes(CREATE));
    if (!process.env.ECR_GUARD_SCREENSHOT_DIR) return;
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extension().id}#${walkthrough.id}`, false);
    const shot = await screenshot('onboarding-walkthrough.png', { waitForSelector: '.gettingStartedContainer .getting-started-step' });
    assert.ok(shot && fs.statSync(shot).size > 10000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
