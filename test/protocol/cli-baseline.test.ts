import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { cli, jsonOutput } from './cliRun';
import { makeWorkspace, removeFolder, writeFile } from './lspClient';

interface Reported { file: string; rule: string; line: number }
interface JsonReport { findings: Reported[]; suppressed: Reported[]; baselined?: Reported[] }

function policy(statements: object[], above = ''): string {
  return `${above}${JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2)}\n`;
}

const PULL_ALL = { Sid: 'PullForEveryone', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' };
const PUSH_ALL = { Sid: 'PushForEveryone', Effect: 'Allow', Principal: '*', Action: 'ecr:PutImage' };

/** The built CLI with --write-baseline and --baseline, as a CI job adopting ECR Guard runs it. */
describe('cli: baselines', function () {
  this.timeout(60_000);
  let folder: string;

  beforeEach(() => {
    folder = makeWorkspace({ 'infra/public.json': policy([PULL_ALL]) });
  });

  afterEach(() => removeFolder(folder));

  const baseline = (): string => path.join(folder, 'ecr-guard-baseline.json');

  it('writes the current findings and exits 0; an unchanged scan passes and rewrites the same bytes', () => {
    const write = cli(['scan', '.', '--write-baseline', 'ecr-guard-baseline.json'], folder);
    assert.strictEqual(write.code, 0, write.stderr);
    assert.match(write.stdout, /^Baseline written to ecr-guard-baseline\.json \(1 finding\)$/m);
    const written = fs.readFileSync(baseline(), 'utf8');
    assert.deepStrictEqual(JSON.parse(written).findings, [{ file: 'infra/public.json', rule: 'wildcard-principal', statement: 'Sid PullForEveryone', grantee: '"*"', count: 1 }]);
    const gate = cli(['scan', '.', '--baseline', 'ecr-guard-baseline.json'], folder);
    assert.strictEqual(gate.code, 0, gate.stdout);
    assert.match(gate.stdout, /^No findings \(1 file scanned; 1 in baseline\)\.$/m, 'the baseline itself is not scanned');
    assert.strictEqual(cli(['scan', '.', '--write-baseline', 'ecr-guard-baseline.json'], folder).code, 0);
    assert.strictEqual(fs.readFileSync(baseline(), 'utf8'), written);
  });

  it('fails only on a new finding, and keeps passing when lines are inserted above a baselined one', () => {
    cli(['scan', '.', '--write-baseline', 'ecr-guard-baseline.json'], folder);
    writeFile(folder, 'infra/public.json', policy([PULL_ALL], '\n\n\n\n\n'));
    assert.strictEqual(cli(['scan', '.', '--baseline', 'ecr-guard-baseline.json'], folder).code, 0, 'moved down: same key');
    writeFile(folder, 'infra/public.json', policy([PUSH_ALL, PULL_ALL]));
    const run = cli(['scan', '.', '--baseline', 'ecr-guard-baseline.json', '--format', 'json'], folder);
    assert.strictEqual(run.code, 1, run.stderr);
    const report = jsonOutput<JsonReport>(run);
    // PushForEveryone is lines 4-9, PullForEveryone 10-15.
    assert.ok(report.findings.length > 0 && report.findings.every((finding) => finding.line <= 9), 'only the new statement fails');
    assert.deepStrictEqual(report.baselined?.map((finding) => [finding.rule, finding.line >= 10]), [['wildcard-principal', true]]);
  });

  it('runs from another folder: files are keyed relative to the baseline', () => {
    cli(['scan', '.', '--write-baseline', 'ecr-guard-baseline.json'], folder);
    const run = cli(['scan', '.', '--baseline', '../ecr-guard-baseline.json', '--format', 'json'], path.join(folder, 'infra'));
    assert.strictEqual(run.code, 0, run.stdout);
    assert.strictEqual(jsonOutput<JsonReport>(run).baselined?.length, 1);
  });

  it('says which baseline findings are gone, and both flags ratchet the file down', () => {
    writeFile(folder, 'infra/public.json', policy([PULL_ALL, PUSH_ALL]));
    cli(['scan', '.', '--write-baseline', 'ecr-guard-baseline.json'], folder);
    const before = JSON.parse(fs.readFileSync(baseline(), 'utf8')).findings.length as number;
    writeFile(folder, 'infra/public.json', policy([PULL_ALL]));
    const run = cli(['scan', '.', '--baseline', 'ecr-guard-baseline.json'], folder);
    assert.strictEqual(run.code, 0);
    assert.match(run.stdout, /of the baseline no longer occurs? \(fixed or changed\); rewrite it with --write-baseline ecr-guard-baseline\.json/);
    writeFile(folder, 'infra/other.json', policy([PUSH_ALL]));
    const ratchet = cli(['scan', '.', '--baseline', 'ecr-guard-baseline.json', '--write-baseline', 'ecr-guard-baseline.json'], folder);
    assert.strictEqual(ratchet.code, 1, 'the new file still fails the gate');
    const after = JSON.parse(fs.readFileSync(baseline(), 'utf8')).findings as { file: string; statement: string }[];
    assert.ok(before > 1);
    assert.deepStrictEqual(after.map((entry) => [entry.file, entry.statement]), [['infra/public.json', 'Sid PullForEveryone']]);
  });

  it('a missing or broken baseline stops the run with exit 2, one message and no findings', () => {
    fs.writeFileSync(baseline(), '{\n  "version": 1,\n  "findings": [\n');
    const broken = cli(['scan', '.', '--baseline', 'ecr-guard-baseline.json'], folder);
    assert.strictEqual(broken.code, 2);
    assert.strictEqual(broken.stderr, 'ecr-guard: baseline error: ecr-guard-baseline.json:4:1: not valid JSON: expected a closing bracket ]\n');
    assert.strictEqual(broken.stdout, '');
    const missing = cli(['scan', '.', '--baseline', 'none.json'], folder);
    assert.strictEqual(missing.code, 2);
    assert.strictEqual(missing.stderr, 'ecr-guard: baseline error: none.json: does not exist\n');
  });

  it('refuses to write the baseline over a scanned file', () => {
    const run = cli(['scan', '.', '--write-baseline', 'infra/public.json'], folder);
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /--write-baseline infra\/public\.json is a file this scan reads; write it elsewhere/);
    assert.match(fs.readFileSync(path.join(folder, 'infra/public.json'), 'utf8'), /PullForEveryone/);
  });

  it('SARIF results carry baselineState only when a baseline is given', () => {
    cli(['scan', '.', '--write-baseline', 'ecr-guard-baseline.json'], folder);
    writeFile(folder, 'infra/other.json', policy([PUSH_ALL]));
    type Sarif = { runs: { results: { baselineState?: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const states = (args: string[]): [string, string | undefined][] => (jsonOutput<Sarif>(cli(['scan', '.', '--format', 'sarif', ...args], folder)).runs[0].results
      .map((result) => [result.locations[0].physicalLocation.artifactLocation.uri, result.baselineState]));
    const compared = states(['--baseline', 'ecr-guard-baseline.json']);
    assert.ok(compared.some(([uri, state]) => uri === 'infra/public.json' && state === 'unchanged'));
    assert.ok(compared.filter(([uri]) => uri === 'infra/other.json').every(([, state]) => state === 'new'));
    assert.ok(compared.every(([, state]) => state !== undefined));
    assert.ok(states([]).every(([, state]) => state === undefined));
  });
});
