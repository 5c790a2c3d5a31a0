// Quick fixes in the editor: the quick-fix menu (vscode.executeCodeActionProvider) offers ECR Guard's fixes
// on every diagnostic of the examples; applying them (the action's WorkspaceEdit, or its command) clears the
// diagnostics; the organisation fix asks for the ID when the trust list names none, and its command takes
// the ID as an argument, as the user would type it into the input box; source.fixAll.ecrGuard fixes a file
// at once, also on save (editor.codeActionsOnSave). Every file is put back as it was (buffer and disk).
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { ERROR, WARNING, openDocument, showDocument, ours, expectFindings, waitForDiagnostics, restoreDocument, replaceText, rangeOfText } = require('./helpers');

const ORG = 'o-a1b2c3d4e5';
const FIX_ALL = 'source.fixAll.ecrGuard';
const SUPPRESS = 'ecrGuard.suppressFinding';

/** The menu's entries about the file and the rule, last on every diagnostic: docs-menu.test.js tests them. */
const MENU_ENTRIES = new Set(['ecrGuard.server.fixAllInFile', 'ecrGuard.server.showRuleDocumentation']);

/** ECR Guard's fixes at a diagnostic, as the quick-fix menu (lightbulb) lists them, without the menu entries. */
async function quickFixes(document, diagnostic) {
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  // (the command API does not hand back each action's diagnostics: the kind and the titles say whose they are)
  return (actions || []).filter((action) => action.kind && action.kind.value === vscode.CodeActionKind.QuickFix.value && !(action.command && MENU_ENTRIES.has(action.command.command)));
}

function code(diagnostic) {
  return typeof diagnostic.code === 'object' && diagnostic.code ? diagnostic.code.value : diagnostic.code;
}

/** What the menu shows for a diagnostic: title, preferred, and whether it is an edit or a command. */
function menu(actions) {
  return actions.map((action) => `${action.isPreferred ? '* ' : ''}${action.title}${action.edit ? '' : ` -> ${action.command && action.command.command}`}`);
}

function wholeDocument(document) {
  return new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
}

/** Applies the preferred fix of the first diagnostic with `rule` and waits until the diagnostics count drops. */
async function applyPreferred(document, rule) {
  const before = ours(document.uri);
  const diagnostic = before.find((d) => code(d) === rule);
  assert.ok(diagnostic, `no ${rule} diagnostic in ${vscode.workspace.asRelativePath(document.uri)}`);
  const preferred = (await quickFixes(document, diagnostic)).filter((action) => action.isPreferred);
  assert.strictEqual(preferred.length, 1, `one preferred fix for ${rule}`);
  assert.ok(preferred[0].edit, `${preferred[0].title} is an edit`);
  assert.ok(await vscode.workspace.applyEdit(preferred[0].edit), `${preferred[0].title} was applied`);
  await waitForDiagnostics(document.uri, (diagnostics) => diagnostics.length === before.length - 1, 15000,
    { what: `one diagnostic fewer after "${preferred[0].title}"` });
  return preferred[0];
}

/** Closes the editor tabs of a document (a fix command shows the trust list it edited). */
async function closeTabs(uri) {
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input && tab.input.uri && tab.input.uri.toString() === uri.toString());
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}

suite('quick fixes', () => {
  test('public-repository.json: the menu offers the fixes on each diagnostic; the preferred ones clear them', async () => {
    const document = await showDocument('public-repository.json');
    const original = document.getText();
    try {
      const diagnostics = await expectFindings(document, [['wildcard-principal', ERROR, '"*"'], ['wildcard-principal', ERROR, '"arn:aws:iam::*:root"']]);
      const offered = [];
      for (const diagnostic of diagnostics) offered.push(menu(await quickFixes(document, diagnostic)));
      assert.deepStrictEqual(offered.sort(), [
        [`* Add an aws:PrincipalOrgID condition (${ORG})`, 'Remove statement OrgPullLooksSafeButIsNot', `Suppress wildcard-principal for statement OrgPullLooksSafeButIsNot (trust list)... -> ${SUPPRESS}`],
        [`* Add an aws:PrincipalOrgID condition (${ORG})`, 'Remove statement PullForEveryone', `Suppress wildcard-principal for statement PullForEveryone (trust list)... -> ${SUPPRESS}`],
      ]);
      for (const action of await quickFixes(document, diagnostics[0])) assert.strictEqual(action.kind.value, 'quickfix');

      await applyPreferred(document, 'wildcard-principal');
      await applyPreferred(document, 'wildcard-principal');
      await expectFindings(document, []);
      const policy = JSON.parse(document.getText());
      for (const statement of policy.Statement) assert.deepStrictEqual(statement.Condition, { StringEquals: { 'aws:PrincipalOrgID': ORG } });
      // The weak StringEqualsIfExists was replaced, not joined; the lines around the statements are kept.
      assert.ok(document.getText().startsWith('{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Sid": "PullForEveryone",'), document.getText());
    } finally {
      await restoreDocument(document, original);
    }
    await expectFindings(document, [['wildcard-principal', ERROR, '"*"'], ['wildcard-principal', ERROR, '"arn:aws:iam::*:root"']]);
  });

  test('external-push.json and untrusted-account.json: restrict to pull, remove a principal, trust an account (name passed as typed)', async () => {
    const push = await showDocument('external-push.json');
    const pushText = push.getText();
    try {
      const diagnostics = await expectFindings(push, [['external-write', ERROR, '"ecr:Put*"'], ['external-write', ERROR, '"ecr:*"']]);
      assert.deepStrictEqual(menu(await quickFixes(push, diagnostics.find((d) => push.getText(d.range) === '"ecr:Put*"'))), ['* Restrict to pull-only', 'Remove statement StagingPulls', `Suppress external-write for statement StagingPulls (trust list)... -> ${SUPPRESS}`]);
      assert.deepStrictEqual(menu(await quickFixes(push, diagnostics.find((d) => push.getText(d.range) === '"ecr:*"'))), ['* Restrict to pull-only', 'Remove statement OrgWideEverything', `Suppress external-write for statement OrgWideEverything (trust list)... -> ${SUPPRESS}`]);
      await applyPreferred(push, 'external-write');
      await applyPreferred(push, 'external-write');
      await expectFindings(push, []);
      const pulls = '"Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]\n    },\n    {\n      "Sid": "CiBuilderPushes"';
      assert.ok(push.getText().includes(pulls), push.getText());
    } finally {
      await restoreDocument(push, pushText);
    }

    const untrusted = await showDocument('untrusted-account.json');
    const untrustedText = untrusted.getText();
    const trust = await openDocument('.ecr-trust.json');
    const trustText = trust.getText();
    const rows = [['untrusted-account', WARNING, '"arn:aws:iam::444455556666:role/scanner"']];
    try {
      const [diagnostic] = await expectFindings(untrusted, rows);
      const actions = await quickFixes(untrusted, diagnostic);
      // One statement, written as an object: it cannot be removed; the vendor principal can.
      assert.deepStrictEqual(menu(actions), ['Trust account 444455556666 for pull -> ecrGuard.trustAccount', 'Mark 444455556666 as one of my own accounts -> ecrGuard.markOwnAccount',
        'Remove principal arn:aws:iam::444455556666:role/scanner', `Suppress untrusted-account for statement VendorScanner (trust list)... -> ${SUPPRESS}`]);

      assert.ok(await vscode.workspace.applyEdit(actions[2].edit));
      await expectFindings(untrusted, []);
      assert.deepStrictEqual(JSON.parse(untrusted.getText()).Statement.Principal, { AWS: ['arn:aws:iam::111122223333:root'] });
      await restoreDocument(untrusted, untrustedText);
      await expectFindings(untrusted, rows);

      // The command behind "Trust account": the name the user would type, passed as an argument.
      const command = actions[0].command;
      assert.deepStrictEqual(command.arguments, [{ uri: untrusted.uri.toString(), account: '444455556666' }]);
      assert.strictEqual(await vscode.commands.executeCommand(command.command, { ...command.arguments[0], name: 'vendor scanner' }), true);
      await expectFindings(untrusted, []);
      assert.strictEqual(untrusted.getText(), untrustedText, 'the policy is not edited');
      assert.strictEqual(trust.isDirty, true, 'the trust list is edited, unsaved, for review');
      assert.deepStrictEqual(JSON.parse(trust.getText()).trustedAccounts['444455556666'], { name: 'vendor scanner', access: 'pull' });
      assert.ok(trust.getText().includes('    "333344445555": { "name": "ci-builder", "access": "push", "expires": "2027-03-31" },\n    "444455556666": { "name": "vendor scanner", "access": "pull" }\n'),
        `the new entry is written like the others:\n${trust.getText()}`);
    } finally {
      await restoreDocument(untrusted, untrustedText);
      await restoreDocument(trust, trustText);
      await closeTabs(trust.uri);
    }
    await expectFindings(untrusted, rows);
  });

  test('terraform/ecr.tf: jsonencode and heredoc fixes in HCL and JSON, each clearing its diagnostic', async () => {
    const document = await showDocument('terraform/ecr.tf');
    const original = document.getText();
    const rows = [['wildcard-principal', ERROR, ['"*"', 0]], ['external-write', ERROR, '"ecr:Put*"'], ['wildcard-principal', ERROR, ['"*"', 1]]];
    try {
      const diagnostics = await expectFindings(document, rows);
      for (const diagnostic of diagnostics) {
        const actions = await quickFixes(document, diagnostic);
        assert.strictEqual(actions.filter((action) => action.isPreferred).length, 1, `${code(diagnostic)}: ${JSON.stringify(menu(actions))}`);
      }
      await applyPreferred(document, 'external-write');
      await applyPreferred(document, 'wildcard-principal');
      await applyPreferred(document, 'wildcard-principal');
      await expectFindings(document, []);
      const text = document.getText();
      assert.ok(text.includes(`      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]\n      Condition = { StringEquals = { "aws:PrincipalOrgID" = "${ORG}" } }\n    }]`), text);
      assert.ok(text.includes(`        "Condition": { "StringEquals": { "aws:PrincipalOrgID": "${ORG}" } }\n      }]\n    }\n  EOF`), text);
    } finally {
      await restoreDocument(document, original);
    }
    await expectFindings(document, rows);
  });

  test('terraform/ecr.tf: "Suppress wildcard-principal for this statement..." writes the comment (reason passed as typed) and the squiggle goes', async () => {
    const document = await showDocument('terraform/ecr.tf');
    const original = document.getText();
    const rows = [['wildcard-principal', ERROR, ['"*"', 0]], ['external-write', ERROR, '"ecr:Put*"'], ['wildcard-principal', ERROR, ['"*"', 1]]];
    try {
      const jsonencode = rangeOfText(document, '"*"', 0);
      const diagnostic = (await expectFindings(document, rows)).find((d) => d.range.isEqual(jsonencode));
      const actions = await quickFixes(document, diagnostic);
      const suppress = actions[actions.length - 1];
      assert.strictEqual(suppress.title, 'Suppress wildcard-principal for this statement...', JSON.stringify(menu(actions)));
      assert.strictEqual(suppress.isPreferred, false);
      assert.strictEqual(suppress.command.command, SUPPRESS);
      // What the user types into the two input boxes, passed as arguments (trimmed like the input).
      assert.strictEqual(await vscode.commands.executeCommand(SUPPRESS, { ...suppress.command.arguments[0], reason: ' mirror of public images ', until: '' }), true);
      await expectFindings(document, rows.slice(1));
      assert.ok(document.getText().includes('    # ecr-guard-ignore wildcard-principal -- mirror of public images\n    Statement = [{\n'), document.getText());
    } finally {
      await restoreDocument(document, original);
    }
    await expectFindings(document, rows);
  });

  test('source.fixAll.ecrGuard through the kind filter fixes every finding that needs no input', async () => {
    for (const [file, count] of [['public-repository.json', 2], ['terraform/ecr.tf', 3], ['untrusted-account.json', 1]]) {
      const document = await showDocument(file);
      const original = document.getText();
      try {
        await waitForDiagnostics(document.uri, (d) => d.length === count, 15000, { what: `${count} findings` });
        const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, wholeDocument(document), FIX_ALL);
        const ecrGuard = (actions || []).filter((action) => action.kind && action.kind.value === FIX_ALL);
        if (file === 'untrusted-account.json') {
          assert.deepStrictEqual(ecrGuard, [], 'trusting an account needs a name: nothing to fix without input');
          continue;
        }
        assert.deepStrictEqual(ecrGuard.map((action) => action.title), ['Fix all ECR Guard problems that need no input']);
        const quick = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, wholeDocument(document), vscode.CodeActionKind.QuickFix.value);
        assert.ok(!(quick || []).some((action) => action.kind && action.kind.value === FIX_ALL), 'the quickfix filter leaves fix-all out');
        assert.ok(await vscode.workspace.applyEdit(ecrGuard[0].edit));
        await expectFindings(document, []);
      } finally {
        await restoreDocument(document, original);
      }
    }
  });

  test('editor.codeActionsOnSave with source.fixAll.ecrGuard fixes the file when it is saved', async () => {
    const editor = vscode.workspace.getConfiguration('editor', { languageId: 'json' });
    const saved = editor.inspect('codeActionsOnSave').globalLanguageValue;
    const document = await showDocument('external-push.json');
    const original = document.getText();
    try {
      await editor.update('codeActionsOnSave', { [FIX_ALL]: 'explicit' }, vscode.ConfigurationTarget.Global, true);
      await expectFindings(document, [['external-write', ERROR, '"ecr:Put*"'], ['external-write', ERROR, '"ecr:*"']]);
      // An edit elsewhere, then an explicit save (File > Save) of the active editor.
      await replaceText(document, '"Sid": "StagingPulls"', '"Sid": "StagingPullsOnly"');
      await vscode.commands.executeCommand('workbench.action.files.save');
      await expectFindings(document, []);
      assert.strictEqual(document.isDirty, false, 'the fixes went into the saved file');
      assert.ok(document.getText().includes('"Sid": "StagingPullsOnly"'));
    } finally {
      await editor.update('codeActionsOnSave', saved, vscode.ConfigurationTarget.Global, true);
      await restoreDocument(document, original);
    }
    await expectFindings(document, [['external-write', ERROR, '"ecr:Put*"'], ['external-write', ERROR, '"ecr:*"']]);
  });

  test('organisation ID: without one in the trust list the fix asks; the command takes the ID as typed and saves it', async () => {
    const trust = await openDocument('.ecr-trust.json');
    const trustText = trust.getText();
    const policy = await showDocument('public-repository.json');
    const policyText = policy.getText();
    const rows = [['wildcard-principal', ERROR, '"*"'], ['wildcard-principal', ERROR, '"arn:aws:iam::*:root"']];
    try {
      // The trust list as a team has it before it knows its organisation ID (edited in the editor, unsaved).
      await replaceText(trust, `"organizationIds": ["${ORG}"]`, '"organizationIds": []');
      let diagnostics = await waitForDiagnostics(policy.uri, (d) => d.length === 2, 15000, { what: 'the two wildcards' });
      for (const diagnostic of diagnostics) {
        const actions = await quickFixes(policy, diagnostic);
        const [preferred] = actions.filter((action) => action.isPreferred);
        assert.ok(preferred, JSON.stringify(menu(actions)));
        assert.strictEqual(preferred.title, 'Add an aws:PrincipalOrgID condition');
        assert.strictEqual(preferred.edit, undefined, 'nothing to edit before the user names the organisation');
        assert.strictEqual(preferred.command.command, 'ecrGuard.addOrganizationCondition');
      }
      // fix-all leaves them alone: they need input
      const fixAll = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', policy.uri, wholeDocument(policy), FIX_ALL);
      assert.deepStrictEqual((fixAll || []).filter((action) => action.kind && action.kind.value === FIX_ALL), []);

      const diagnostic = diagnostics.find((d) => policy.getText(d.range) === '"*"');
      const [action] = (await quickFixes(policy, diagnostic)).filter((a) => a.isPreferred);
      assert.deepStrictEqual(action.command.arguments, [{ uri: policy.uri.toString(), position: { line: diagnostic.range.start.line, character: diagnostic.range.start.character } }]);
      // What the user types into the input box, passed as the argument (trimmed like the input).
      assert.strictEqual(await vscode.commands.executeCommand(action.command.command, { ...action.command.arguments[0], organizationId: ` ${ORG} ` }), true);
      diagnostics = await waitForDiagnostics(policy.uri, (d) => d.length === 1, 15000, { what: 'the first wildcard bound to the organisation' });
      assert.strictEqual(policy.getText(diagnostics[0].range), '"arn:aws:iam::*:root"');
      assert.deepStrictEqual(JSON.parse(policy.getText()).Statement[0].Condition, { StringEquals: { 'aws:PrincipalOrgID': ORG } });
      assert.deepStrictEqual(JSON.parse(trust.getText()).organizationIds, [ORG], 'the ID is saved into the trust list');
      assert.strictEqual(trust.getText(), trustText, 'and the trust list is as it was before the test emptied it');

      // Now the trust list names it: the second wildcard's fix needs no input.
      const [second] = (await quickFixes(policy, diagnostics[0])).filter((a) => a.isPreferred);
      assert.strictEqual(second.title, `Add an aws:PrincipalOrgID condition (${ORG})`);
      assert.ok(await vscode.workspace.applyEdit(second.edit));
      await expectFindings(policy, []);

      // A mistyped ID is refused by the server and changes nothing.
      await restoreDocument(policy, policyText);
      await replaceText(trust, `"organizationIds": ["${ORG}"]`, '"organizationIds": []');
      diagnostics = await waitForDiagnostics(policy.uri, (d) => d.length === 2, 15000, { what: 'both wildcards again' });
      const [again] = (await quickFixes(policy, diagnostics.find((d) => policy.getText(d.range) === '"*"'))).filter((a) => a.isPreferred);
      assert.strictEqual(await vscode.commands.executeCommand(again.command.command, { ...again.command.arguments[0], organizationId: 'o-Typo' }), false);
      assert.strictEqual(policy.getText(), policyText);
      assert.deepStrictEqual(JSON.parse(trust.getText()).organizationIds, []);
    } finally {
      await restoreDocument(policy, policyText);
      await restoreDocument(trust, trustText);
      await closeTabs(trust.uri);
    }
    await expectFindings(policy, rows);
  });
});
