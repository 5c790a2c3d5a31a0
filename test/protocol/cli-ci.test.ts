import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { cli } from './cliRun';
import { CLI_JS, makeWorkspace, removeFolder, REPO_ROOT } from './lspClient';
import { json, PUBLIC_POLICY, S3_POLICY, STAGING_ACCOUNT, trustList, VENDOR_ACCOUNT, VENDOR_POLICY } from './policies';
import { sarifValidator } from '../unit/sarifSchema';

/** The CLI as CI runs it: SARIF for code scanning, --output, --inventory, and exit codes for --fail-on. */

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { message: { text: string } }[] }[];
    results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[] }[];
  }[];
}

const WARNING_ONLY = VENDOR_POLICY;
const INFORMATION_ONLY = `locals {\n  x = 1\n}\n\ndata "aws_iam_policy_document" "pull" {\n  statement {\n    actions = ["ecr:BatchGetImage"]\n    principals {\n      type        = "AWS"\n      identifiers = var.readers\n    }\n  }\n}\n\nvariable "readers" {}\n`;

describe('cli: CI gating, SARIF, --output and --inventory', function () {
  this.timeout(60_000);
  const validate = sarifValidator();
  const folders: string[] = [];
  const temp = (files: Record<string, string>): string => {
    const folder = makeWorkspace(files);
    folders.push(folder);
    return folder;
  };

  after(() => folders.forEach(removeFolder));

  it('writes SARIF 2.1.0 that validates against the OASIS schema, for every finding, with exact regions', () => {
    const folder = temp({ '.ecr-trust.json': trustList(), 'repo policies/public.json': PUBLIC_POLICY, 'vendor.json': VENDOR_POLICY, 's3.json': S3_POLICY, 'infra/main.tf': INFORMATION_ONLY });
    const run = cli(['scan', '.', '--format', 'sarif', '--fail-on', 'never'], folder);
    assert.strictEqual(run.code, 0, run.stderr);
    const log = JSON.parse(run.stdout) as SarifLog;
    assert.deepStrictEqual(validate(log), []);
    const [sarifRun] = log.runs;
    assert.strictEqual(sarifRun.tool.driver.name, 'ECR Guard');
    assert.deepStrictEqual(sarifRun.originalUriBaseIds['%SRCROOT%'], { uri: `${pathToFileURL(folder).href}/` });
    assert.deepStrictEqual(sarifRun.results.map((result) => [result.ruleId, result.level, result.locations[0].physicalLocation.artifactLocation.uri]).sort(), [
      ['unresolved-principal', 'note', 'infra/main.tf'],
      ['untrusted-account', 'warning', 'vendor.json'],
      ['wildcard-principal', 'error', 'repo%20policies/public.json'],
    ]);
    const wildcard = sarifRun.results.find((result) => result.ruleId === 'wildcard-principal')!;
    const lines = PUBLIC_POLICY.split('\n');
    const { startLine, startColumn, endLine, endColumn } = wildcard.locations[0].physicalLocation.region;
    assert.strictEqual(startLine, endLine);
    assert.strictEqual(lines[startLine - 1].slice(startColumn - 1, endColumn - 1), '"*"');
    assert.match(wildcard.message.text, /^Public: anyone may pull \(Principal "\*"; no binding condition\)$/);
    // The same findings as the JSON format.
    const report = JSON.parse(cli(['scan', '.', '--format', 'json', '--fail-on', 'never'], folder).stdout) as { findings: { rule: string; file: string; line: number; column: number }[] };
    assert.deepStrictEqual(report.findings.map((finding) => [finding.rule, finding.line, finding.column]).sort(),
      sarifRun.results.map((result) => [result.ruleId, result.locations[0].physicalLocation.region.startLine, result.locations[0].physicalLocation.region.startColumn]).sort());
  });

  it('writes a valid SARIF log with no results when nothing is found, and notes skipped files', () => {
    const folder = temp({ 's3.json': S3_POLICY, 'big.json': json({ Padding: 'x'.repeat(3000) }) });
    const run = cli(['scan', '.', '--format', 'sarif', '--max-size', '1000'], folder);
    assert.strictEqual(run.code, 0);
    const log = JSON.parse(run.stdout) as SarifLog;
    assert.deepStrictEqual(validate(log), []);
    assert.deepStrictEqual(log.runs[0].results, []);
    assert.deepStrictEqual(log.runs[0].invocations[0].toolExecutionNotifications?.map((note) => note.message.text), ['skipped big.json: larger than 1000 bytes']);
  });

  it('exits by --fail-on: error (default), warning, information, never', () => {
    const cases: [Record<string, string>, Record<string, number>][] = [
      [{ 'public.json': PUBLIC_POLICY }, { error: 1, warning: 1, information: 1, never: 0 }],
      [{ '.ecr-trust.json': trustList(), 'vendor.json': WARNING_ONLY }, { error: 0, warning: 1, information: 1, never: 0 }],
      [{ '.ecr-trust.json': trustList(), 'main.tf': INFORMATION_ONLY }, { error: 0, warning: 0, information: 1, never: 0 }],
      [{ '.ecr-trust.json': trustList(), 's3.json': S3_POLICY }, { error: 0, warning: 0, information: 0, never: 0 }],
    ];
    for (const [files, expected] of cases) {
      const folder = temp(files);
      const name = Object.keys(files).filter((file) => file !== '.ecr-trust.json').join(', ');
      assert.strictEqual(cli(['scan', '.'], folder).code, expected.error, `${name}: default --fail-on`);
      for (const [failOn, code] of Object.entries(expected)) {
        for (const format of ['text', 'json', 'sarif']) {
          assert.strictEqual(cli(['scan', '.', '--fail-on', failOn, '--format', format], folder).code, code, `${name}: --fail-on ${failOn} --format ${format}`);
        }
      }
    }
  });

  it('--output writes the report to a file and prints only the summary', () => {
    const folder = temp({ '.ecr-trust.json': trustList(), 'public.json': PUBLIC_POLICY, 'vendor.json': VENDOR_POLICY });
    const sarif = cli(['scan', '.', '--format', 'sarif', '--output', 'out/ecr-guard.sarif'], temp({}));
    assert.strictEqual(sarif.code, 2, 'a folder that does not exist is a usage error');
    assert.match(sarif.stderr, /cannot write/);
    const run = cli(['scan', '.', '--format', 'sarif', '--output', 'ecr-guard.sarif'], folder);
    assert.strictEqual(run.code, 1);
    assert.strictEqual(run.stdout, '1 error, 1 warning in 2 files (2 files scanned). Fix them, or run with --fail-on never to report only.\nSARIF written to ecr-guard.sarif\n');
    const log = JSON.parse(fs.readFileSync(path.join(folder, 'ecr-guard.sarif'), 'utf8')) as SarifLog;
    assert.deepStrictEqual(validate(log), []);
    assert.strictEqual(log.runs[0].results.length, 2);
    cli(['scan', '.', '--format', 'json', '--output', 'report.json', '--fail-on', 'never'], folder);
    const report = JSON.parse(fs.readFileSync(path.join(folder, 'report.json'), 'utf8')) as { filesScanned: number; findings: unknown[] };
    assert.deepStrictEqual(Object.keys(report).sort(), ['filesScanned', 'findings'], 'the JSON contract is unchanged');
    assert.strictEqual(report.findings.length, 2);
    const text = cli(['scan', '.', '--output', 'report.txt'], folder, undefined, { FORCE_COLOR: '1' });
    assert.match(text.stdout, /Report written to report\.txt\n$/);
    const written = fs.readFileSync(path.join(folder, 'report.txt'), 'utf8');
    assert.match(written, /^public\.json\n {2}\d+:\d+ {2}error {2,}.* {2}wildcard-principal$/m);
    assert.ok(!written.includes('\u001b['), 'a file never gets colour, even with FORCE_COLOR');
  });

  it('refuses --output and --inventory over a file the scan reads, or naming one file, with exit 2 before writing anything', () => {
    const policies = { 'policies/public.json': PUBLIC_POLICY, 'policies/vendor.json': VENDOR_POLICY, 'infra/main.tf': INFORMATION_ONLY, 'infra/locals.tf': 'locals {\n  y = 2\n}\n' };
    const folder = temp({ '.ecr-trust.json': trustList(), 'central-trust.json': trustList(), ...policies });
    // The same files under other names: a symlink to a policy, a hard link to one, a symlink to the trust list.
    fs.symlinkSync(path.join('policies', 'public.json'), path.join(folder, 'public-link.sarif'));
    fs.linkSync(path.join(folder, 'policies', 'vendor.json'), path.join(folder, 'vendor-hardlink.txt'));
    fs.symlinkSync('.ecr-trust.json', path.join(folder, 'trust-link.md'));
    const linked = ['public-link.sarif', 'vendor-hardlink.txt', 'trust-link.md'];
    const before = new Map(Object.keys(policies).concat('.ecr-trust.json', 'central-trust.json').map((file) => [file, fs.readFileSync(path.join(folder, file), 'utf8')]));
    const cases: [string[], RegExp][] = [
      [['scan', '.', '--format', 'sarif', '--output', 'policies/public.json'], /--output policies\/public\.json is a file this scan reads/],
      [['scan', 'policies', '--inventory', path.join(folder, 'policies', 'vendor.json')], /--inventory .*vendor\.json is a file this scan reads/],
      [['scan', 'policies', '--output', '.ecr-trust.json'], /--output \.ecr-trust\.json is .*this scan reads/],
      [['scan', '.', '--trust', 'central-trust.json', '--output', 'central-trust.json'], /--output central-trust\.json is .*this scan reads/],
      [['scan', 'infra/main.tf', '--output', 'infra/locals.tf'], /--output infra\/locals\.tf is .*this scan reads/],
      [['scan', '.', '--output', 'same.md', '--inventory', './same.md'], /--output and --inventory name the same file/],
      ...linked.map((link): [string[], RegExp] => [['scan', 'policies', '--output', link], new RegExp(`--output ${link.replace('.', '\\.')} is the same file as .*, which this scan reads`)]),
    ];
    for (const [args, message] of cases) {
      const run = cli(args, folder);
      assert.strictEqual(run.code, 2, args.join(' '));
      assert.match(run.stderr, message, args.join(' '));
      assert.strictEqual(run.stdout, '', `${args.join(' ')}: no report`);
    }
    for (const [file, text] of before) assert.strictEqual(fs.readFileSync(path.join(folder, file), 'utf8'), text, `${file} is unchanged`);
    assert.ok(!fs.existsSync(path.join(folder, 'same.md')));
    const fine = cli(['scan', 'policies', '--output', 'report.sarif', '--format', 'sarif', '--inventory', 'grants.md'], folder);
    assert.strictEqual(fine.code, 1, fine.stderr);
  });

  it('--inventory writes every cross-account grant as CSV or Markdown', () => {
    const folder = temp({
      '.ecr-trust.json': trustList(),
      'mixed.json': json({ Statement: [
        { Sid: 'Staging', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${STAGING_ACCOUNT}:root` }, Action: 'ecr:BatchGetImage' },
        { Sid: 'Vendor', Effect: 'Allow', Principal: { AWS: VENDOR_ACCOUNT }, Action: ['ecr:BatchGetImage', 'ecr:PutImage'] },
      ] }),
    });
    const run = cli(['scan', '.', '--inventory', 'grants.csv', '--fail-on', 'never'], folder);
    assert.strictEqual(run.code, 0, run.stderr);
    const csv = fs.readFileSync(path.join(folder, 'grants.csv'), 'utf8').split('\r\n');
    assert.strictEqual(csv[0], 'grantee type,account,name,trust level,access granted,file,line,column,policy,repository,statement sid,statement,actions granted,actions as written,rule,severity,suppressed');
    assert.match(csv[1], new RegExp(`^account,${STAGING_ACCOUNT},staging,trusted for pull,pull,mixed\\.json,\\d+,\\d+,,,Staging,#1,ecr:BatchGetImage,ecr:BatchGetImage,,,$`));
    assert.match(csv[2], new RegExp(`^account,${VENDOR_ACCOUNT},,untrusted,push,mixed\\.json,\\d+,\\d+,,,Vendor,#2,ecr:BatchGetImage ecr:PutImage,ecr:BatchGetImage ecr:PutImage,external-write untrusted-account,error,$`));
    cli(['scan', '.', '--inventory', 'grants.md', '--fail-on', 'never'], folder);
    const markdown = fs.readFileSync(path.join(folder, 'grants.md'), 'utf8');
    assert.match(markdown, /^# ECR cross-account grants/);
    assert.match(markdown, /Trust list: `\.ecr-trust\.json`\./);
    assert.match(markdown, new RegExp(`## ${VENDOR_ACCOUNT}`));
  });

  it('exits 2 on usage errors and on a broken trust list, whatever the format', () => {
    const folder = temp({ 'public.json': PUBLIC_POLICY });
    for (const args of [['scan', '.', '--format', 'html'], ['scan', '.', '--output'], ['scan', '.', '--inventory'], ['scan', '.', '--fail-on', 'critical']]) {
      const run = cli(args, folder);
      assert.strictEqual(run.code, 2, args.join(' '));
      assert.match(run.stderr, /Usage: ecr-guard scan/);
    }
    const broken = temp({ '.ecr-trust.json': '{"ownAccounts": ["12"]', 's3.json': S3_POLICY });
    const run = cli(['scan', '.', '--format', 'sarif', '--fail-on', 'never'], broken);
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /trust list error/);
    assert.strictEqual(run.stdout, '', 'a trust list that is not JSON leaves no verdict to report');
    const schemaBroken = temp({ '.ecr-trust.json': '{"ownAccounts": ["12"]}', 'public.json': PUBLIC_POLICY });
    const scanned = cli(['scan', '.', '--format', 'sarif', '--fail-on', 'never'], schemaBroken);
    assert.strictEqual(scanned.code, 2);
    assert.match(scanned.stderr, /trust list error: .*ownAccounts entries must be a 12-digit account ID/);
    assert.deepStrictEqual(validate(JSON.parse(scanned.stdout)), [], 'a list that is JSON is used, its mistakes reported, and the report written');
  });

  it('--jobs N splits the work across threads with the same output, skips and exit code as one thread', () => {
    const files: Record<string, string> = { '.ecr-trust.json': trustList(), 'infra/main.tf': INFORMATION_ONLY, 'infra/locals.tf': 'locals {\n  y = 2\n}\n' };
    for (let i = 0; i < 12; i++) {
      files[`team-${i}/public.json`] = PUBLIC_POLICY;
      files[`team-${i}/vendor.json`] = VENDOR_POLICY;
      files[`team-${i}/s3.json`] = S3_POLICY;
    }
    files['team-5/big.json'] = json({ Padding: 'x'.repeat(3000) });
    files['team-7/.ecr-trust.json'] = '{"ownAccounts": ["12"]}';
    const folder = temp(files);
    const one = cli(['scan', '.', '--format', 'sarif', '--max-size', '2000', '--jobs', '1', '--inventory', 'one.csv'], folder);
    const three = cli(['scan', '.', '--format', 'sarif', '--max-size', '2000', '--jobs', '3', '--inventory', 'three.csv'], folder);
    assert.strictEqual(three.code, one.code);
    assert.strictEqual(one.code, 2, 'team-7 has a broken trust list');
    assert.strictEqual(three.stdout, one.stdout);
    assert.strictEqual(three.stderr.replace('three.csv', 'one.csv'), one.stderr, 'the same notes (the inventory named where it went)');
    assert.match(one.stderr, /^Inventory written to one\.csv$/m, 'on stderr: stdout is the SARIF log');
    assert.strictEqual(fs.readFileSync(path.join(folder, 'three.csv'), 'utf8'), fs.readFileSync(path.join(folder, 'one.csv'), 'utf8'));
    assert.strictEqual((JSON.parse(one.stdout) as SarifLog).runs[0].results.length, 12 * 2 + 1);
    for (const jobs of ['0', '1.5', 'many']) assert.strictEqual(cli(['scan', '.', '--jobs', jobs], folder).code, 2, `--jobs ${jobs}`);
  });

  it('is the package\'s ecr-guard bin', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.strictEqual(manifest.bin['ecr-guard'], './server/out/cli.js');
    assert.ok(fs.readFileSync(CLI_JS, 'utf8').startsWith('#!/usr/bin/env node'));
  });
});
