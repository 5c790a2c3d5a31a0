import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { MessageType } from 'vscode-languageserver-protocol';
import { fileUri, LspClient, makeWorkspace, rangeOfText, removeFolder, writeFile } from './lspClient';
import { MODULE_LOCALS_TF, MODULE_POLICIES_TF, PUBLIC_POLICY, trustList, VENDOR_POLICY } from './policies';
import type { ScanSummary } from '../../server/src/protocol';

/**
 * Files a cloned repository can hold (git commits symlinks) that must not stall or swell the server: FIFOs,
 * symlinks to /dev/zero and /dev/urandom, a folder named like a Terraform file, as module files, policies,
 * .gitignore files and trust lists. Each is skipped with its reason; the rest is checked as usual.
 */

const SCAN = 'ecrGuard/scanWorkspace';
/** Peak resident memory a server may reach here: a read of /dev/zero passes it within a second. */
const MAX_PEAK_RSS_MB = 400;



/** Hostile entries, relative path to what they are. */
const HOSTILE_MODULE: Record<string, string> = {
  'mod/fifo.tf': 'not a regular file (FIFO)',
  'mod/zero.tf': 'not a regular file (character device)',
  'mod/random.tf': 'not a regular file (character device)',
};

function mkfifo(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  execFileSync('mkfifo', [file]);
}

function symlink(target: string, file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.symlinkSync(target, file);
}

/** A Terraform module whose other files include a FIFO, two devices and a folder named x.tf. */
function hostileModule(workspace: string): void {
  writeFile(workspace, 'mod/policies.tf', MODULE_POLICIES_TF);
  writeFile(workspace, 'mod/locals.tf', MODULE_LOCALS_TF);
  mkfifo(path.join(workspace, 'mod/fifo.tf'));
  symlink('/dev/zero', path.join(workspace, 'mod/zero.tf'));
  symlink('/dev/urandom', path.join(workspace, 'mod/random.tf'));
  fs.mkdirSync(path.join(workspace, 'mod/folder.tf'));
}

/** The most resident memory the server has used so far (VmHWM), in MB. */
function peakRssMb(client: LspClient): number {
  const status = fs.readFileSync(`/proc/${client.pid}/status`, 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)![1]) / 1024;
}

function relativeSkips(workspace: string, summary: ScanSummary): Record<string, string> {
  return Object.fromEntries(summary.skipped.map((skip) => [path.relative(workspace, new URL(skip.uri).pathname).split(path.sep).join('/'), skip.reason]));
}

describe('protocol: hostile files on disk', function () {
  this.timeout(60_000);
  let workspace: string | undefined;
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.dispose();
    removeFolder(workspace);
    client = undefined;
    workspace = undefined;
  });

  it('the editor checks a Terraform file whose module holds a FIFO, /dev/zero, /dev/urandom and a folder named x.tf, and names what it skipped', async () => {
    workspace = makeWorkspace({ '.ecr-trust.json': trustList() });
    hostileModule(workspace);
    client = await LspClient.start({ workspace });
    const published = await client.open(client.uri('mod/policies.tf'), MODULE_POLICIES_TF, 'terraform');
    const untrusted = published.diagnostics.filter((diagnostic) => diagnostic.code === 'untrusted-account');
    assert.deepStrictEqual(untrusted.map((diagnostic) => diagnostic.range), [rangeOfText(MODULE_POLICIES_TF, 'local.consumers')], 'locals.tf on disk still gives the module its context');
    const logs = client.logs.history.map((entry) => entry.message);
    for (const [relative, reason] of Object.entries(HOSTILE_MODULE)) {
      assert.ok(logs.includes(`Module file ${path.join(workspace, relative)} skipped: ${reason}.`), `${relative} is named with its reason; the log:\n${logs.join('\n')}`);
    }
    assert.ok(!logs.some((message) => message.includes('folder.tf')), 'a folder named x.tf is no Terraform file, and no skip');
    assert.ok(peakRssMb(client) < MAX_PEAK_RSS_MB, `peak RSS ${peakRssMb(client)} MB`);
  });

  it('a trust list that is a FIFO is an error of the trust list, and policies are still checked', async () => {
    workspace = makeWorkspace();
    mkfifo(path.join(workspace, '.ecr-trust.json'));
    client = await LspClient.start({ workspace });
    const trust = client.uri('.ecr-trust.json');
    const trustDiagnostics = client.nextDiagnostics(trust);
    const warning = client.nextMessage((message) => message.type === MessageType.Warning && message.message.includes('.ecr-trust.json'), 'about the unreadable trust list');
    const published = await client.open(client.uri('vendor.json'), VENDOR_POLICY);
    assert.deepStrictEqual(published.diagnostics.map((diagnostic) => diagnostic.code), ['untrusted-account'], 'no account is trusted by a list that cannot be read');
    assert.deepStrictEqual((await trustDiagnostics).diagnostics.map((diagnostic) => diagnostic.message),
      ['The trust list was not read: not a regular file (FIFO). No account is trusted until it is fixed.']);
    await warning;
  });

  it('an ecrGuard.trustList naming a symlink to /dev/zero is an error of the trust list, in bounded memory', async () => {
    workspace = makeWorkspace();
    symlink('/dev/zero', path.join(workspace, 'zero-trust.json'));
    client = await LspClient.start({ workspace, settings: { trustList: 'zero-trust.json' } });
    const trustDiagnostics = client.nextDiagnostics(client.uri('zero-trust.json'));
    const published = await client.open(client.uri('vendor.json'), VENDOR_POLICY);
    assert.deepStrictEqual(published.diagnostics.map((diagnostic) => diagnostic.code), ['untrusted-account']);
    assert.deepStrictEqual((await trustDiagnostics).diagnostics.map((diagnostic) => diagnostic.message),
      ['The trust list was not read: not a regular file (character device). No account is trusted until it is fixed.']);
    assert.ok(peakRssMb(client) < MAX_PEAK_RSS_MB, `peak RSS ${peakRssMb(client)} MB`);
  });

  it('the workspace scan finishes over a hostile tree and names each skipped file with its reason', async () => {
    workspace = makeWorkspace({ '.ecr-trust.json': trustList(), 'sub/public.json': PUBLIC_POLICY });
    hostileModule(workspace);
    mkfifo(path.join(workspace, 'fifo.json'));
    symlink('/dev/zero', path.join(workspace, 'zero.json'));
    symlink('/dev/urandom', path.join(workspace, 'random.jsonc'));
    // git reads every .gitignore on the way: a FIFO among them must not hold the scan.
    mkfifo(path.join(workspace, 'sub/.gitignore'));
    client = await LspClient.start({ workspace });
    const summary = await client.withTimeout(client.connection.sendRequest<ScanSummary>(SCAN, {}), 'the scan response', 30_000);
    await client.roundTrip();
    assert.deepStrictEqual(relativeSkips(workspace, summary), {
      ...HOSTILE_MODULE,
      'fifo.json': 'not a regular file (FIFO)',
      'zero.json': 'not a regular file (character device)',
      'random.jsonc': 'not a regular file (character device)',
    });
    assert.strictEqual(summary.skippedCount, 6);
    assert.strictEqual(summary.scanned, 3, 'sub/public.json, mod/policies.tf and mod/locals.tf');
    assert.deepStrictEqual(client.latest(client.uri('sub/public.json'))?.diagnostics.map((diagnostic) => diagnostic.code), ['wildcard-principal']);
    assert.deepStrictEqual(client.latest(client.uri('mod/policies.tf'))?.diagnostics.map((diagnostic) => diagnostic.code), ['untrusted-account']);
    assert.ok(peakRssMb(client) < MAX_PEAK_RSS_MB, `peak RSS ${peakRssMb(client)} MB`);
  });

  it('the workspace scan reads and reports a file once, however often and however the client lists it', async () => {
    workspace = makeWorkspace({ 'team/public.json': PUBLIC_POLICY });
    client = await LspClient.start({ workspace });
    const uri = client.uri('team/public.json');
    const spellings = [`${fileUri(workspace)}/team/./public.json`, `${fileUri(workspace)}/other/../team/public.json`, `${fileUri(workspace)}/team//public.json`, uri.replace('public', 'publi%63')];
    const files = [...Array.from({ length: 20_000 }, () => uri), ...spellings];
    const summary = await client.withTimeout(client.connection.sendRequest<ScanSummary>(SCAN, { files }), 'the scan response', 30_000);
    assert.deepStrictEqual([summary.candidates, summary.scanned, summary.findings], [1, 1, 1]);
    await client.roundTrip();
    const policyUris = client.diagnostics.history.map((published) => published.uri).filter((published) => !published.endsWith('/.ecr-trust.json'));
    assert.deepStrictEqual([...new Set(policyUris)], [uri], 'diagnostics go to the file\'s own URI only');
    assert.strictEqual(policyUris.length, 1, 'published once');
  });

  it('the workspace scan notes a folder it cannot read', async () => {
    workspace = makeWorkspace({ 'public.json': PUBLIC_POLICY, 'locked/public.json': PUBLIC_POLICY });
    fs.chmodSync(workspace, 0o755);
    fs.chmodSync(path.join(workspace, 'locked'), 0o000);
    // As root, permissions stop nothing: the server then runs as the unprivileged user nobody.
    const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    try {
      client = await LspClient.start({ workspace, user });
      const summary = await client.withTimeout(client.connection.sendRequest<ScanSummary>(SCAN, {}), 'the scan response', 30_000);
      assert.deepStrictEqual(relativeSkips(workspace, summary), { locked: 'folder cannot be read (EACCES)' });
      assert.deepStrictEqual([summary.scanned, summary.skippedCount], [1, 1]);
    } finally {
      fs.chmodSync(path.join(workspace, 'locked'), 0o755);
    }
  });
});
