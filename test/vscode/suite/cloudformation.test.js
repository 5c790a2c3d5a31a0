// CloudFormation: examples/cloudformation/repositories.yaml (language ID `yaml`) gets its four cases on the
// exact template text; the partner account's finding points back at the parameter's Default; the preferred
// quick fix of the public statement edits the YAML through VS Code and keeps its comments; a Kubernetes
// manifest gets nothing; the workspace scan reports the template while it is not open. Every wait is on a
// real event (diagnostics, command round trips). The suite works on a copy of the example, removed with its
// findings at the end, so the screenshots' Problems panel shows none of them.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { ERROR, WARNING, fileUri, openDocument, showDocument, ours, expectFindings, waitForDiagnostics, restoreDocument, rangeOfText, hoverText, serverCaughtUp,
  copyWorkspaceFile, removeWorkspaceCopy } = require('./helpers');

const FOLDER = 'cloudformation-suite';
const TEMPLATE = `${FOLDER}/repositories.yaml`;
const MANIFEST = 'kubernetes/deployment.yaml';
const ORG = 'o-a1b2c3d4e5';
const PUBLIC = ['wildcard-principal', ERROR, "'*'", /^Public: anyone may pull \(Principal "\*"; no binding condition\)$/];
const OTHERS = [
  ['external-write', ERROR, 'ecr:*', /^Account 222233334444 \(staging, trusted for pull only\): may push/],
  ['untrusted-account', WARNING, '!Ref PartnerAccount', /^Account 444455556666 \(untrusted\): not on \.ecr-trust\.json$/],
  ['untrusted-account', WARNING, 'arn:aws:iam::777788889999:root', /^Account 777788889999 \(untrusted\): not on \.ecr-trust\.json$/],
  ['external-write', ERROR, 'ecr:ReplicateImage', /^Account 777788889999 \(untrusted\): may replicate \(ecr:ReplicateImage\)$/],
  ['external-write', ERROR, 'ecr:CreateRepository', /^Account 777788889999 \(untrusted\): may create repositories \(ecr:CreateRepository\)$/],
];
const ALL = [PUBLIC, ...OTHERS];

function code(diagnostic) {
  return typeof diagnostic.code === 'object' && diagnostic.code ? diagnostic.code.value : diagnostic.code;
}

suite('CloudFormation', () => {
  suiteSetup(() => copyWorkspaceFile('cloudformation/repositories.yaml', TEMPLATE));
  suiteTeardown(() => removeWorkspaceCopy(TEMPLATE, FOLDER));

  test('the workspace scan reports the template before it is opened', async () => {
    const uri = fileUri(TEMPLATE);
    assert.ok(!vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString()), 'the template is not open');
    assert.deepStrictEqual(ours(uri), [], 'nothing before the scan');
    try {
      const summary = await vscode.commands.executeCommand('ecrGuard.scanWorkspace');
      assert.ok(summary && summary.cancelled === false, `the scan ran: ${JSON.stringify(summary)}`);
      const scanned = await waitForDiagnostics(uri, (diagnostics) => diagnostics.length === ALL.length, 15000, { what: 'the template\'s findings from the scan' });
      assert.deepStrictEqual(scanned.map(code).sort(), ALL.map(([rule]) => rule).sort());
      assert.deepStrictEqual(ours(fileUri(MANIFEST)), [], 'the scan reports nothing in a Kubernetes manifest');
    } finally {
      await vscode.commands.executeCommand('ecrGuard.clearScanResults');
    }
    await waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 0, 10000, { what: 'the scan\'s findings cleared' });
  });

  test('repositories.yaml: the four cases on the exact scalars, the partner linked to its parameter Default', async () => {
    const document = await showDocument(TEMPLATE);
    assert.strictEqual(document.languageId, 'yaml');
    const diagnostics = await expectFindings(document, ALL);
    const partner = diagnostics.find((d) => code(d) === 'untrusted-account' && d.message.includes('444455556666'));
    const related = (partner.relatedInformation || []).map((info) => ({ uri: info.location.uri.toString(), start: info.location.range.start }));
    const defaultValue = rangeOfText(document, "'444455556666'");
    assert.ok(related.some((info) => info.uri === document.uri.toString() && info.start.line === defaultValue.start.line),
      `related information points at the Default (line ${defaultValue.start.line}): ${JSON.stringify(related)}`);
    assert.match(await hoverText(document.uri, rangeOfText(document, 'arn:aws:iam::222233334444:root').start.translate(0, 16)), /222233334444/);
  });

  test('the preferred quick fix binds the public statement to the organisation; the squiggle goes, comments stay', async () => {
    const document = await showDocument(TEMPLATE);
    const original = document.getText();
    try {
      const diagnostics = await expectFindings(document, ALL);
      const wildcard = diagnostics.find((d) => code(d) === 'wildcard-principal');
      const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, wildcard.range, vscode.CodeActionKind.QuickFix.value);
      const preferred = (actions || []).filter((action) => action.isPreferred);
      assert.deepStrictEqual(preferred.map((action) => action.title), [`Add an aws:PrincipalOrgID condition (${ORG})`]);
      assert.ok(preferred[0].edit, 'the fix is an edit');
      assert.ok(await vscode.workspace.applyEdit(preferred[0].edit), 'the fix was applied');
      await expectFindings(document, OTHERS);
      const text = document.getText();
      assert.match(text, new RegExp(`aws:PrincipalOrgID: '?${ORG}'?`), text);
      for (const line of original.split('\n').filter((l) => l.trim().startsWith('#'))) assert.ok(text.includes(`${line}\n`), `comment kept: ${line}`);
      // Only the public statement changed: the text after it is as it was.
      const rest = original.slice(original.indexOf('  # Staging is trusted'));
      assert.ok(text.endsWith(rest), text);
    } finally {
      await restoreDocument(document, original);
    }
    await expectFindings(document, ALL);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('a Kubernetes manifest (YAML, not a template) gets no diagnostics', async () => {
    const document = await openDocument(MANIFEST);
    assert.strictEqual(document.languageId, 'yaml');
    await serverCaughtUp();   // the server has had the manifest, and published nothing for it
    assert.deepStrictEqual(ours(document.uri), []);
  });
});
