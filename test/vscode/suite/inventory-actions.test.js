// The grants inventory's rows and their context menu (issue 14): each row counts its own grants and the
// findings on them (not the file's problems), labels fit the sidebar, and the grant rows' commands (open,
// apply the preferred fix, trust the account for pull, suppress a finding, copy the principal) work on the
// node the context menu passes. Also: a screenshot of the view with the context menu open, and an export
// to a given target that names the trust list relatively. Every file is put back as it was.
'use strict';
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { screenshot } = require('./index');
const { WARNING, ERROR, ours, openDocument, expectFindings, restoreDocument, removeWorkspaceCopy, fileUri, workspaceUri } = require('./helpers');

const SNAPSHOT = 'ecrGuard.inventory.snapshot';
const VENDOR = '999900002222';   // an account only this suite names
const FILE = 'inventory-fixture/vendor-push.json';
const POLICY = `${JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'InventoryVendorPush', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${VENDOR}:root` }, Action: ['ecr:BatchGetImage', 'ecr:PutImage'] },
    { Sid: 'InventoryStagingPull', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222233334444:root' }, Action: 'ecr:BatchGetImage' },
  ],
}, null, 2)}\n`;
const ROWS = [['external-write', ERROR, '"ecr:PutImage"'], ['untrusted-account', WARNING, `"arn:aws:iam::${VENDOR}:root"`]];

function findNode(nodes, predicate) {
  for (const node of nodes) {
    if (predicate(node)) return node;
    const found = node.children && findNode(node.children, predicate);
    if (found) return found;
  }
  return undefined;
}

/** The inventory as the view shows it, once `predicate(nodes)` holds (waiting for the server's next change, not for time). */
async function inventoryWhere(predicate, what) {
  const deadline = Date.now() + 15000;
  let snapshot = await vscode.commands.executeCommand(SNAPSHOT);
  while (!predicate(snapshot.nodes)) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}; top level: ${snapshot.nodes.map((node) => `${node.label} (${node.description})`).join(', ')}`);
    snapshot = await vscode.commands.executeCommand(SNAPSHOT, { afterVersion: snapshot.version, timeoutMs: deadline - Date.now() });
  }
  return snapshot.nodes;
}

async function vendorGrant() {
  // The grant as the suite's file and trust list make it: an earlier test's edit to the trust list, put back,
  // reaches the view a little after the diagnostics, so the rows are waited for in that state.
  const nodes = await inventoryWhere((all) => findNode(all, (node) => node.label === 'InventoryVendorPush'
    && node.contextValue.startsWith('ecrGuard.grant;kind=account;trust=untrusted;rules=external-write,untrusted-account;fix;')), 'the vendor\'s untrusted grant with its two findings');
  return { vendor: nodes.find((node) => node.label === VENDOR), grant: findNode(nodes, (node) => node.label === 'InventoryVendorPush') };
}

/**
 * Puts back a document a fix edited for review, unsaved (the trust list): its text as it was, saved. The file
 * on disk never changed, so a save a slow save participant makes fail leaves nothing behind either.
 */
async function revert(document, text) {
  if (document.getText() !== text) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
    assert.ok(await vscode.workspace.applyEdit(edit));
  }
  if (document.isDirty) await document.save();
  assert.strictEqual(document.getText(), text, `${vscode.workspace.asRelativePath(document.uri)} is as it was`);
  assert.strictEqual(fs.readFileSync(document.uri.fsPath, 'utf8'), text, `${vscode.workspace.asRelativePath(document.uri)} is as it was on disk`);
}

async function closeTabs(uri) {
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input && tab.input.uri && tab.input.uri.toString() === uri.toString());
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}

suite('grants inventory: rows and context menu', () => {
  let document;
  let trust;
  let trustText;

  suiteSetup(async () => {
    fs.mkdirSync(fileUri('inventory-fixture').fsPath, { recursive: true });
    fs.writeFileSync(fileUri(FILE).fsPath, POLICY);
    document = await openDocument(FILE);
    await expectFindings(document, ROWS);
    trust = await openDocument('.ecr-trust.json');
    trustText = trust.getText();
  });

  suiteTeardown(async () => {
    await revert(trust, trustText);
    await closeTabs(trust.uri);
    await closeTabs(document.uri);
    await removeWorkspaceCopy(FILE, 'inventory-fixture');
  });

  test('a row counts its own grants and their findings, not its file\'s problems', async () => {
    const { vendor, grant } = await vendorGrant();
    assert.strictEqual(vendor.description, 'untrusted · 1 grant · 2 findings');
    assert.deepStrictEqual(vendor.children.map((node) => [node.label, node.description]), [['vendor-push.json', '1 grant · 2 findings · inventory-fixture']]);
    assert.strictEqual(grant.contextValue, 'ecrGuard.grant;kind=account;trust=untrusted;rules=external-write,untrusted-account;fix;findings;trustable;');
    // The same file's other grantee: its row counts its grant, with no findings, though the file has two problems.
    const nodes = await inventoryWhere((all) => all.some((node) => node.label === '222233334444 (staging)'), 'the staging account');
    const staging = nodes.find((node) => node.label === '222233334444 (staging)');
    const file = staging.children.find((node) => node.label === 'vendor-push.json');
    assert.strictEqual(file.description, '1 grant · inventory-fixture');
    assert.strictEqual(file.children[0].contextValue, 'ecrGuard.grant;kind=account;trust=pull;rules=;');
  });

  test('Open and Copy Principal act on the grant node', async () => {
    const { grant } = await vendorGrant();
    await vscode.commands.executeCommand('ecrGuard.inventory.openGrant', grant.node);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.toString() === document.uri.toString());
    assert.strictEqual(editor.document.getText(editor.selection), `"arn:aws:iam::${VENDOR}:root"`);
    assert.strictEqual(await vscode.commands.executeCommand('ecrGuard.inventory.copyPrincipal', grant.node), VENDOR);
    assert.strictEqual(await vscode.env.clipboard.readText(), VENDOR);
  });

  test('Apply Preferred Fix restricts the statement to pull, as the light bulb would', async () => {
    const { grant } = await vendorGrant();
    try {
      assert.strictEqual(await vscode.commands.executeCommand('ecrGuard.inventory.applyPreferredFix', grant.node), true);
      await expectFindings(document, [ROWS[1]]);
      const actions = [].concat(JSON.parse(document.getText()).Statement[0].Action);
      assert.ok(actions.includes('ecr:BatchGetImage') && !actions.includes('ecr:PutImage'), actions.join(', '));
    } finally {
      await restoreDocument(document, POLICY);
    }
    await expectFindings(document, ROWS);
  });

  test('Trust Account for Pull writes the account into the trust list, unsaved, with the name given', async () => {
    const { grant } = await vendorGrant();
    try {
      assert.strictEqual(await vscode.commands.executeCommand('ecrGuard.inventory.trustAccount', grant.node, { name: 'inventory vendor' }), true);
      assert.deepStrictEqual(JSON.parse(trust.getText()).trustedAccounts[VENDOR], { name: 'inventory vendor', access: 'pull' });
      assert.strictEqual(trust.isDirty, true, 'for review');
      await expectFindings(document, [ROWS[0]]);
    } finally {
      await revert(trust, trustText);
    }
    await expectFindings(document, ROWS);
  });

  test('Mark as My Own Account adds the account to ownAccounts, unsaved, and its findings go', async () => {
    const { grant } = await vendorGrant();
    try {
      assert.strictEqual(await vscode.commands.executeCommand('ecrGuard.inventory.markOwnAccount', grant.node), true);
      assert.ok(JSON.parse(trust.getText()).ownAccounts.includes(VENDOR), trust.getText());
      assert.strictEqual(trust.isDirty, true, 'for review');
      await expectFindings(document, []);
    } finally {
      await revert(trust, trustText);
    }
    await expectFindings(document, ROWS);
  });

  test('Suppress Finding suppresses the rule given, with its reason, through the editor\'s suppress command', async () => {
    const { grant } = await vendorGrant();
    try {
      const before = ours(document.uri).map((d) => `${d.code.value}@${d.range.start.line}:${d.range.start.character}`).join(', ');
      assert.strictEqual(await vscode.commands.executeCommand('ecrGuard.inventory.suppressFinding', grant.node, { rule: 'untrusted-account', reason: 'vendor scanner, reviewed' }), true,
        `suppressed; diagnostics before: ${before}; grant at ${grant.node.ref.grant.range.join(':')}; trust list dirty: ${trust.isDirty}`);
      const entries = JSON.parse(trust.getText()).suppressions;
      assert.ok(Array.isArray(entries) && entries.some((entry) => entry.rule === 'untrusted-account' && entry.reason === 'vendor scanner, reviewed'), trust.getText());
      await expectFindings(document, [ROWS[0]]);
      const nodes = await inventoryWhere((all) => findNode(all, (node) => node.label === 'InventoryVendorPush' && /· suppressed$/.test(node.description)), 'the grant marked suppressed');
      assert.strictEqual(findNode(nodes, (node) => node.label === 'InventoryVendorPush').contextValue,
        'ecrGuard.grant;kind=account;trust=untrusted;rules=external-write;fix;findings;trustable;', 'the suppressed rule is no longer offered');
    } finally {
      await revert(trust, trustText);
    }
    await expectFindings(document, ROWS);
  });

  test('screenshot: the inventory with a grant row\'s context menu', async function () {
    if (!process.env.ECR_GUARD_SCREENSHOT_DIR) this.skip();
    await vendorGrant();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Room for the inventory: the Outline and Timeline views are hidden for the picture, and shown again after
    // (the folder view cannot be hidden).
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
      // After earlier suites the view holds more grantees than its share of the sidebar shows: the folder
      // view's section is collapsed to give it the room, and the inventory's rows are collapsed but the vendor's
      // grant (its grantee row, then its file's, selected and opened with the right arrow key).
      await vscode.commands.executeCommand('workbench.actions.treeView.ecrGuard.inventory.collapseAll');
      const row = '.monaco-list-row:has-text("InventoryVendorPush")';
      const expand = (text, until) => ({ selector: `.monaco-list-row:has-text("${text}"):visible`, press: 'ArrowRight', until: `.monaco-list-row:has-text("${until}")` });
      const click = ['.pane-header[aria-label*="examples" i]', expand(VENDOR, 'vendor-push.json'), expand('vendor-push.json', 'InventoryVendorPush')];
      const file = await screenshot('inventory-context-menu.png', { click, rightClick: row, waitForSelector: '.context-view .monaco-menu .action-label:has-text("Apply Preferred Fix")' });
      assert.ok(file && fs.statSync(file).size > 10000, `screenshot written (${file})`);
    } finally {
      for (const view of hidden) await vscode.commands.executeCommand(`${view}.toggleVisibility`).then(undefined, () => undefined);
      await vscode.commands.executeCommand('workbench.explorer.fileView.focus');   // opening a view expands its section again
    }
  });

  test('exports to the target given, without a dialog, naming files and the trust list relative to the workspace', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-guard-inventory-export-'));
    try {
      const target = vscode.Uri.file(path.join(folder, 'grants.md'));
      assert.strictEqual((await vscode.commands.executeCommand('ecrGuard.inventory.exportMarkdown', target)).toString(), target.toString());
      const text = fs.readFileSync(target.fsPath, 'utf8');
      assert.ok(text.includes('Trust list: `.ecr-trust.json`.'), text);
      assert.ok(text.includes('`inventory-fixture/vendor-push.json`'), text);
      assert.ok(!text.includes(workspaceUri().fsPath), 'no absolute path');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
