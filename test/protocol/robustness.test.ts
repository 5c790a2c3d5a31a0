import * as assert from 'assert';
import * as path from 'path';
import { MarkupContent } from 'vscode-languageserver-protocol';
import { fileUri, LspClient, makeWorkspace, positionInside, removeFolder } from './lspClient';
import { json, MIXED_POLICY, PUBLIC_POLICY, STAGING_ACCOUNT, trustList, VENDOR_ACCOUNT } from './policies';

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Text as a binary file decoded as UTF-8 looks: control characters, NULs, replacement characters, lone surrogates. */
function binaryish(length: number, seed: number): string {
  const next = random(seed);
  let text = '\ufeff';
  while (text.length < length) {
    const roll = next();
    if (roll < 0.05) text += '\u0000';
    else if (roll < 0.1) text += '\ud800';
    else if (roll < 0.15) text += '\udfff';
    else if (roll < 0.2) text += '\ufffd';
    else if (roll < 0.3) text += '{["\\:,]}'[Math.floor(next() * 9)];
    else text += String.fromCharCode(Math.floor(next() * 0x3000));
  }
  return text;
}

/** About `bytes` of a valid policy: many statements, some cross-account, some public. */
function largePolicy(bytes: number, indent: number | undefined): string {
  const statements: unknown[] = [];
  let size = 0;
  for (let i = 0; size < bytes * 1.02; i++) {
    const statement = i % 3 === 0
      ? { Sid: `Public${i}`, Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage'] }
      : { Sid: `Accounts${i}`, Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${STAGING_ACCOUNT}:root`, `arn:aws:iam::${VENDOR_ACCOUNT}:role/r${i}`] }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] };
    statements.push(statement);
    size += JSON.stringify(statement, null, indent).length + 1;
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, indent);
}

describe('protocol: garbage input never crashes the server', function () {
  this.timeout(120_000);
  let workspace: string;
  let client: LspClient;
  let healthy: string;

  before(async () => {
    workspace = makeWorkspace({ '.ecr-trust.json': trustList() });
    client = await LspClient.start({ workspace });
    healthy = client.uri('healthy.json');
    await client.open(healthy, MIXED_POLICY);
  });

  after(async () => {
    await client?.dispose();
    removeFolder(workspace);
  });

  afterEach(async function () {
    // After each kind of garbage the server must still be alive and answer a hover correctly.
    assert.ok(client.alive, `the server died:\n${client.stderr}`);
    const hover = await client.hover(healthy, positionInside(MIXED_POLICY, '"ecr:Put*"', 3));
    assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /matches 9 ECR actions/, `no sensible hover after "${this.currentTest?.title}"`);
  });

  it('binary-ish text', async () => {
    for (let seed = 1; seed <= 5; seed++) {
      const uri = client.uri(`binary-${seed}.json`);
      const published = await client.open(uri, binaryish(20_000, seed));
      assert.deepStrictEqual(published.diagnostics, []);
      assert.strictEqual(await client.hover(uri, { line: 0, character: 5 }), null);
      await client.close(uri);
    }
  });

  it('every truncation of a policy, typed as full-text and range edits', async () => {
    const uri = client.uri('truncated.json');
    await client.open(uri, '');
    for (let end = 0; end <= MIXED_POLICY.length; end += 7) {
      const published = await client.change(uri, [{ text: MIXED_POLICY.slice(0, end) }]);
      // A half-typed statement may lack its Action or hold half an action name: invalid-policy says so.
      for (const diagnostic of published.diagnostics) assert.ok(['external-write', 'untrusted-account', 'wildcard-principal', 'invalid-policy'].includes(String(diagnostic.code)));
      await client.hover(uri, { line: Math.floor(end / 80), character: 10 });
    }
    // Range edits that reach past the end of the document are clamped, as in VS Code.
    const pastEnd = await client.change(uri, [{ range: { start: { line: 2, character: 0 }, end: { line: 5000, character: 3 } }, text: '"Statement": [' }]);
    assert.deepStrictEqual(pastEnd.diagnostics, []);
    await client.close(uri);
  });

  it('a 2 MB policy, minified on one line', async () => {
    const uri = client.uri('huge-minified.json');
    const text = largePolicy(2_000_000, undefined);
    assert.ok(text.length >= 2_000_000);
    const published = await client.open(uri, text);
    assert.ok(published.diagnostics.some((diagnostic) => diagnostic.code === 'wildcard-principal'));
    assert.ok(published.diagnostics.every((diagnostic) => diagnostic.range.start.line === 0));
    await client.close(uri);
  });

  it('a 2 MB array of numbers and strings that is not a policy', async () => {
    const uri = client.uri('data.json');
    const items = Array.from({ length: 200_000 }, (_, i) => (i % 2 === 0 ? i : `v${i}`));
    const published = await client.open(uri, JSON.stringify({ Statement: items }));
    assert.deepStrictEqual(published.diagnostics, []);
    await client.close(uri);
  });

  it('policy fields of the wrong types', async () => {
    const uri = client.uri('types.json');
    const text = json({
      Statement: [
        null, 42, 'ecr:*', [],
        { Effect: 'Allow', Principal: 42, Action: 7 },
        { Effect: ['Allow'], Principal: { AWS: { nested: '*' } }, Action: [null, true, 'ecr:*'] },
        { Effect: 'Allow', Principal: { AWS: [] }, Action: 'ecr:*', Condition: { StringEquals: 'o-a1b2c3d4e5' } },
        { Effect: 'Allow', Principal: '*', Action: 'ecr:*', Condition: ['aws:PrincipalOrgID'] },
        { Effect: 'Allow', Principal: { AWS: 123456789012 }, Action: 'ecr:PutImage', Condition: { StringEquals: { 'aws:PrincipalAccount': [null, 123456789012] } } },
      ],
    });
    const published = await client.open(uri, text);
    assert.ok(Array.isArray(published.diagnostics));
    for (let line = 0; line < text.split('\n').length; line++) await client.hover(uri, { line, character: 12 });
    await client.close(uri);
  });

  it('unknown documents, odd URIs and out-of-range positions', async () => {
    const odd = fileUri(path.join(workspace, 'dir with spaces', 'pölicy #1.json'));
    const published = await client.open(odd, PUBLIC_POLICY);
    assert.strictEqual(published.diagnostics.length, 1);
    assert.strictEqual(await client.hover(odd, { line: 10_000, character: 10_000 }), null);
    await client.close(odd);
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: client.uri('never-opened.json'), version: 2 }, contentChanges: [{ text: '{' }] });
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: client.uri('never-opened.json') } });
    await assert.rejects(client.connection.sendRequest('ecrGuard/noSuchMethod', {}), /Unhandled method|not found/i);
    assert.strictEqual(await client.hover('untitled:Untitled-1', { line: 0, character: 0 }), null);
  });

  it('replacing a policy by 2 MB of nested brackets publishes fresh (empty) diagnostics, not the stale ones', async () => {
    const uri = client.uri('nested.json');
    assert.strictEqual((await client.open(uri, PUBLIC_POLICY)).diagnostics.length, 1);
    const depth = 1_000_000;
    const published = client.nextDiagnostics(uri, 2);
    const failure = client.logs.next((log) => log.message.includes('nested.json'), 'a log line about nested.json', 30_000)
      .then((log) => { throw new Error(`no publishDiagnostics for version 2; the server logged: ${log.message.split('\n').slice(0, 3).join(' | ')}`); });
    failure.catch(() => undefined);
    client.changeOnly(uri, [{ text: `${'['.repeat(depth)}${']'.repeat(depth)}` }]);
    const fresh = await Promise.race([published, failure]);
    assert.deepStrictEqual(fresh.diagnostics, [], 'the public-principal error of version 1 must not stay on screen');
    await client.close(uri);
  });
});

describe('protocol: lifecycle', () => {
  let workspace: string;

  before(() => {
    workspace = makeWorkspace({ '.ecr-trust.json': trustList() });
  });

  after(() => removeFolder(workspace));

  it('shuts down and exits with code 0 after shutdown + exit', async () => {
    const client = await LspClient.start({ workspace });
    try {
      await client.open(client.uri('p.json'), PUBLIC_POLICY);
      const result = await client.withTimeout(client.connection.sendRequest('shutdown'), 'the shutdown response');
      assert.strictEqual(result, null);
      void client.connection.sendNotification('exit');
      const exit = await client.withTimeout(client.exited, 'the server to exit', 10_000, false);
      assert.deepStrictEqual(exit, { code: 0, signal: null });
      assert.doesNotMatch(client.stderr, /Error|at /);
    } finally {
      await client.dispose();
    }
  });

  it('exits with code 1 on exit without shutdown, as the protocol says', async () => {
    const client = await LspClient.start({ workspace });
    try {
      void client.connection.sendNotification('exit');
      const exit = await client.withTimeout(client.exited, 'the server to exit', 10_000, false);
      assert.strictEqual(exit.code, 1);
    } finally {
      await client.dispose();
    }
  });

  it('exits when the editor closes the pipe', async () => {
    const client = await LspClient.start({ workspace });
    try {
      client.process.stdin?.end();
      const exit = await client.withTimeout(client.exited, 'the server to exit after stdin closed', 10_000, false);
      assert.ok(exit.code !== null || exit.signal !== null);
    } finally {
      await client.dispose();
    }
  });
});
