import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { cli } from './cliRun';
import { makeWorkspace, removeFolder } from './lspClient';
import { json, PUBLIC_POLICY, trustList, VENDOR_ACCOUNT } from './policies';

/**
 * The built CLI on hostile values (issue 9): an absurd action string, a trust list with a byte order mark or a
 * duplicated account, and CR-only line endings.
 */
interface Report {
  filesScanned: number;
  findings: { file: string; rule: string; line: number; column: number }[];
}

const WRITE_POLICY = json({
  Version: '2012-10-17',
  Statement: [{ Sid: 'Push', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${VENDOR_ACCOUNT}:root` }, Action: ['ecr:BatchGetImage', 'ecr:PutImage'] }],
});

describe('cli: hostile values', function () {
  this.timeout(60_000);
  const folders: string[] = [];
  const workspace = (files: Record<string, string>): string => {
    const folder = makeWorkspace(files);
    folders.push(folder);
    return folder;
  };
  after(() => folders.forEach(removeFolder));

  it('an action of 8,000 wildcards: the run finishes with that file\'s other findings and the other files\'', () => {
    const absurd = json({ Statement: [
      { Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' },
      { Effect: 'Allow', Principal: { AWS: VENDOR_ACCOUNT }, Action: ['ecr:PutImage', `ecr:${'a*'.repeat(8000)}`] },
    ] });
    const folder = workspace({ 'absurd.json': absurd, 'public.json': PUBLIC_POLICY, '.ecr-trust.json': trustList() });
    const run = cli(['scan', '.', '--format', 'sarif'], folder);
    assert.strictEqual(run.code, 1, run.stderr);
    const sarif = JSON.parse(run.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const results = sarif.runs[0].results.map((result) => `${result.locations[0].physicalLocation.artifactLocation.uri} ${result.ruleId}`);
    // The absurd action also makes the policy longer than ECR accepts (invalid-policy, on the first statement).
    assert.deepStrictEqual(results.filter((result) => result.startsWith('absurd.json')), [
      'absurd.json invalid-policy', 'absurd.json wildcard-principal', 'absurd.json untrusted-account', 'absurd.json external-write',
    ]);
    assert.ok(results.some((result) => result.startsWith('public.json')));
  });

  it('a trust list with a byte order mark is read without error', () => {
    const folder = workspace({
      'policy.json': WRITE_POLICY,
      '.ecr-trust.json': `\ufeff${trustList({ trustedAccounts: { [VENDOR_ACCOUNT]: { access: 'push' } } })}`,
    });
    const run = cli(['scan', '.', '--format', 'json'], folder);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /trust list error/);
    assert.deepStrictEqual((JSON.parse(run.stdout) as Report).findings, []);
  });

  it('a duplicated account (pull, then admin) is an error and keeps the PutImage finding', () => {
    const trust = `{\n  "trustedAccounts": {\n    "${VENDOR_ACCOUNT}": { "access": "pull" },\n    "${VENDOR_ACCOUNT}": { "access": "admin" }\n  }\n}\n`;
    const folder = workspace({ 'policy.json': WRITE_POLICY, '.ecr-trust.json': trust });
    const run = cli(['scan', '.', '--format', 'json', '--fail-on', 'never'], folder);
    assert.strictEqual(run.code, 2, 'a trust list with errors');
    assert.match(run.stderr, /trust list error: \.ecr-trust\.json:\d+:\d+: .*given twice/);
    assert.deepStrictEqual((JSON.parse(run.stdout) as Report).findings.map((finding) => finding.rule), ['external-write']);
  });

  it('CR-only line endings: text, JSON and SARIF give the line and column the editor shows', () => {
    const text = WRITE_POLICY.replace(/\n/g, '\r');
    const folder = workspace({ 'policy.json': text });
    const document = TextDocument.create('file:///policy.json', 'json', 1, text);
    const at = document.positionAt(text.indexOf(`"arn:aws:iam::${VENDOR_ACCOUNT}`));
    const expected = `${at.line + 1}:${at.character + 1}`;
    assert.notStrictEqual(at.line, 0);
    const report = JSON.parse(cli(['scan', '.', '--format', 'json'], folder).stdout) as Report;
    const untrusted = report.findings.find((finding) => finding.rule === 'untrusted-account')!;
    assert.strictEqual(`${untrusted.line}:${untrusted.column}`, expected);
    assert.match(cli(['scan', '.'], folder).stdout, new RegExp(`^policy\\.json\\n(?: {2}.*\\n)* {2}${expected} +warning .* {2}untrusted-account$`, 'm'));
    const sarifFile = path.join(folder, 'out.sarif');
    cli(['scan', 'policy.json', '--format', 'sarif', '--output', sarifFile], folder);
    const sarif = JSON.parse(fs.readFileSync(sarifFile, 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[] }[] };
    const region = sarif.runs[0].results.find((result) => result.ruleId === 'untrusted-account')!.locations[0].physicalLocation.region;
    assert.strictEqual(`${region.startLine}:${region.startColumn}`, expected);
  });
  it('a byte order mark is dropped as VS Code drops it: a BOM .tf heredoc policy is found, and line 1 columns match the editor', () => {
    const heredoc = 'resource "aws_ecr_repository_policy" "p" {\n  repository = "r"\n  policy = <<EOF\n{"Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage"}]}\nEOF\n}\n';
    const oneLine = '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage"}]}';
    const folder = workspace({ 'main.tf': `\ufeff${heredoc}`, 'one-line.json': `\ufeff${oneLine}` });
    const report = JSON.parse(cli(['scan', '.', '--format', 'json', '--fail-on', 'never'], folder).stdout) as Report;
    const at = (file: string) => report.findings.filter((finding) => finding.file === file).map((finding) => `${finding.rule} ${finding.line}:${finding.column}`);
    assert.deepStrictEqual(at('main.tf'), [`wildcard-principal 4:${heredoc.split('\n')[3].indexOf('"*"') + 1}`]);
    // The editor's text has no BOM, so the column is the one in the text without it.
    assert.deepStrictEqual(at('one-line.json'), [`wildcard-principal 1:${oneLine.indexOf('"*"') + 1}`]);
  });
});
