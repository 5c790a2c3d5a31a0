import * as assert from 'assert';
import { cli } from './cliRun';
import { makeWorkspace, removeFolder } from './lspClient';
import { PUBLIC_POLICY, S3_POLICY, trustList, VENDOR_POLICY } from './policies';

const ESCAPE = '\u001b[';

/** Colour only on a terminal: a pipe gets plain text unless FORCE_COLOR says otherwise, and NO_COLOR wins. */
describe('cli: grouped text output and colour', function () {
  this.timeout(60_000);
  let folder: string;

  before(() => {
    folder = makeWorkspace({ '.ecr-trust.json': trustList(), 'a/public.json': PUBLIC_POLICY, 'b/vendor.json': VENDOR_POLICY, 'c/s3.json': S3_POLICY });
  });

  after(() => removeFolder(folder));

  it('prints each file once with its findings indented under it, a blank line, and one summary line', () => {
    const run = cli(['scan', '.'], folder);
    assert.strictEqual(run.code, 1);
    const lines = run.stdout.trimEnd().split('\n');
    assert.strictEqual(lines[0], 'a/public.json');
    assert.match(lines[1], /^ {2}\d+:\d+ {2}error {2}Public: anyone may pull .* {2}wildcard-principal$/);
    assert.strictEqual(lines[2], '');
    assert.strictEqual(lines[3], 'b/vendor.json');
    assert.match(lines[4], /^ {2}\d+:\d+ {2}warning {2}Account 444455556666 .* {2}untrusted-account$/);
    assert.strictEqual(lines[5], '');
    assert.strictEqual(lines[6], '1 error, 1 warning in 2 files (3 files scanned). Fix them, or run with --fail-on never to report only.');
    assert.strictEqual(lines.length, 7);
  });

  it('gives no next step when nothing fails the run, and says when there is nothing', () => {
    assert.strictEqual(cli(['scan', '.', '--fail-on', 'never'], folder).stdout.trimEnd().split('\n').pop(), '1 error, 1 warning in 2 files (3 files scanned).');
    assert.strictEqual(cli(['scan', 'c'], folder).stdout, 'No findings (1 file scanned).\n');
  });

  it('has no colour when stdout is a pipe', () => {
    assert.ok(!cli(['scan', '.'], folder).stdout.includes(ESCAPE));
  });

  it('colours severities, the file and the summary with FORCE_COLOR=1, keeping the same text', () => {
    const plain = cli(['scan', '.'], folder).stdout;
    const coloured = cli(['scan', '.'], folder, undefined, { FORCE_COLOR: '1' }).stdout;
    assert.ok(coloured.includes(`${ESCAPE}31merror`), 'error in red');
    assert.ok(coloured.includes(`${ESCAPE}33mwarning`), 'warning in yellow');
    assert.ok(coloured.includes(`${ESCAPE}4ma/public.json`), 'the file underlined');
    // eslint-disable-next-line no-control-regex
    assert.strictEqual(coloured.replace(/\u001b\[\d+m/g, ''), plain);
  });

  it('NO_COLOR wins over FORCE_COLOR, and FORCE_COLOR=0 turns colour off', () => {
    assert.ok(!cli(['scan', '.'], folder, undefined, { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout.includes(ESCAPE));
    assert.ok(!cli(['scan', '.'], folder, undefined, { FORCE_COLOR: '0' }).stdout.includes(ESCAPE));
  });

  it('keeps JSON free of colour even with FORCE_COLOR', () => {
    const run = cli(['scan', '.', '--format', 'json'], folder, undefined, { FORCE_COLOR: '1' });
    assert.ok(!run.stdout.includes(ESCAPE));
    assert.deepStrictEqual(Object.keys(JSON.parse(run.stdout) as object), ['filesScanned', 'findings']);
  });
});
