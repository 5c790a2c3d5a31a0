import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { cli, jsonOutput } from './cliRun';
import { makeWorkspace, REPO_ROOT, removeFolder } from './lspClient';
import { PUBLIC_POLICY } from './policies';

/** The command line as node:util parseArgs reads it: --version, a help in sections, unknown options by name. */
describe('cli: arguments', function () {
  this.timeout(60_000);
  let folder: string;

  before(() => {
    folder = makeWorkspace({ 'public.json': PUBLIC_POLICY });
  });

  after(() => removeFolder(folder));

  it('--version prints the package.json version and exits 0, with or without the command', () => {
    const version = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    for (const args of [['--version'], ['scan', '--version'], ['scan', '.', '--version']]) {
      const run = cli(args, folder);
      assert.strictEqual(run.code, 0, args.join(' '));
      assert.strictEqual(run.stdout, `${version}\n`, args.join(' '));
      assert.strictEqual(run.stderr, '');
    }
  });

  it('--help and -h print the help in sections and exit 0', () => {
    for (const flag of ['--help', '-h']) {
      const run = cli([flag]);
      assert.strictEqual(run.code, 0);
      const headings = run.stdout.split('\n').filter((line) => /^[A-Z][a-z ]+:$/.test(line));
      assert.deepStrictEqual(headings, ['Commands:', 'Options:', 'Examples:', 'Accepting a finding on purpose:', 'Exit codes:'], flag);
      assert.match(run.stdout, /^Usage: ecr-guard scan /);
      for (const option of ['--trust', '--format', '--output', '--inventory', '--fail-on', '--var-file', '--var', '--baseline', '--write-baseline', '--max-size', '--jobs', '--version']) {
        assert.match(run.stdout, new RegExp(`^  (-h, )?${option} `, 'm'), `${option} is listed`);
      }
    }
  });

  it('rejects an unknown option by name with exit 2, suggesting the closest', () => {
    const run = cli(['scan', '.', '--fail-onn', 'never'], folder);
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /^ecr-guard: unknown option --fail-onn; did you mean --fail-on\?/);
    assert.match(run.stderr, /Run ecr-guard --help/);
    assert.strictEqual(run.stdout, '');
    const far = cli(['scan', '.', '--colour'], folder);
    assert.strictEqual(far.code, 2);
    assert.match(far.stderr, /^ecr-guard: unknown option --colour \(/, 'no suggestion when nothing is close');
  });

  it('says what a value-taking option needs, and how to give a value that starts with -', () => {
    const missing = cli(['scan', '.', '--trust'], folder);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /^ecr-guard: --trust needs a value: a FILE/);
    const dashed = cli(['scan', '.', '--output', '-report.txt'], folder);
    assert.strictEqual(dashed.code, 2);
    assert.match(dashed.stderr, /--output takes a FILE \(write --output=VALUE for a value that starts with -\)/);
    assert.strictEqual(cli(['scan', '.', '--help=yes'], folder).code, 2, 'a flag takes no value');
  });

  it('takes --NAME=VALUE, and --var and --var-file more than once', () => {
    const run = cli(['scan', '.', '--format=json', '--fail-on=never', '--var', 'a=1', '--var=b=2'], folder);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.deepStrictEqual(jsonOutput<{ findings: { rule: string }[] }>(run).findings.map((finding) => finding.rule), ['wildcard-principal']);
    fs.writeFileSync(path.join(folder, 'one.tfvars'), 'a = 1\n');
    const twice = cli(['scan', '.', '--var-file', 'one.tfvars', '--var-file', 'missing.tfvars'], folder);
    assert.strictEqual(twice.code, 2);
    assert.match(twice.stderr, /--var-file missing\.tfvars/, 'the second --var-file is read too');
  });
});
