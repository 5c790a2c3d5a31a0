import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DiagnosticSeverity, MarkupContent, MessageType } from 'vscode-languageserver-protocol';
import { fileUri, LspClient, PlainDiagnostic, makeWorkspace, positionInside, rangeOfText, removeFolder, writeFile } from './lspClient';
import { PUBLIC_POLICY, trustList, VENDOR_ACCOUNT, VENDOR_POLICY } from './policies';

const hasVendorWarning = (diagnostics: PlainDiagnostic[]): boolean =>
  diagnostics.some((diagnostic) => diagnostic.code === 'untrusted-account' && diagnostic.message.includes(VENDOR_ACCOUNT));

const VENDOR_TRUSTED = trustList({ trustedAccounts: { [VENDOR_ACCOUNT]: { name: 'vendor-scanner', access: 'pull' } } });

describe('protocol: editing the trust list in the editor', () => {
  let workspace: string;
  let client: LspClient;
  let policy: string;
  let trust: string;
  const onDisk = trustList();

  before(async () => {
    workspace = makeWorkspace({ '.ecr-trust.json': onDisk });
    client = await LspClient.start({ workspace });
    policy = client.uri('vendor.json');
    trust = client.uri('.ecr-trust.json');
  });

  after(async () => {
    await client?.dispose();
    removeFolder(workspace);
  });

  it('warns about an account the trust list does not name', async () => {
    const published = await client.open(policy, VENDOR_POLICY);
    assert.ok(hasVendorWarning(published.diagnostics), JSON.stringify(published.diagnostics));
  });

  it('drops the warning as soon as the open trust file trusts the account (unsaved edit, same policy version)', async () => {
    const publishes = (): number => client.diagnostics.history.filter((params) => params.uri === policy).length;
    const before = publishes();
    const checked = client.nextDiagnostics(trust);
    client.openOnly(trust, onDisk);
    await checked;
    await client.roundTrip();
    assert.ok(hasVendorWarning(client.latest(policy)?.diagnostics ?? []), 'opening the unchanged trust list keeps the verdict');
    assert.strictEqual(publishes(), before, 'and re-checks nothing: the list says what it said');

    const cleared = client.nextDiagnosticsWhere(policy, (diagnostics) => !hasVendorWarning(diagnostics), 'the vendor warning is gone');
    client.changeOnly(trust, [client.replaceEdit(trust, '"trustedAccounts": {', `"trustedAccounts": {\n    "${VENDOR_ACCOUNT}": { "name": "vendor-scanner", "access": "pull" },`)]);
    const published = await cleared;
    assert.deepStrictEqual(published.diagnostics, []);
    assert.strictEqual(published.version, 1, 'the policy itself was not edited');

    const hover = await client.hover(policy, positionInside(VENDOR_POLICY, `"arn:aws:iam::${VENDOR_ACCOUNT}:role/scanner"`, 20));
    assert.match((hover?.contents as MarkupContent).value, /"vendor-scanner": trusted for \*\*pull\*\*/);
  });

  it('reports expired trust with the date and a related location in the trust file', async () => {
    const expired = client.nextDiagnosticsWhere(policy, (diagnostics) => diagnostics.length > 0, 'a finding after the trust expired');
    client.changeOnly(trust, [client.replaceEdit(trust, '"access": "pull" },', '"access": "pull", "expires": "2020-01-31" },')]);
    const [diagnostic] = (await expired).diagnostics;
    assert.strictEqual(diagnostic.code, 'untrusted-account');
    assert.match(diagnostic.message, /expired on 2020-01-31/);
    const related = diagnostic.relatedInformation ?? [];
    assert.strictEqual(related.length, 2, 'the trust entry, then the long form on the statement');
    assert.strictEqual(related[0].location.uri, trust);
    assert.deepStrictEqual(related[0].location.range, rangeOfText(client.text(trust), `"${VENDOR_ACCOUNT}"`));
    assert.strictEqual(related[1].location.uri, policy);
    assert.match(related[1].message, /expired on 2020-01-31: renew it in the trust list or remove this principal/);
  });

  it('goes back to the list on disk when the trust file is closed without saving', async () => {
    const reverted = client.nextDiagnosticsWhere(policy, (diagnostics) => hasVendorWarning(diagnostics) && !diagnostics[0].message.includes('expired'), 'the plain untrusted warning');
    client.closeOnly(trust);
    await reverted;
  });
});

describe('protocol: trust list changed on disk', () => {
  let workspace: string;
  let client: LspClient;
  let policy: string;
  let trust: string;

  before(async () => {
    workspace = makeWorkspace();
    client = await LspClient.start({ workspace });
    policy = client.uri('vendor.json');
    trust = client.uri('.ecr-trust.json');
  });

  after(async () => {
    await client?.dispose();
    removeFolder(workspace);
  });

  it('asks the client to watch .ecr-trust.json files', async () => {
    const watcher = (registration: { method: string; registerOptions?: unknown }): boolean => registration.method === 'workspace/didChangeWatchedFiles'
      && JSON.stringify(registration.registerOptions).includes('**/.ecr-trust.json');
    if (!client.registrations.history.some(watcher)) await client.nextRegistration(watcher, 'for **/.ecr-trust.json');
  });

  it('re-checks open policies when a trust file is created', async () => {
    const opened = await client.open(policy, VENDOR_POLICY);
    assert.match(opened.diagnostics[0]?.message ?? '', /no trust list/);
    const rechecked = client.nextDiagnosticsWhere(policy, (diagnostics) => !diagnostics.some((d) => /no trust list/.test(d.message)), 'a verdict from the new list');
    writeFile(workspace, '.ecr-trust.json', trustList());
    client.notifyWatchedFiles([{ uri: trust, type: 1 }]);
    const published = await rechecked;
    assert.ok(hasVendorWarning(published.diagnostics));
    assert.match(published.diagnostics[0].message, /\(untrusted\): not on \.ecr-trust\.json/);
  });

  it('re-checks open policies when the trust file changes', async () => {
    const cleared = client.nextDiagnosticsWhere(policy, (diagnostics) => diagnostics.length === 0, 'the vendor warning is gone');
    writeFile(workspace, '.ecr-trust.json', VENDOR_TRUSTED);
    client.notifyWatchedFiles([{ uri: trust, type: 2 }]);
    assert.strictEqual((await cleared).version, 1);
  });

  it('re-checks open policies when the trust file is deleted', async () => {
    const missing = client.nextDiagnosticsWhere(policy, (diagnostics) => diagnostics.some((d) => /no trust list/.test(d.message)), 'the no-trust-list warning');
    fs.rmSync(path.join(workspace, '.ecr-trust.json'));
    client.notifyWatchedFiles([{ uri: trust, type: 3 }]);
    await missing;
  });
});

describe('protocol: malformed trust list', () => {
  let workspace: string;
  let client: LspClient;
  let policy: string;
  let trust: string;
  // Truncated JSON with one invalid own account; the vendor entry before the break is still valid.
  const BROKEN = `{\n  "ownAccounts": ["1111"],\n  "trustedAccounts": {\n    "${VENDOR_ACCOUNT}": { "name": "vendor", "access": "pull" },\n    "555566667777": { "access": "pul`;

  before(async () => {
    workspace = makeWorkspace({ '.ecr-trust.json': BROKEN });
    client = await LspClient.start({ workspace });
    policy = client.uri('vendor.json');
    trust = client.uri('.ecr-trust.json');
  });

  after(async () => {
    await client?.dispose();
    removeFolder(workspace);
  });

  it('publishes diagnostics into the trust file and shows a warning when the file is not open; the valid part still applies', async () => {
    const trustDiagnostics = client.nextDiagnostics(trust);
    const warning = client.nextMessage((message) => message.type === MessageType.Warning && message.message.includes('.ecr-trust.json'), 'about the broken trust list');
    const published = await client.open(policy, VENDOR_POLICY);
    assert.deepStrictEqual(published.diagnostics, [], 'the vendor entry parsed before the break still trusts the account');

    const problems = (await trustDiagnostics).diagnostics;
    assert.ok(problems.length >= 2, JSON.stringify(problems, null, 2));
    for (const problem of problems) {
      assert.strictEqual(problem.source, 'ECR Guard');
      assert.strictEqual(problem.code, 'trust-list');
    }
    const badAccount = problems.find((problem) => problem.message.includes('ownAccounts'));
    assert.ok(badAccount, 'the invalid own account is reported');
    assert.strictEqual(badAccount.severity, DiagnosticSeverity.Error);
    assert.deepStrictEqual(badAccount.range, rangeOfText(BROKEN, '"1111"'));
    assert.ok(problems.some((problem) => /not valid JSON/.test(problem.message)), 'the JSON syntax error is reported');

    const message = await warning;
    assert.match(message.message, /error/);
    assert.ok(client.alive);
  });

  it('keeps the trust file diagnostics when the user opens the broken trust file', async () => {
    const checked = client.nextDiagnostics(trust);
    client.openOnly(trust, BROKEN);
    await checked;
    await client.roundTrip();
    const latest = client.latest(trust);
    assert.ok(latest && latest.diagnostics.length >= 2,
      `the open trust file must still show its problems, but the last publishDiagnostics for it was ${JSON.stringify(latest)}`);
  });

  it('clears the trust file diagnostics once the user fixes it', async () => {
    const fixed = client.nextDiagnosticsWhere(trust, (diagnostics) => diagnostics.length === 0, 'no problems left');
    client.changeOnly(trust, [{ range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } }, text: VENDOR_TRUSTED }]);
    await fixed;
    assert.strictEqual(client.text(trust), VENDOR_TRUSTED);
  });
});

describe('protocol: settings', () => {
  let workspace: string;
  let client: LspClient;
  let policy: string;

  before(async () => {
    workspace = makeWorkspace({ '.ecr-trust.json': trustList(), 'central/team-trust.json': VENDOR_TRUSTED });
    client = await LspClient.start({ workspace });
    policy = client.uri('vendor.json');
  });

  after(async () => {
    await client?.dispose();
    removeFolder(workspace);
  });

  it('pulls ecrGuard settings with workspace/configuration for the document', async () => {
    const pulled = client.configurationRequests.history.length > 0 ? undefined : client.nextConfigurationRequest();
    const published = await client.open(policy, VENDOR_POLICY);
    await pulled;
    assert.ok(hasVendorWarning(published.diagnostics));
    const items = client.configurationRequests.history.flatMap((request) => request.items);
    assert.ok(items.some((item) => item.section === 'ecrGuard' && item.scopeUri === policy), JSON.stringify(items));
  });

  it('switches trust lists when ecrGuard.trustList changes, re-pulling settings and watching the new file', async () => {
    client.settings = { ...client.settings, trustList: 'central/team-trust.json' };
    const pulled = client.nextConfigurationRequest();
    const cleared = client.nextDiagnosticsWhere(policy, (diagnostics) => diagnostics.length === 0, 'the vendor warning is gone');
    const watched = client.nextRegistration((registration) => JSON.stringify(registration.registerOptions).includes('team-trust.json'), 'watching central/team-trust.json');
    client.notifyConfigurationChanged();
    await pulled;
    await cleared;
    const registration = await watched;
    const watchers = (registration.registerOptions as { watchers: { globPattern: { baseUri: string; pattern: string } }[] }).watchers;
    assert.deepStrictEqual(watchers[0].globPattern, { baseUri: fileUri(path.join(workspace, 'central')), pattern: 'team-trust.json' });
  });

  it('accepts an absolute trustList path', async () => {
    const elsewhere = makeWorkspace({ 'trust.json': trustList() });
    try {
      client.settings = { ...client.settings, trustList: path.join(elsewhere, 'trust.json') };
      const warned = client.nextDiagnosticsWhere(policy, hasVendorWarning, 'the vendor warning is back');
      client.notifyConfigurationChanged();
      await warned;
    } finally {
      removeFolder(elsewhere);
    }
  });

  it('publishes no findings when ecrGuard.enable is false', async () => {
    client.settings = { ...client.settings, trustList: '.ecr-trust.json', enable: false };
    const quiet = client.nextDiagnostics(policy);
    client.notifyConfigurationChanged();
    assert.deepStrictEqual((await quiet).diagnostics, []);
  });

  it('skips documents larger than ecrGuard.maxFileSize, and says so in the log', async () => {
    client.settings = { ...client.settings, enable: true, maxFileSize: 100 };
    const uri = client.uri('public.json');
    const logged = client.logs.next((log) => log.message.includes('maxFileSize'), 'a maxFileSize log message', 10_000);
    const published = await client.open(uri, PUBLIC_POLICY);
    assert.ok(PUBLIC_POLICY.length > 100);
    assert.deepStrictEqual(published.diagnostics, []);
    await logged;
    client.settings = { ...client.settings, maxFileSize: 20_000_000 };
    const checked = client.nextDiagnosticsWhere(uri, (diagnostics) => diagnostics.length === 1, 'the public principal is reported again');
    client.notifyConfigurationChanged();
    await checked;
  });
});

describe('protocol: documents outside every workspace folder', () => {
  let workspace: string;
  let elsewhere: string;
  let client: LspClient;
  const applyEdits: unknown[] = [];

  before(async () => {
    // The server runs in the workspace folder, so its working directory holds a trust list that trusts the vendor.
    workspace = makeWorkspace({ '.ecr-trust.json': VENDOR_TRUSTED });
    elsewhere = makeWorkspace({ 'vendor.json': VENDOR_POLICY, 'team-trust.json': VENDOR_TRUSTED });
    client = await LspClient.start({ workspace });
    client.connection.onRequest('workspace/applyEdit', (params: unknown) => {
      applyEdits.push(params);
      return { applied: true };
    });
  });

  after(async () => {
    await client?.dispose();
    removeFolder(workspace);
    removeFolder(elsewhere);
  });

  it('use no trust list (not the one in the server\'s working directory) while ecrGuard.trustList is relative', async () => {
    const inside = await client.open(client.uri('vendor.json'), VENDOR_POLICY);
    assert.deepStrictEqual(inside.diagnostics, [], 'in the folder, its trust list applies');
    for (const uri of ['untitled:Untitled-1', fileUri(path.join(elsewhere, 'vendor.json'))]) {
      const published = await client.open(uri, VENDOR_POLICY);
      assert.ok(hasVendorWarning(published.diagnostics), `${uri}: ${JSON.stringify(published.diagnostics)}`);
      assert.match(published.diagnostics[0].message, /no trust list/);
    }
  });

  it('"Trust account" edits no file: it says why instead', async () => {
    const before = fs.readFileSync(path.join(workspace, '.ecr-trust.json'), 'utf8');
    for (const uri of ['untitled:Untitled-1', fileUri(path.join(elsewhere, 'vendor.json'))]) {
      const message = client.nextMessage((params) => params.type === MessageType.Warning && /outside every workspace folder/.test(params.message), `a warning for ${uri}`);
      const result = await client.withTimeout(client.connection.sendRequest('workspace/executeCommand', { command: 'ecrGuard.server.trustAccount', arguments: [{ uri, account: VENDOR_ACCOUNT, name: 'vendor' }] }), 'the trustAccount command');
      assert.deepStrictEqual(result, { applied: false });
      assert.match((await message).message, /ecrGuard\.trustList/);
    }
    assert.deepStrictEqual(applyEdits, [], 'no workspace edit was asked for');
    assert.strictEqual(fs.readFileSync(path.join(workspace, '.ecr-trust.json'), 'utf8'), before);
    assert.ok(!fs.existsSync(path.join(elsewhere, '.ecr-trust.json')));
  });

  it('use the trust list ecrGuard.trustList names when it is an absolute path', async () => {
    client.settings = { ...client.settings, trustList: path.join(elsewhere, 'team-trust.json') };
    const trusted = client.nextDiagnosticsWhere('untitled:Untitled-1', (diagnostics) => diagnostics.length === 0, 'the vendor trusted by the absolute trust list');
    client.notifyConfigurationChanged();
    await trusted;
  });
});
