import * as assert from 'assert';
import { CodeLens, InlayHint } from 'vscode-languageserver-protocol';
import { TrustStatus } from '../../server/src/protocol';
import { Channel, LspClient, makeWorkspace, realisticCapabilities, removeFolder, writeFile, WAIT_MS } from './lspClient';
import { json, MIXED_POLICY, OWN_ACCOUNT, PUBLIC_POLICY, STAGING_ACCOUNT, trustList, VENDOR_ACCOUNT } from './policies';

/** Inlay hints after account IDs, a CodeLens per policy, their refresh, the trust status request, and logging once per trust-list change. */

const WITH_REFRESH = (): ReturnType<typeof realisticCapabilities> => {
  const capabilities = realisticCapabilities();
  capabilities.workspace = { ...capabilities.workspace, inlayHint: { refreshSupport: true }, codeLens: { refreshSupport: true } };
  return capabilities;
};

async function startWithRefresh(workspace: string): Promise<{ client: LspClient; refreshes: Channel<string> }> {
  const client = await LspClient.start({ workspace, capabilities: WITH_REFRESH() });
  const refreshes = new Channel<string>();
  for (const method of ['workspace/inlayHint/refresh', 'workspace/codeLens/refresh']) client.connection.onRequest(method, () => { refreshes.push(method); return null; });
  return { client, refreshes };
}

function inlayHints(client: LspClient, uri: string, timeout = WAIT_MS): Promise<InlayHint[]> {
  const lines = client.text(uri).split('\n').length;
  const params = { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } } };
  return client.withTimeout(client.connection.sendRequest<InlayHint[] | null>('textDocument/inlayHint', params).then((hints) => hints ?? []), `inlay hints of ${uri}`, timeout);
}

function codeLenses(client: LspClient, uri: string, timeout = WAIT_MS): Promise<CodeLens[]> {
  return client.withTimeout(client.connection.sendRequest<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri } }).then((lenses) => lenses ?? []), `code lenses of ${uri}`, timeout);
}

function trustStatus(client: LspClient, uri: string): Promise<TrustStatus> {
  return client.withTimeout(client.connection.sendRequest<TrustStatus>('ecrGuard/trustStatus', { uri }), `the trust status of ${uri}`);
}

/** Each hint as `the text before it => label`. */
function hintsAt(client: LspClient, uri: string, hints: InlayHint[]): string[] {
  const lines = client.text(uri).split('\n');
  return hints.map((hint) => `${lines[hint.position.line].slice(0, hint.position.character).trim()} => ${String(hint.label)}`);
}

describe('protocol: inlay hints and CodeLenses', () => {
  let workspace: string;
  let client: LspClient;
  let refreshes: Channel<string>;
  let policy: string;

  before(async () => {
    workspace = makeWorkspace({ '.ecr-trust.json': trustList() });
    ({ client, refreshes } = await startWithRefresh(workspace));
    policy = client.uri('mixed.json');
  });

  after(async () => {
    await client?.dispose();
    removeFolder(workspace);
  });

  it('offers inlay hints and CodeLenses', () => {
    const capabilities = client.initializeResult?.capabilities;
    assert.strictEqual(capabilities?.inlayHintProvider, true);
    assert.deepStrictEqual(capabilities?.codeLensProvider, { resolveProvider: false });
  });

  it('answers a request made before the document was analysed, once it is', async () => {
    client.openOnly(policy, MIXED_POLICY);
    const hints = await inlayHints(client, policy);
    assert.deepStrictEqual(hintsAt(client, policy, hints), [
      `"AWS": "arn:aws:iam::${STAGING_ACCOUNT}:root" => staging · pull`,
      `"arn:aws:iam::${OWN_ACCOUNT}:root" => own`,
      `"arn:aws:iam::${VENDOR_ACCOUNT}:role/scanner" => untrusted`,
    ]);
  });

  // StagingPulls grants ecr:Put*, which includes PutLifecyclePolicy and the like: admin, more than staging is trusted for.
  it('puts a CodeLens summarising its grants at the start of the policy', async () => {
    const lenses = await codeLenses(client, policy);
    assert.deepStrictEqual(lenses.map((lens) => [lens.range.start, lens.command?.title, lens.command?.command]), [
      [{ line: 0, character: 0 }, '1 pull external · 1 admin external', 'ecrGuard.inventory.focus'],
    ]);
  });

  it('serves only the hints in the range asked for', async () => {
    const params = { textDocument: { uri: policy }, range: { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } } };
    const hints = await client.connection.sendRequest<InlayHint[]>('textDocument/inlayHint', params);
    assert.deepStrictEqual(hints.map((hint) => hint.label), ['staging · pull']);
  });

  it('asks the client to refresh both when the trust list changes, and then says what the new list says', async () => {
    const both = Promise.all(['workspace/inlayHint/refresh', 'workspace/codeLens/refresh'].map((method) => refreshes.next((m) => m === method, method, WAIT_MS)));
    writeFile(workspace, '.ecr-trust.json', trustList({ trustedAccounts: { [STAGING_ACCOUNT]: { name: 'staging', access: 'push' }, [VENDOR_ACCOUNT]: { name: 'vendor', access: 'pull' } } }));
    client.notifyWatchedFiles([{ uri: client.uri('.ecr-trust.json'), type: 2 }]);
    await both;
    assert.deepStrictEqual((await inlayHints(client, policy)).map((hint) => hint.label), ['staging · push', 'own', 'vendor · pull']);
    assert.deepStrictEqual((await codeLenses(client, policy)).map((lens) => lens.command?.title), ['1 pull · 1 admin external']);
  });

  it('follows an edit of the policy: the hints and lens of the new version', async () => {
    await client.change(policy, [client.replaceEdit(policy, `arn:aws:iam::${VENDOR_ACCOUNT}:role/scanner`, 'arn:aws:iam::999988887777:root')]);
    assert.deepStrictEqual((await inlayHints(client, policy)).map((hint) => hint.label), ['staging · push', 'own', 'untrusted']);
    assert.deepStrictEqual((await codeLenses(client, policy)).map((lens) => lens.command?.title), ['1 pull external · 1 admin external']);
  });

  it('says public for a grant to everyone', async () => {
    const open = client.uri('public.json');
    await client.open(open, PUBLIC_POLICY);
    assert.deepStrictEqual((await codeLenses(client, open)).map((lens) => lens.command?.title), ['public']);
    assert.deepStrictEqual(await inlayHints(client, open), []);
  });

  it('turns each off with its setting, refreshing the client', async () => {
    const refreshed = refreshes.next((method) => method === 'workspace/inlayHint/refresh', 'a refresh after the settings change', WAIT_MS);
    client.settings = { ...client.settings, inlayHints: { enable: false } } as typeof client.settings;
    client.notifyConfigurationChanged();
    await refreshed;
    assert.deepStrictEqual(await inlayHints(client, policy), []);
    assert.strictEqual((await codeLenses(client, policy)).length, 1, 'the lenses have their own setting');
    client.settings = { ...client.settings, inlayHints: { enable: true }, codeLens: { enable: false } } as typeof client.settings;
    client.notifyConfigurationChanged();
    await client.roundTrip();
    assert.deepStrictEqual(await codeLenses(client, policy), []);
    assert.strictEqual((await inlayHints(client, policy)).length, 3);
  });

  it('answers nothing, at once, for a document that is no policy and for the trust list', async () => {
    const other = client.uri('package.json');
    client.openOnly(other, json({ name: 'app', version: '1.0.0' }));
    const manifest = client.uri('deployment.yaml');
    client.openOnly(manifest, 'apiVersion: apps/v1\nkind: Deployment\n', 'yaml');
    const trust = client.uri('.ecr-trust.json');
    client.openOnly(trust, trustList());
    for (const uri of [other, manifest, trust]) {
      assert.deepStrictEqual(await inlayHints(client, uri, 3000), [], uri);
      assert.deepStrictEqual(await codeLenses(client, uri, 3000), [], uri);
    }
  });
});

describe('protocol: ecrGuard/trustStatus', () => {
  let workspace: string;
  let client: LspClient;

  before(async () => {
    workspace = makeWorkspace({ 'team/.ecr-trust.json': '{ "ownAccounts": ["1234"], "trustedAccounts": { "222233334444": { "access": "pull", "colour": "red" } } }' });
    client = await LspClient.start({ workspace });
  });

  after(async () => {
    await client?.dispose();
    removeFolder(workspace);
  });

  it('names the list that applies, or says it does not exist yet', async () => {
    const status = await trustStatus(client, client.uri('policy.json'));
    assert.deepStrictEqual(status, { state: 'missing', uri: client.uri('.ecr-trust.json'), label: `${workspace}/.ecr-trust.json`, errors: 0, warnings: 0 });
  });

  it('counts the list\'s own problems by severity', async () => {
    client.settings = { ...client.settings, trustList: 'team/.ecr-trust.json' };
    client.notifyConfigurationChanged();
    const status = await trustStatus(client, client.uri('policy.json'));
    assert.deepStrictEqual({ ...status, label: undefined }, { state: 'loaded', uri: client.uri('team/.ecr-trust.json'), label: undefined, errors: 1, warnings: 1 });
    assert.deepStrictEqual(await trustStatus(client, client.uri('team/.ecr-trust.json')), { ...status, state: 'trust-list' });
  });

  it('says none applies to a document outside every folder, and when checks are off', async () => {
    assert.deepStrictEqual(await trustStatus(client, 'untitled:Untitled-1'), { state: 'none', errors: 0, warnings: 0 });
    client.settings = { ...client.settings, enable: false };
    client.notifyConfigurationChanged();
    assert.deepStrictEqual(await trustStatus(client, client.uri('policy.json')), { state: 'disabled', errors: 0, warnings: 0 });
  });
});

describe('protocol: one log line per trust list change', () => {
  let workspace: string;
  let client: LspClient;

  before(async () => {
    workspace = makeWorkspace({ '.ecr-trust.json': trustList() });
    client = await LspClient.start({ workspace });
  });

  after(async () => {
    await client?.dispose();
    removeFolder(workspace);
  });

  it('logs an edit of the open list once, not again when it is saved (twice reported, as two watchers do) or closed', async () => {
    const policy = client.uri('vendor.json');
    const trust = client.uri('.ecr-trust.json');
    await client.open(policy, MIXED_POLICY);
    client.openOnly(trust, trustList());
    await client.roundTrip();
    const before = client.logs.history.length;
    const edited = trustList({ trustedAccounts: { [VENDOR_ACCOUNT]: { name: 'vendor', access: 'pull' } } });
    const rechecked = client.nextDiagnosticsWhere(policy, (diagnostics) => !diagnostics.some((d) => d.message.includes(VENDOR_ACCOUNT)), 'the vendor trusted');
    client.changeOnly(trust, [{ range: { start: { line: 0, character: 0 }, end: { line: client.text(trust).split('\n').length, character: 0 } }, text: edited }]);
    await rechecked;
    // Saving: the file on disk now says what the buffer says; the client reports it once per watcher.
    writeFile(workspace, '.ecr-trust.json', edited);
    client.notifyWatchedFiles([{ uri: trust, type: 2 }]);
    client.notifyWatchedFiles([{ uri: trust, type: 2 }]);
    await client.roundTrip();
    client.closeOnly(trust);
    await client.roundTrip();
    const changed = client.logs.history.slice(before).filter((log) => /Trust list .* changed/.test(log.message));
    assert.strictEqual(changed.length, 1, changed.map((log) => log.message).join('\n'));
  });

  it('logs a change on disk of a list that is not open once', async () => {
    const before = client.logs.history.length;
    writeFile(workspace, '.ecr-trust.json', trustList({ ownAccounts: [OWN_ACCOUNT, '999988887777'] }));
    client.notifyWatchedFiles([{ uri: client.uri('.ecr-trust.json'), type: 2 }, { uri: client.uri('.ecr-trust.json'), type: 2 }]);
    await client.roundTrip();
    assert.strictEqual(client.logs.history.slice(before).filter((log) => /Trust list .* changed/.test(log.message)).length, 1);
  });
});
