import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TrustEditResult, TrustListCandidates, TrustListCandidatesRequest } from '../../server/src/protocol';
import { asActions, codeActions, EditApplier, executeCommand } from './codeActionHelpers';
import { fileUri, LspClient, makeWorkspace, PlainDiagnostic, removeFolder } from './lspClient';
import { json, ORG_ID, OWN_ACCOUNT, STAGING_ACCOUNT, trustList, VENDOR_ACCOUNT } from './policies';

/**
 * First use: a workspace with no trust list. The quick fixes that save into the trust list hand a new list
 * back whole (the client creates the file with its content; LSP could only create it empty), "Mark ACCOUNT
 * as one of my own accounts" fills ownAccounts, and ecrGuard/trustListCandidates tells "Create Trust List"
 * which accounts and organisations the policies grant access to.
 */

/** The own account and a vendor pull; the staging account pushes; callers of the organisation pull. */
const POLICY = json({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Pull', Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${OWN_ACCOUNT}:root`, `arn:aws:iam::${VENDOR_ACCOUNT}:role/scanner`] }, Action: 'ecr:BatchGetImage' },
    { Sid: 'Push', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${STAGING_ACCOUNT}:root` }, Action: ['ecr:BatchGetImage', 'ecr:PutImage'] },
    { Sid: 'Org', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } } },
  ],
});

describe('protocol: first use without a trust list', () => {
  let workspace: string;
  let client: LspClient;
  let applier: EditApplier;
  const trustFile = (): string => path.join(workspace, '.ecr-trust.json');

  async function start(files: Record<string, string>, initializationOptions?: unknown): Promise<void> {
    workspace = makeWorkspace(files);
    client = await LspClient.start({ workspace, initializationOptions });
    applier = new EditApplier(client);
  }

  afterEach(async () => {
    await client?.dispose();
    removeFolder(workspace);
  });

  async function accountCommand(uri: string, diagnostics: PlainDiagnostic[], account: string, command: string): Promise<{ uri: string; account: string }> {
    const diagnostic = diagnostics.find((candidate) => candidate.code === 'untrusted-account' && candidate.message.includes(account));
    assert.ok(diagnostic, JSON.stringify(diagnostics));
    const action = asActions(await codeActions(client, uri, diagnostic.range, [diagnostic], ['quickfix'])).find((candidate) => candidate.command?.command === command);
    assert.ok(action, `no ${command} for ${account}`);
    return action.command!.arguments![0] as { uri: string; account: string };
  }

  it('"Mark ACCOUNT as one of my own accounts" is offered beside "Trust account" and hands back a complete new trust list', async () => {
    await start({});
    const uri = client.uri('policy.json');
    const { diagnostics } = await client.open(uri, POLICY);
    const own = diagnostics.find((diagnostic) => diagnostic.message.includes(OWN_ACCOUNT))!;
    assert.ok((own.relatedInformation ?? []).some((related) => /Create Trust List/.test(related.message)), 'the empty-state detail points at the command');
    const diagnostic = diagnostics.find((candidate) => candidate.code === 'untrusted-account' && candidate.message.includes(OWN_ACCOUNT))!;
    const titles = asActions(await codeActions(client, uri, diagnostic.range, [diagnostic], ['quickfix'])).map((action) => action.title);
    assert.deepStrictEqual(titles.slice(0, 2), [`Trust account ${OWN_ACCOUNT} for pull`, `Mark ${OWN_ACCOUNT} as one of my own accounts`]);

    const args = await accountCommand(uri, diagnostics, OWN_ACCOUNT, 'ecrGuard.markOwnAccount');
    assert.deepStrictEqual(args, { uri, account: OWN_ACCOUNT });
    const result = await executeCommand<TrustEditResult>(client, 'ecrGuard.server.markOwnAccount', args);
    assert.strictEqual(result.applied, false);
    assert.deepStrictEqual(applier.requests, [], 'no LSP edit: it would create the file empty');
    assert.ok(!fs.existsSync(trustFile()));
    assert.deepStrictEqual(result.newTrustList, { uri: fileUri(trustFile()), text: `{\n  "ownAccounts": ["${OWN_ACCOUNT}"],\n  "organizationIds": [],\n  "trustedAccounts": {}\n}\n` });

    const gone = client.nextDiagnosticsWhere(uri, (found) => !found.some((candidate) => candidate.message.includes(OWN_ACCOUNT)), 'the own account is no longer a finding');
    assert.deepStrictEqual(applier.createTrustList(result.newTrustList!), { applied: true });
    const after = await gone;
    assert.ok(after.diagnostics.some((candidate) => candidate.message.includes(VENDOR_ACCOUNT) && /\(untrusted\)/.test(candidate.message)), 'the vendor is now checked against the list');
  });

  it('"Mark as own" with a trust list: adds the account to ownAccounts, keeping the rest as written', async () => {
    await start({ '.ecr-trust.json': trustList() });
    const uri = client.uri('policy.json');
    const { diagnostics } = await client.open(uri, POLICY);
    const args = await accountCommand(uri, diagnostics, VENDOR_ACCOUNT, 'ecrGuard.markOwnAccount');
    const gone = client.nextDiagnosticsWhere(uri, (found) => !found.some((candidate) => candidate.message.includes(VENDOR_ACCOUNT)), 'the vendor warning is gone');
    assert.deepStrictEqual(await executeCommand(client, 'ecrGuard.server.markOwnAccount', args), { applied: true, trustUri: fileUri(trustFile()) });
    await gone;
    assert.strictEqual(applier.requests.length, 1);
    assert.strictEqual(fs.readFileSync(trustFile(), 'utf8'), trustList().replace(`"${OWN_ACCOUNT}"`, `"${OWN_ACCOUNT}",\n    "${VENDOR_ACCOUNT}"`));
    assert.deepStrictEqual(await executeCommand(client, 'ecrGuard.server.markOwnAccount', { uri, account: '12345' }), { applied: false }, 'not an account ID');
  });

  it('Create Trust List where a list exists: the answers are added to it in one edit; skipped ones and bad IDs are not', async () => {
    await start({ '.ecr-trust.json': trustList() });
    const uri = client.uri('policy.json');
    await client.open(uri, POLICY);
    const trustUri = fileUri(trustFile());
    const gone = client.nextDiagnosticsWhere(uri, (found) => !found.some((candidate) => candidate.message.includes(VENDOR_ACCOUNT)), 'the vendor trusted');
    const answers = { accounts: { [VENDOR_ACCOUNT]: 'push', '999900001111': 'skip', '12345': 'own' }, organizations: { 'o-f6g7h8i9j0': 'own', 'not-an-org': 'own' }, names: { [VENDOR_ACCOUNT]: 'vendor' } };
    assert.deepStrictEqual(await executeCommand(client, 'ecrGuard.server.extendTrustList', { uri: trustUri, answers }), { applied: true, trustUri });
    await gone;
    const list = JSON.parse(fs.readFileSync(trustFile(), 'utf8'));
    const before = JSON.parse(trustList());
    assert.deepStrictEqual(list.trustedAccounts, { ...before.trustedAccounts, [VENDOR_ACCOUNT]: { name: 'vendor', access: 'push' } });
    assert.deepStrictEqual(list.ownAccounts, before.ownAccounts, 'the bad account ID is left out');
    assert.deepStrictEqual(list.organizationIds, [...before.organizationIds, 'o-f6g7h8i9j0']);
    assert.deepStrictEqual(await executeCommand(client, 'ecrGuard.server.extendTrustList', { uri: fileUri(path.join(workspace, 'other.json')), answers }), { applied: false }, 'not the trust list');
  });

  it('"Trust account" without a trust list: the new list comes back whole, never as an empty file and an unsaved edit', async () => {
    await start({});
    const uri = client.uri('policy.json');
    const { diagnostics } = await client.open(uri, POLICY);
    const args = await accountCommand(uri, diagnostics, VENDOR_ACCOUNT, 'ecrGuard.trustAccount');
    const result = await executeCommand<TrustEditResult>(client, 'ecrGuard.server.trustAccount', { ...args, name: 'vendor' });
    assert.deepStrictEqual(applier.requests, []);
    assert.deepStrictEqual(JSON.parse(result.newTrustList!.text), { ownAccounts: [], organizationIds: [], trustedAccounts: { [VENDOR_ACCOUNT]: { name: 'vendor', access: 'pull' } } });
  });

  it('ecrGuard/trustListCandidates: the accounts and organisations granted access, with the most each gets, and whether the list exists', async () => {
    await start({ 'policies/app.json': POLICY });
    const folder = fileUri(workspace);
    const uri = fileUri(path.join(workspace, 'policies', 'app.json'));
    await client.open(uri, POLICY);
    const ask = (): Promise<TrustListCandidates> => client.withTimeout(client.connection.sendRequest(TrustListCandidatesRequest, { folder }), 'the candidates');
    const files = ['policies/app.json'];
    assert.deepStrictEqual(await ask(), {
      trustUri: fileUri(trustFile()), exists: false, scanned: false,
      accounts: [
        { id: OWN_ACCOUNT, access: 'pull', trust: 'no-trust-list', files },
        { id: STAGING_ACCOUNT, access: 'push', trust: 'no-trust-list', files },
        { id: VENDOR_ACCOUNT, access: 'pull', trust: 'no-trust-list', files },
      ],
      organizations: [{ id: ORG_ID, access: 'pull', trust: 'no-trust-list', files }],
    });
    fs.writeFileSync(trustFile(), trustList());
    client.notifyWatchedFiles([{ uri: fileUri(trustFile()), type: 1 }]);
    const now = await ask();
    assert.strictEqual(now.exists, true);
    assert.deepStrictEqual(await client.withTimeout(client.connection.sendRequest(TrustListCandidatesRequest, { folder: fileUri('/elsewhere') }), 'outside'), { exists: false, scanned: false, accounts: [], organizations: [] });
  });

  for (const checks of [true, false]) {
    it(`an open trust list with a syntax error: ${checks ? 'left to the editor\'s JSON support when it says it reports them' : 'reported by ECR Guard when the editor does not'}; other mistakes always`, async () => {
      const broken = '{\n  "ownAccounts": ["1234"],\n  "trustedAccounts": { "222233334444": { "access": "pull" } \n}\n';
      await start({ '.ecr-trust.json': broken }, checks ? { editorChecksJsonSyntax: true } : undefined);
      const uri = fileUri(trustFile());
      const published = client.nextDiagnosticsWhere(uri, (found) => found.some((diagnostic) => /ownAccounts entries/.test(diagnostic.message)), 'the trust list\'s problems');
      client.openOnly(uri, broken);
      const messages = (await published).diagnostics.map((diagnostic) => diagnostic.message);
      assert.strictEqual(messages.some((message) => /not valid JSON/.test(message)), !checks, JSON.stringify(messages));
    });
  }
});
