import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeFile } from '../../server/src/core/batch';
import { applyBaseline, Keyed, matchCounts, readBaselineFile, relativeFile } from '../../server/src/cli/baseline';
import { BaselineEntry, baselineText, countEntries, entryId, parseBaseline } from '../../server/src/cli/baselineFile';
import { FindingKey, findingKey } from '../../server/src/cli/baselineKey';
import { Report, ReportedFinding } from '../../server/src/cli/report';
import { buildSarif } from '../../server/src/export/sarif';
import { sarifValidator } from './sarifSchema';

function policy(statements: object[], above = ''): string {
  return `${above}${JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2)}`;
}

const PUBLIC = { Sid: 'PullForEveryone', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' };
const VENDOR = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'ecr:BatchGetImage' };

function keysOf(text: string, name = 'policy.json'): FindingKey[] {
  const result = analyzeFile({ name, text }, { now: new Date('2026-01-01') });
  return result.findings.map((finding) => findingKey(text, result, finding));
}

describe('cli: baseline keys', () => {
  it('keys by rule, Sid or statement number, and grantee; moving a statement down 10 lines keeps its key', () => {
    const keys = keysOf(policy([PUBLIC, VENDOR]));
    assert.deepStrictEqual(keys, [
      { rule: 'wildcard-principal', statement: 'Sid PullForEveryone', grantee: '"*"' },
      { rule: 'untrusted-account', statement: 'statement 2', grantee: '444455556666' },
    ]);
    assert.deepStrictEqual(keysOf(policy([PUBLIC, VENDOR], '\n'.repeat(10))), keys);
  });

  it('renaming the Sid or granting another account changes the key', () => {
    const [before] = keysOf(policy([PUBLIC]));
    const [renamed] = keysOf(policy([{ ...PUBLIC, Sid: 'PublicPull' }]));
    assert.notDeepStrictEqual(renamed, before);
    assert.strictEqual(renamed.statement, 'Sid PublicPull');
    const [other] = keysOf(policy([{ ...VENDOR, Principal: { AWS: 'arn:aws:iam::777788889999:root' } }]));
    assert.strictEqual(other.grantee, '777788889999');
  });

  it('names the CloudFormation resource that defines the policy', () => {
    const template = [
      'Resources:',
      '  AppRepo:',
      '    Type: AWS::ECR::Repository',
      '    Properties:',
      '      RepositoryPolicyText:',
      '        Version: "2012-10-17"',
      '        Statement:',
      '          - Sid: Public',
      '            Effect: Allow',
      '            Principal: "*"',
      '            Action: ecr:BatchGetImage',
      '',
    ].join('\n');
    const [key] = keysOf(template, 'template.yaml');
    assert.strictEqual(key.statement, 'Sid Public');
    assert.strictEqual(key.policy, 'AWS::ECR::Repository AppRepo');
  });
});

const KEY = { file: 'infra/public.json', rule: 'wildcard-principal', statement: 'Sid A', grantee: '"*"' };

describe('cli: baseline file', () => {
  it('counts identical findings in one entry and writes the same bytes for the same findings in any order', () => {
    const other = { ...KEY, statement: 'Sid B' };
    const entries = countEntries([KEY, other, KEY]);
    assert.deepStrictEqual(entries, [{ ...KEY, count: 2 }, { ...other, count: 1 }]);
    assert.strictEqual(baselineText(countEntries([other, KEY, KEY])), baselineText(entries));
    assert.deepStrictEqual(parseBaseline(baselineText(entries)), { entries });
  });

  it('names what is wrong: JSON errors by line and column, the version, the tool, each entry', () => {
    assert.deepStrictEqual(parseBaseline('{\n  "version": 1,\n  "findings": [\n'), { problem: '4:1: not valid JSON: expected a closing bracket ]' });
    assert.match((parseBaseline('{"findings": []}') as { problem: string }).problem, /not an ECR Guard baseline/);
    assert.match((parseBaseline('{"tool": "ecr-guard", "version": 2, "findings": []}') as { problem: string }).problem, /version 2 is not supported/);
    const badCount = JSON.stringify({ tool: 'ecr-guard', version: 1, findings: [{ ...KEY, count: 0 }] });
    assert.deepStrictEqual(parseBaseline(badCount), { problem: 'findings[0]: "count" must be a whole number, 1 or more' });
    const noRule = JSON.stringify({ tool: 'ecr-guard', version: 1, findings: [{ ...KEY, rule: 3, count: 1 }] });
    assert.deepStrictEqual(parseBaseline(noRule), { problem: 'findings[0]: "rule" must be a string' });
  });

  it('reading a missing or broken file stops the run with one message', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-guard-baseline-'));
    try {
      assert.throws(() => readBaselineFile(path.join(folder, 'none.json')), /baseline error: .*none\.json: does not exist/);
      fs.writeFileSync(path.join(folder, 'broken.json'), '{ "version": 1,, }');
      assert.throws(() => readBaselineFile(path.join(folder, 'broken.json')), /broken\.json:1:16: not valid JSON: expected a property name/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('files are relative to the baseline folder, with forward slashes', () => {
    assert.strictEqual(relativeFile(path.join('repo', 'baseline.json'), path.join('repo', 'infra', 'a.json')), 'infra/a.json');
    assert.strictEqual(relativeFile(path.join('repo', 'ci', 'baseline.json'), path.join('repo', 'a.json')), '../a.json');
  });
});

describe('cli: baseline counts', () => {
  const entry = (count: number): BaselineEntry => ({ ...KEY, count });

  it('the first N findings of a key are baselined, those beyond are new, and unused counts are gone', () => {
    const id = entryId(KEY);
    assert.deepStrictEqual(matchCounts([id, id, id], [entry(2)]), { matched: [true, true, false], gone: 0 });
    assert.deepStrictEqual(matchCounts([id], [entry(3)]), { matched: [true], gone: 2 });
    assert.deepStrictEqual(matchCounts([entryId({ ...KEY, grantee: '111122223333' })], [entry(1)]), { matched: [false], gone: 1 });
  });

  it('moves baselined findings out of the gate and marks SARIF results new or unchanged', () => {
    const reported = (line: number): ReportedFinding => ({ file: 'infra/public.json', rule: KEY.rule, severity: 'error', line, column: 1, message: 'm' });
    const first = reported(3);
    const second = reported(9);
    const report: Report = { filesScanned: 1, findings: [first, second], suppressed: [] };
    const sarif = (): Keyed['sarif'] => ({ rule: 'wildcard-principal', severity: 'error', message: 'm', uri: 'u', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 });
    const key: FindingKey = { rule: KEY.rule, statement: KEY.statement, grantee: KEY.grantee };
    const keyed: Keyed[] = [{ finding: first, key, sarif: sarif() }, { finding: second, key, sarif: sarif() }];
    const gone = applyBaseline(report, keyed, 'baseline.json', [entry(1)]);
    assert.strictEqual(gone, 0);
    assert.deepStrictEqual(report.baselined, [first]);
    assert.deepStrictEqual(report.findings, [second]);
    assert.deepStrictEqual(keyed.map((item) => item.sarif?.baselineState), ['unchanged', 'new']);
    const log = buildSarif(keyed.map((item) => item.sarif!), { toolVersion: '0.1.0' }) as { runs: { results: { baselineState?: string }[] }[] };
    assert.deepStrictEqual(sarifValidator()(log), []);
    assert.deepStrictEqual(log.runs[0].results.map((result) => result.baselineState), ['unchanged', 'new']);
  });
});
