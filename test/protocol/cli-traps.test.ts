import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { cli } from './cliRun';
import { makeWorkspace, removeFolder } from './lspClient';
import { trustList, VENDOR_POLICY } from './policies';

/**
 * The traps a new user walks into (issue 13): a typo in a PATH or a --trust file must stop the run with
 * exit 2 and one message saying what is wrong, before any finding is printed.
 */
describe('cli: input errors are exit 2 with one clear message', function () {
  this.timeout(120_000);
  let folder: string;

  before(() => {
    folder = makeWorkspace({
      'vendor.json': VENDOR_POLICY,
      'ok-trust.json': trustList(),
      'comma.json': '{\n  "ownAccounts": ["111122223333"]\n  "trustedAccounts": {}\n}\n',
      'open.json': '{"ownAccounts": ["111122223333"',
      'schema.json': '{"ownAccounts": ["12"]}',
    });
    fs.mkdirSync(path.join(folder, 'folder-trust.json'));
  });

  after(() => removeFolder(folder));

  const stderrLines = (stderr: string): string[] => stderr.split('\n').filter((line) => line !== '');

  it('a PATH that does not exist: exit 2, one line naming it, nothing scanned', () => {
    const run = cli(['scan', 'nonexist'], folder);
    assert.strictEqual(run.code, 2);
    assert.deepStrictEqual(stderrLines(run.stderr), ['ecr-guard: nonexist does not exist']);
    assert.strictEqual(run.stdout, '');
  });

  const cases: [string, string][] = [
    ['missing.json', 'ecr-guard: trust list error: missing.json: does not exist'],
    ['folder-trust.json', 'ecr-guard: trust list error: folder-trust.json: not a regular file (directory)'],
    ['comma.json', 'ecr-guard: trust list error: comma.json:3:3: not valid JSON: expected a comma, or a closing brace or bracket'],
    ['open.json', 'ecr-guard: trust list error: open.json:1:32: not valid JSON: expected a closing bracket ]'],
  ];
  for (const [trust, message] of cases) {
    it(`--trust ${trust}: exit 2, the one message, no findings, whatever the format`, () => {
      for (const format of ['text', 'json', 'sarif']) {
        const run = cli(['scan', '.', '--trust', trust, '--format', format], folder);
        assert.strictEqual(run.code, 2, `${format}: ${run.stderr}`);
        assert.deepStrictEqual(stderrLines(run.stderr), [message], format);
        assert.strictEqual(run.stdout, '', `${format}: no findings are printed`);
      }
    });
  }

  it('a trust list that is JSON but breaks the schema is still scanned, its problems reported, exit 2', () => {
    const run = cli(['scan', '.', '--trust', 'schema.json', '--fail-on', 'never'], folder);
    assert.strictEqual(run.code, 2, run.stderr);
    assert.match(run.stderr, /trust list error: schema\.json:1:18: ownAccounts entries must be a 12-digit account ID/);
    assert.match(run.stdout, /untrusted-account/, 'the findings are printed as before');
  });

  it('a found .ecr-trust.json that is not JSON is named with line:column and the error in words', () => {
    const nested = makeWorkspace({ 'p/.ecr-trust.json': '{\n  "ownAccounts": ["111122223333"]\n  "x": 1\n}\n', 'p/vendor.json': VENDOR_POLICY });
    try {
      const run = cli(['scan', 'p', '--fail-on', 'never'], nested);
      assert.strictEqual(run.code, 2, run.stderr);
      assert.match(run.stderr, /^ecr-guard: trust list error: p\/\.ecr-trust\.json:3:3: Trust list is not valid JSON: expected a comma, or a closing brace or bracket\.$/m);
      assert.strictEqual(run.stdout, '', 'no findings judged without the list');
    } finally {
      removeFolder(nested);
    }
  });

  it('a good trust list still scans', () => {
    const run = cli(['scan', '.', '--trust', 'ok-trust.json', '--fail-on', 'never'], folder);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.strictEqual(run.stderr, '');
  });
});
