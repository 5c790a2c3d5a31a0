import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cli, jsonOutput, Run } from './cliRun';
import { makeWorkspace, removeFolder } from './lspClient';
import { MODULE_LOCALS_TF, MODULE_POLICIES_TF, PUBLIC_POLICY, trustList, VENDOR_POLICY } from './policies';

/**
 * The CLI over files a cloned repository can hold: FIFOs and symlinks to devices as policies, module files
 * and trust lists, paths named many times, folders it may not read. It finishes, names what it skipped and
 * why, and reads each file once.
 */

interface Report {
  filesScanned: number;
  findings: { file: string; rule: string; line: number; column: number }[];
}

function report(run: Run): Report {
  return jsonOutput<Report>(run);
}

function skippedLines(run: Run): string[] {
  return run.stderr.split('\n').filter((line) => line.startsWith('ecr-guard: skipped ')).sort();
}



describe('cli: hostile files', function () {
  this.timeout(120_000);
  const temps: string[] = [];
  const temp = (files: Record<string, string>): string => {
    const folder = makeWorkspace(files);
    temps.push(folder);
    return folder;
  };
  const mkfifo = (file: string): void => void execFileSync('mkfifo', [file]);

  after(() => {
    for (const folder of temps) removeFolder(folder);
  });

  describe('a module with a FIFO, /dev/zero, /dev/urandom and a folder named x.tf', () => {
    let folder: string;

    before(() => {
      folder = temp({ '.ecr-trust.json': trustList(), 'mod/policies.tf': MODULE_POLICIES_TF, 'mod/locals.tf': MODULE_LOCALS_TF });
      mkfifo(path.join(folder, 'mod/fifo.tf'));
      fs.symlinkSync('/dev/zero', path.join(folder, 'mod/zero.tf'));
      fs.symlinkSync('/dev/urandom', path.join(folder, 'mod/random.json'));
      fs.mkdirSync(path.join(folder, 'mod/folder.tf'));
    });

    it('scanning the folder finishes, checks the module and names each skipped file with its reason', () => {
      const run = cli(['scan', 'mod', '--format', 'json'], folder);
      assert.strictEqual(run.code, 0, run.stderr);
      assert.deepStrictEqual(skippedLines(run), [
        'ecr-guard: skipped mod/fifo.tf: not a regular file (FIFO)',
        'ecr-guard: skipped mod/random.json: not a regular file (character device)',
        'ecr-guard: skipped mod/zero.tf: not a regular file (character device)',
      ]);
      const result = report(run);
      assert.strictEqual(result.filesScanned, 2);
      assert.deepStrictEqual(result.findings.map((finding) => [finding.file, finding.rule]), [[path.join('mod', 'policies.tf'), 'untrusted-account']]);
    });

    it('scanning one file of it finishes, and names the module files it could not read as context', () => {
      const run = cli(['scan', 'mod/policies.tf', '--format', 'json'], folder);
      assert.strictEqual(run.code, 0, run.stderr);
      assert.deepStrictEqual(skippedLines(run), [
        'ecr-guard: skipped mod/fifo.tf: not a regular file (FIFO); not read as module context',
        'ecr-guard: skipped mod/zero.tf: not a regular file (character device); not read as module context',
      ]);
      assert.deepStrictEqual(report(run).findings.map((finding) => finding.rule), ['untrusted-account'], 'locals.tf still gives the context');
    });
  });

  it('exits 2 with a trust list error, once, for a .ecr-trust.json that is a FIFO', () => {
    const folder = temp({ 'a/vendor.json': VENDOR_POLICY, 'b/vendor.json': VENDOR_POLICY });
    mkfifo(path.join(folder, '.ecr-trust.json'));
    const run = cli(['scan', '.'], folder);
    assert.strictEqual(run.code, 2, run.stderr);
    assert.deepStrictEqual(run.stderr.split('\n').filter((line) => line.includes('trust list error')),
      [`ecr-guard: trust list error: ${path.join(folder, '.ecr-trust.json')}: not a regular file (FIFO)`]);
  });

  it('exits 2 with a trust list error for --trust naming a symlink to /dev/zero', () => {
    const folder = temp({ 'vendor.json': VENDOR_POLICY });
    fs.symlinkSync('/dev/zero', path.join(folder, 'zero-trust.json'));
    const run = cli(['scan', '.', '--trust', 'zero-trust.json'], folder);
    assert.strictEqual(run.code, 2, run.stderr);
    assert.match(run.stderr, /trust list error: .*zero-trust\.json: not a regular file \(character device\)/);
  });

  it('reads and reports each file once, however often and however it is named', () => {
    const folder = temp({ 'a/public.json': PUBLIC_POLICY, 'public.json': PUBLIC_POLICY });
    const once = report(cli(['scan', '.', '--format', 'json'], folder));
    assert.strictEqual(once.filesScanned, 2);
    for (const args of [['a', 'a'], ['.', './public.json', 'a/public.json', 'a/../a/public.json', 'a//public.json'], Array.from({ length: 20_000 }, () => 'public.json')]) {
      const run = cli(['scan', ...args, '--format', 'json'], folder);
      const expected = args.includes('.') ? once : { filesScanned: 1, findings: once.findings.filter((finding) => finding.file === (args[0] === 'a' ? path.join('a', 'public.json') : 'public.json')) };
      assert.deepStrictEqual(report(run), expected, `scan ${args.slice(0, 5).join(' ')}`);
    }
  });

  it('names a folder it cannot read', () => {
    const folder = temp({ 'public.json': PUBLIC_POLICY, 'locked/public.json': PUBLIC_POLICY });
    fs.chmodSync(folder, 0o755);
    fs.chmodSync(path.join(folder, 'locked'), 0o000);
    // As root, permissions stop nothing: the CLI then runs as the unprivileged user nobody.
    const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    try {
      const run = cli(['scan', '.', '--format', 'json'], folder, user);
      assert.deepStrictEqual(skippedLines(run), ['ecr-guard: skipped locked: folder cannot be read (EACCES)']);
      assert.strictEqual(report(run).filesScanned, 1);
    } finally {
      fs.chmodSync(path.join(folder, 'locked'), 0o755);
    }
  });
});
