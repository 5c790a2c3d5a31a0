import * as assert from 'assert';
import * as fs from 'fs';
import { ShowDocumentParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { LspClient, makeWorkspace, realisticCapabilities, removeFolder, rulePageUri } from './lspClient';
import { json, ORG_ID, OWN_ACCOUNT, STAGING_ACCOUNT, trustList } from './policies';
import { applyAction, asActions, codeActions, codes, EditApplier, executeCommand, wholeDocument } from './codeActionHelpers';

/**
 * The last entries of every ECR Guard quick-fix menu: "Fix all ECR Guard problems in this file" (a server
 * command applying source.fixAll.ecrGuard's edit) and "Show documentation for RULE" (a server command asking
 * the client to show the rule's page with window/showDocument).
 */

const FIX_ALL_IN_FILE = 'ecrGuard.server.fixAllInFile';
const SHOW_DOCUMENTATION = 'ecrGuard.server.showRuleDocumentation';

/** Public pull (fixable: bind to the organisation) and a push by the staging account (fixable: restrict to pull). */
const POLICY = json({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Public', Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] },
    { Sid: 'StagingPush', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${STAGING_ACCOUNT}:root` }, Action: ['ecr:BatchGetImage', 'ecr:PutImage'] },
  ],
});

describe('protocol: the quick-fix menu\'s "Fix all in this file" and "Show documentation"', () => {
  let workspace: string;
  let client: LspClient;
  let applier: EditApplier;
  let shown: ShowDocumentParams[];

  beforeEach(async () => {
    workspace = makeWorkspace({ '.ecr-trust.json': trustList() });
    client = await LspClient.start({ workspace });
    applier = new EditApplier(client);
    shown = [];
    client.connection.onRequest('window/showDocument', (params: ShowDocumentParams) => {
      shown.push(params);
      return { success: true };
    });
  });

  afterEach(async () => {
    await client?.dispose();
    removeFolder(workspace);
  });

  it('ends each diagnostic\'s menu with fix all in file, then its rule\'s documentation: never preferred, for no one diagnostic', async () => {
    const uri = client.uri('menu.json');
    const { diagnostics } = await client.open(uri, POLICY);
    assert.deepStrictEqual(codes(diagnostics), ['external-write', 'wildcard-principal']);
    for (const diagnostic of diagnostics) {
      const actions = asActions(await codeActions(client, uri, diagnostic.range, [diagnostic], ['quickfix']));
      const [fixAll, documentation] = actions.slice(-2);
      assert.deepStrictEqual(fixAll, { title: 'Fix all ECR Guard problems in this file', kind: 'quickfix', isPreferred: false, command: { title: 'Fix all ECR Guard problems in this file', command: FIX_ALL_IN_FILE, arguments: [{ uri }] } });
      const title = `Show documentation for ${String(diagnostic.code)}`;
      assert.deepStrictEqual(documentation, { title, kind: 'quickfix', isPreferred: false, command: { title, command: SHOW_DOCUMENTATION, arguments: [{ rule: diagnostic.code }] } });
      assert.ok(actions.slice(0, -2).every((action) => action.diagnostics !== undefined), 'every fix and suppression comes first');
    }
    // Both diagnostics in one request (the cursor on a line with two squiggles): one documentation entry per rule, one fix all.
    const both = asActions(await codeActions(client, uri, wholeDocument(POLICY), diagnostics, ['quickfix']));
    assert.deepStrictEqual(both.filter((action) => action.diagnostics === undefined).map((action) => action.title), [
      'Fix all ECR Guard problems in this file', ...diagnostics.map((diagnostic) => `Show documentation for ${String(diagnostic.code)}`),
    ]);
  });

  it('fix all in file applies exactly what source.fixAll.ecrGuard does, in one workspace edit', async () => {
    const uri = client.uri('fix-all.json');
    const { diagnostics } = await client.open(uri, POLICY);
    const [sourceFixAll] = asActions(await codeActions(client, uri, wholeDocument(POLICY), [], ['source.fixAll.ecrGuard']));
    await applyAction(client, uri, sourceFixAll);
    const expected = client.text(uri);
    await client.change(uri, [{ range: wholeDocument(expected), text: POLICY }]);

    const command = asActions(await codeActions(client, uri, diagnostics[0].range, [diagnostics[0]], ['quickfix'])).find((action) => action.command?.command === FIX_ALL_IN_FILE)?.command;
    assert.ok(command);
    const cleared = client.nextDiagnosticsWhere(uri, (found) => found.length === 0, 'every finding fixed');
    const result = await executeCommand<{ applied: boolean }>(client, FIX_ALL_IN_FILE, command.arguments![0]);
    assert.deepStrictEqual(result, { applied: true });
    await cleared;
    assert.strictEqual(client.text(uri), expected);
    assert.strictEqual(applier.requests.length, 1);
    assert.strictEqual(applier.requests[0].label, 'Fix all ECR Guard problems in this file');
    const fixed = JSON.parse(client.text(uri));
    assert.deepStrictEqual(fixed.Statement[0].Condition, { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } });
    assert.deepStrictEqual(fixed.Statement[1].Action, ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'], 'restricted to pull');
  });

  it('is not offered when nothing in the file has a fix that needs no answer', async () => {
    const uri = client.uri('typo.json');
    const text = json({ Version: '2012-10-17', Statement: [{ Sid: 'OwnPull', Effect: 'Allow', Principal: { AWS: OWN_ACCOUNT }, Action: ['ecr:BatchGetImages'] }] });
    const { diagnostics } = await client.open(uri, text);
    const titles = asActions(await codeActions(client, uri, diagnostics[0].range, diagnostics, ['quickfix'])).map((action) => action.title);
    assert.ok(!titles.includes('Fix all ECR Guard problems in this file'), JSON.stringify(titles));
    assert.strictEqual(titles.at(-1), 'Show documentation for invalid-policy');
  });

  it('show documentation asks the client to show the rule\'s page, the build\'s copy of its README section', async () => {
    const result = await executeCommand<{ shown: boolean; uri?: string }>(client, SHOW_DOCUMENTATION, { rule: 'wildcard-principal' });
    assert.deepStrictEqual(result, { shown: true, uri: rulePageUri('wildcard-principal') });
    assert.deepStrictEqual(shown, [{ uri: rulePageUri('wildcard-principal'), takeFocus: true }]);
    const page = fs.readFileSync(URI.parse(shown[0].uri).fsPath, 'utf8');
    assert.match(page, /^# wildcard-principal$/m);
    assert.match(page, /An `Allow` statement whose principal is anyone/);

    assert.deepStrictEqual(await executeCommand(client, SHOW_DOCUMENTATION, { rule: '../../package' }), { shown: false }, 'only a rule\'s page');
    assert.strictEqual(shown.length, 1);
  });
});

describe('protocol: a client that cannot show documents', () => {
  it('gets no "Show documentation" entries, and still the rule link on each diagnostic', async () => {
    const workspace = makeWorkspace({ '.ecr-trust.json': trustList() });
    const capabilities = realisticCapabilities();
    delete capabilities.window?.showDocument;
    const client = await LspClient.start({ workspace, capabilities });
    try {
      const uri = client.uri('menu.json');
      const { diagnostics } = await client.open(uri, POLICY);
      for (const diagnostic of diagnostics) {
        const titles = asActions(await codeActions(client, uri, diagnostic.range, [diagnostic], ['quickfix'])).map((action) => action.title);
        assert.ok(!titles.some((title) => title.startsWith('Show documentation')), JSON.stringify(titles));
        assert.strictEqual(titles.at(-1), 'Fix all ECR Guard problems in this file');
        assert.strictEqual(diagnostic.codeDescription?.href, rulePageUri(String(diagnostic.code)));
      }
    } finally {
      await client.dispose();
      removeFolder(workspace);
    }
  });
});
