import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readPolicyFile, readPolicyFileSync, ReadResult } from '../../server/src/node/readPolicyFile';
import { readTrustListSync, TRUST_LIST_MAX_BYTES } from '../../server/src/node/readTrustList';

/**
 * The one reader of policies, module files and trust lists: only regular files, never more than the limit,
 * whatever the file claims. A FIFO would block a plain open forever (these tests would time out), a device
 * would be read until memory runs out.
 */
const READERS: [string, (file: string, maxBytes: number, limitName?: string) => ReadResult | Promise<ReadResult>][] = [
  ['readPolicyFileSync', readPolicyFileSync],
  ['readPolicyFile', readPolicyFile],
];

describe('node/readPolicyFile: the bounded reader of regular files', () => {
  let folder: string;
  const at = (name: string): string => path.join(folder, name);

  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-guard-reader-'));
    fs.writeFileSync(at('policy.json'), '{"Statement": []}');
    fs.writeFileSync(at('binary.json'), Buffer.from([0x7b, 0x00, 0x7d]));
    fs.writeFileSync(at('large.json'), 'x'.repeat(1_500_000));
    execFileSync('mkfifo', [at('fifo.json')]);
    fs.symlinkSync('/dev/zero', at('zero.json'));
    fs.symlinkSync('/dev/urandom', at('random.tf'));
    fs.symlinkSync(at('policy.json'), at('link.json'));
    fs.mkdirSync(at('folder.tf'));
  });

  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  for (const [name, read] of READERS) {
    describe(name, () => {
      it('reads a regular file, and one through a symlink', async () => {
        assert.deepStrictEqual(await read(at('policy.json'), 1000), { text: '{"Statement": []}' });
        assert.deepStrictEqual(await read(at('link.json'), 1000), { text: '{"Statement": []}' });
      });

      it('refuses a FIFO without waiting for a writer', async () => {
        assert.deepStrictEqual(await read(at('fifo.json'), 1000), { reason: 'not a regular file (FIFO)' });
      });

      it('refuses character devices behind symlinks (/dev/zero, /dev/urandom) without reading them', async () => {
        assert.deepStrictEqual(await read(at('zero.json'), 20_000_000), { reason: 'not a regular file (character device)' });
        assert.deepStrictEqual(await read(at('random.tf'), 20_000_000), { reason: 'not a regular file (character device)' });
      });

      it('refuses a directory', async () => {
        assert.deepStrictEqual(await read(at('folder.tf'), 1000), { reason: 'not a regular file (directory)' });
      });

      it('refuses a file over the limit, naming the limit', async () => {
        assert.deepStrictEqual(await read(at('large.json'), 1_000_000, 'ecrGuard.maxFileSize'), { reason: 'larger than 1000000 bytes (ecrGuard.maxFileSize)' });
        assert.strictEqual((await read(at('large.json'), 2_000_000) as { text: string }).text.length, 1_500_000);
      });

      it('stops at the limit while reading a file that claims to be empty (/proc)', async () => {
        assert.strictEqual(fs.statSync('/proc/self/status').size, 0, 'the premise: /proc files report size 0');
        assert.deepStrictEqual(await read('/proc/self/status', 100, 'a limit'), { reason: 'larger than 100 bytes (a limit)' });
        assert.match((await read('/proc/self/status', 1_000_000) as { text: string }).text, /^Name:/);
      });

      it('stops at the limit past the first megabyte of a file that claims to be empty (/proc/kallsyms, some MB)', async () => {
        assert.strictEqual(fs.statSync('/proc/kallsyms').size, 0, 'the premise: /proc files report size 0');
        assert.deepStrictEqual(await read('/proc/kallsyms', 2_000_000), { reason: 'larger than 2000000 bytes' });
      });

      it('refuses binary text', async () => {
        assert.deepStrictEqual(await read(at('binary.json'), 1000), { reason: 'binary (contains NUL bytes)' });
      });

      it('says why a file cannot be read, with the error code', async () => {
        assert.deepStrictEqual(await read(at('missing.json'), 1000), { reason: 'cannot be read (ENOENT)', code: 'ENOENT' });
      });
    });
  }

  describe('readTrustListSync', () => {
    it('holds trust lists to their own limit', () => {
      fs.writeFileSync(at('big-trust.json'), `{"x": "${'a'.repeat(TRUST_LIST_MAX_BYTES)}"}`);
      assert.deepStrictEqual(readTrustListSync(at('big-trust.json')), { reason: `larger than ${TRUST_LIST_MAX_BYTES} bytes (the limit for trust lists)` });
    });

    it('refuses a FIFO and a device', () => {
      assert.deepStrictEqual(readTrustListSync(at('fifo.json')), { reason: 'not a regular file (FIFO)' });
      assert.deepStrictEqual(readTrustListSync(at('zero.json')), { reason: 'not a regular file (character device)' });
    });
  });
});
