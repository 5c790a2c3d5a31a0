import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { cli, jsonOutput, Run } from './cliRun';
import { makeWorkspace, removeFolder, REPO_ROOT } from './lspClient';
import { json, PUBLIC_POLICY, S3_POLICY, trustList, VENDOR_ACCOUNT, VENDOR_POLICY } from './policies';

interface Finding {
  file: string;
  rule: string;
  severity: string;
  line: number;
  column: number;
  message: string;
}

interface Report {
  filesScanned: number;
  findings: Finding[];
}

function jsonReport(run: Run): Report {
  return jsonOutput<Report>(run);
}

/** The source text a 1-based line/column points at. */
function textAt(file: string, line: number, column: number, length: number): string {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  return lines[line - 1].slice(column - 1, column - 1 + length);
}

/** Files the CLI should pick up under a folder: JSON, JSONC, Terraform and YAML, not the trust list. */
function scannable(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(json|jsonc|tf|ya?ml|template)$/i.test(entry.name) && entry.name !== '.ecr-trust.json')
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('cli: scan', function () {
  this.timeout(60_000);
  const temps: string[] = [];
  const temp = (files: Record<string, string | Buffer>): string => {
    const folder = makeWorkspace();
    for (const [relative, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
      fs.writeFileSync(path.join(folder, relative), text);
    }
    temps.push(folder);
    return folder;
  };

  after(() => temps.forEach(removeFolder));

  describe('the bundled examples', () => {
    let run: Run;
    let report: Report;

    before(() => {
      run = cli(['scan', 'examples', '--format', 'json']);
      report = jsonReport(run);
    });

    it('prints {"filesScanned", "findings"} with exactly the contract fields', () => {
      assert.deepStrictEqual(Object.keys(report).sort(), ['filesScanned', 'findings']);
      assert.strictEqual(report.filesScanned, scannable(path.join(REPO_ROOT, 'examples')).length);
      assert.ok(report.findings.length > 0);
      for (const finding of report.findings) {
        assert.deepStrictEqual(Object.keys(finding).sort(), ['column', 'file', 'line', 'message', 'rule', 'severity']);
        assert.ok(['wildcard-principal', 'external-write', 'untrusted-account'].includes(finding.rule) || /^[a-z-]+$/.test(finding.rule));
        assert.ok(['error', 'warning', 'information'].includes(finding.severity));
        assert.ok(Number.isInteger(finding.line) && finding.line >= 1);
        assert.ok(Number.isInteger(finding.column) && finding.column >= 1);
        assert.ok(finding.message.length > 0);
      }
    });

    it('uses cwd-relative paths and 1-based line/column pointing at the offending string', () => {
      for (const finding of report.findings) {
        assert.ok(!path.isAbsolute(finding.file), finding.file);
        assert.ok(finding.file.startsWith(`examples${path.sep}`), finding.file);
        assert.ok(fs.existsSync(path.join(REPO_ROOT, finding.file)), finding.file);
        if (finding.file.endsWith('.json')) assert.strictEqual(textAt(path.join(REPO_ROOT, finding.file), finding.line, finding.column, 1), '"', `${finding.file}:${finding.line}:${finding.column}`);
      }
      const publicFinding = report.findings.find((finding) => finding.file === path.join('examples', 'public-repository.json') && finding.rule === 'wildcard-principal');
      assert.ok(publicFinding);
      assert.strictEqual(textAt(path.join(REPO_ROOT, publicFinding.file), publicFinding.line, publicFinding.column, 3), '"*"');
      assert.strictEqual(publicFinding.severity, 'error');
      const vendor = report.findings.find((finding) => finding.rule === 'untrusted-account' && finding.file === path.join('examples', 'untrusted-account.json'));
      assert.ok(vendor);
      assert.strictEqual(vendor.severity, 'warning');
      assert.strictEqual(textAt(path.join(REPO_ROOT, vendor.file), vendor.line, vendor.column, 31), `"arn:aws:iam::${VENDOR_ACCOUNT}:role`);
      const template = path.join('examples', 'cloudformation', 'repositories.yaml');
      const templatePublic = report.findings.find((finding) => finding.file === template && finding.rule === 'wildcard-principal');
      assert.ok(templatePublic, 'the CloudFormation example is scanned');
      assert.strictEqual(textAt(path.join(REPO_ROOT, template), templatePublic.line, templatePublic.column, 3), "'*'");
    });

    it('finds nothing in the org-only pull policy and the S3 policy', () => {
      const quiet = report.findings.filter((finding) => /org-pull-only|s3-bucket-policy/.test(finding.file));
      assert.deepStrictEqual(quiet, []);
    });

    it('exits 1 because there are errors, and 0 with --fail-on never', () => {
      assert.strictEqual(run.code, 1, run.stderr);
      const never = cli(['scan', 'examples', '--format', 'json', '--fail-on', 'never']);
      assert.strictEqual(never.code, 0, never.stderr);
      assert.deepStrictEqual(jsonReport(never), report);
    });

    it('prints the findings grouped by file, each as line:column  severity  message  rule, and a summary with the next step', () => {
      const text = cli(['scan', 'examples']);
      assert.strictEqual(text.code, 1);
      const expected: string[] = [];
      for (const file of [...new Set(report.findings.map((finding) => finding.file))]) {
        const findings = report.findings.filter((finding) => finding.file === file);
        const width = Math.max(...findings.map((finding) => `${finding.line}:${finding.column}`.length));
        const severityWidth = Math.max(...findings.map((finding) => finding.severity.length));
        expected.push(file, ...findings.map((finding) => `  ${`${finding.line}:${finding.column}`.padEnd(width)}  ${finding.severity.padEnd(severityWidth)}  ${finding.message}  ${finding.rule}`), '');
      }
      const lines = text.stdout.trimEnd().split('\n');
      assert.deepStrictEqual(lines.slice(0, -1), expected);
      assert.match(lines[lines.length - 1], new RegExp(`^\\d+ errors?, \\d+ warnings?, \\d+ information in \\d+ files \\(${report.filesScanned} files scanned\\)\\. Fix them, or run with --fail-on never to report only\\.$`));
    });
  });

  it('exits on warnings only with --fail-on warning', () => {
    const folder = temp({ '.ecr-trust.json': trustList(), 'vendor.json': VENDOR_POLICY });
    const byDefault = cli(['scan', '.', '--format', 'json'], folder);
    assert.strictEqual(byDefault.code, 0, 'a warning alone does not fail at the default --fail-on error');
    assert.deepStrictEqual(jsonReport(byDefault).findings.map((finding) => finding.rule), ['untrusted-account']);
    assert.strictEqual(cli(['scan', '.', '--fail-on', 'warning'], folder).code, 1);
  });

  it('prints paths relative to the current directory for relative and absolute arguments', () => {
    const folder = temp({ 'sub/deeper/public.json': PUBLIC_POLICY });
    const expected = path.join('sub', 'deeper', 'public.json');
    for (const argument of ['sub', path.join(folder, 'sub'), path.join('sub', 'deeper', 'public.json'), '.']) {
      const report = jsonReport(cli(['scan', argument, '--format', 'json'], folder));
      assert.deepStrictEqual(report.findings.map((finding) => finding.file), [expected], `argument ${argument}`);
    }
    const fromParent = jsonReport(cli(['scan', path.join(folder, 'sub'), '--format', 'json'], path.dirname(folder)));
    assert.deepStrictEqual(fromParent.findings.map((finding) => finding.file), [path.join(path.basename(folder), expected)]);
  });

  it('skips node_modules, .git and .terraform', () => {
    const folder = temp({
      'src/public.json': PUBLIC_POLICY,
      'node_modules/pkg/public.json': PUBLIC_POLICY,
      '.git/public.json': PUBLIC_POLICY,
      'infra/.terraform/modules/public.json': PUBLIC_POLICY,
      'src/node_modules/public.json': PUBLIC_POLICY,
    });
    const report = jsonReport(cli(['scan', '.', '--format', 'json'], folder));
    assert.strictEqual(report.filesScanned, 1);
    assert.deepStrictEqual(report.findings.map((finding) => finding.file), [path.join('src', 'public.json')]);
  });

  it('skips binary and oversize files with a note on stderr, and scans the rest', () => {
    const folder = temp({
      'binary.json': Buffer.from([0x7b, 0x00, 0x01, 0x02, 0xff, 0x7d]),
      'big.json': PUBLIC_POLICY.replace('{', `{\n  "Padding": "${'x'.repeat(5000)}",`),
      'small.json': PUBLIC_POLICY,
      'bucket.json': S3_POLICY,
    });
    const run = cli(['scan', '.', '--format', 'json', '--max-size', '1000'], folder);
    const report = jsonReport(run);
    assert.strictEqual(report.filesScanned, 2);
    assert.deepStrictEqual(report.findings.map((finding) => finding.file), ['small.json']);
    assert.match(run.stderr, /skipped binary\.json: binary/);
    assert.match(run.stderr, /skipped big\.json: larger than 1000 bytes/);
    assert.strictEqual(run.code, 1);
  });

  it('reads a JSON policy past the CloudFormation limit, and skips a template past it, saying why', () => {
    const padding = 'x'.repeat(2_100_000);
    const folder = temp({
      'big-policy.json': PUBLIC_POLICY.replace('{', `{\n  "Padding": "${padding}",`),
      'big-stack.yaml': `AWSTemplateFormatVersion: '2010-09-09'\nDescription: ${padding}\nResources:\n  Repo:\n    Type: AWS::ECR::Repository\n`,
      'big-stack.json': json({ AWSTemplateFormatVersion: '2010-09-09', Description: padding, Resources: { Repo: { Type: 'AWS::ECR::Repository' } } }),
    });
    const run = cli(['scan', '.', '--format', 'json'], folder);
    const report = jsonReport(run);
    // Public, and far longer than ECR accepts (invalid-policy).
    assert.deepStrictEqual(report.findings.map((finding) => `${finding.file} ${finding.rule}`), ['big-policy.json invalid-policy', 'big-policy.json wildcard-principal']);
    assert.match(run.stderr, /skipped big-stack\.json: larger than the CloudFormation limit \(2000000 characters\)/);
    assert.match(run.stderr, /skipped big-stack\.yaml: larger than 2000000 bytes/, 'a YAML file is only ever a template: its read stops at the limit');
  });

  it('exits 2 on usage errors, with the usage on stderr and nothing on stdout', () => {
    const invocations = [[], ['lint', '.'], ['scan'], ['scan', '.', '--format', 'xml'], ['scan', '.', '--bogus'], ['scan', '.', '--trust'], ['scan', '.', '--fail-on', 'sometimes'], ['scan', '.', '--max-size', 'big']];
    for (const args of invocations) {
      const run = cli(args);
      assert.strictEqual(run.code, 2, `ecr-guard ${args.join(' ')}`);
      assert.match(run.stderr, /Usage: ecr-guard scan/, `ecr-guard ${args.join(' ')}`);
      assert.strictEqual(run.stdout, '', `ecr-guard ${args.join(' ')}`);
    }
    const help = cli(['--help']);
    assert.strictEqual(help.code, 0);
    assert.match(help.stdout, /Usage: ecr-guard scan/);
  });

  it('exits 2 on a PATH that does not exist, naming it, even beside PATHs that do', () => {
    const folder = temp({ 'public.json': PUBLIC_POLICY, 's3.json': S3_POLICY });
    for (const args of [['scan', 'does-not-exist/'], ['scan', 's3.json', 'typo.json', '--fail-on', 'never'], ['scan', '.', 'missing', '--format', 'json']]) {
      const run = cli(args, folder);
      assert.strictEqual(run.code, 2, `ecr-guard ${args.join(' ')}: a typo must not pass a CI gate`);
      assert.match(run.stderr, /ecr-guard: (does-not-exist\/|typo\.json|missing) does not exist/, `ecr-guard ${args.join(' ')}`);
      assert.strictEqual(run.stdout, '', `ecr-guard ${args.join(' ')}: nothing is scanned`);
    }
  });

  it('exits 2 on an empty, negative, fractional or non-numeric --max-size or --jobs', () => {
    const folder = temp({ 's3.json': S3_POLICY });
    for (const value of ['', '-1', '1.5', '1e3', ' 7', '0x10', 'big']) {
      for (const flag of ['--max-size', '--jobs']) {
        const run = cli(['scan', '.', flag, value], folder);
        assert.strictEqual(run.code, 2, `${flag} '${value}'`);
        assert.match(run.stderr, new RegExp(`${flag} takes`), `${flag} '${value}'`);
        assert.strictEqual(run.stdout, '', `${flag} '${value}'`);
      }
    }
    assert.strictEqual(cli(['scan', '.', '--max-size', '0', '--jobs', '2'], folder).code, 0, 'whole numbers are still taken');
  });

  it('takes an argument that starts with - as an unknown option, and -- ends the options so a file named -x can be scanned', () => {
    const folder = temp({ '-x': PUBLIC_POLICY, 's3.json': S3_POLICY });
    for (const args of [['scan', '.', '-x'], ['scan', '-x', '.'], ['scan', '.', '-']]) {
      const run = cli(args, folder);
      assert.strictEqual(run.code, 2, `ecr-guard ${args.join(' ')}`);
      assert.match(run.stderr, /unknown option/, `ecr-guard ${args.join(' ')}`);
      assert.strictEqual(run.stdout, '', `ecr-guard ${args.join(' ')}`);
    }
    const run = cli(['scan', '--format', 'json', '--', '-x', 's3.json'], folder);
    assert.strictEqual(run.code, 1, run.stderr);
    const report = jsonReport(run);
    assert.strictEqual(report.filesScanned, 2);
    assert.deepStrictEqual([...new Set(report.findings.map((finding) => finding.file))], ['-x']);
    const help = cli(['scan', '--', '--help'], folder);
    assert.strictEqual(help.code, 2, 'after --, --help is a PATH (that does not exist), not a request for help');
    assert.match(help.stderr, /--help does not exist/);
    assert.match(cli(['--help']).stdout, /-- ends the options/);
  });

  it('exits 2 on a malformed trust list, given with --trust or found next to the files', () => {
    const broken = '{\n  "ownAccounts": ["12"],\n  "trustedAccounts": {';
    const folder = temp({ 'policies/.ecr-trust.json': broken, 'policies/vendor.json': VENDOR_POLICY, 'central.json': broken });
    const explicit = cli(['scan', 'policies', '--trust', 'central.json', '--fail-on', 'never'], folder);
    assert.strictEqual(explicit.code, 2);
    assert.match(explicit.stderr, /trust list error: central\.json/);
    const nearest = cli(['scan', 'policies', '--fail-on', 'never'], folder);
    assert.strictEqual(nearest.code, 2);
    assert.match(nearest.stderr, /trust list error/);
    const missing = cli(['scan', 'policies', '--trust', 'nope.json'], folder);
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /nope\.json/);
  });

  it('uses the nearest .ecr-trust.json of each file', () => {
    const folder = temp({
      'a/.ecr-trust.json': trustList(),
      'a/vendor.json': VENDOR_POLICY,
      'b/.ecr-trust.json': trustList({ trustedAccounts: { [VENDOR_ACCOUNT]: { access: 'pull' } } }),
      'b/nested/vendor.json': VENDOR_POLICY,
    });
    const report = jsonReport(cli(['scan', '.', '--format', 'json'], folder));
    assert.strictEqual(report.filesScanned, 2);
    assert.deepStrictEqual(report.findings.map((finding) => [finding.file, finding.rule]), [[path.join('a', 'vendor.json'), 'untrusted-account']]);
    const overridden = jsonReport(cli(['scan', '.', '--format', 'json', '--trust', path.join('b', '.ecr-trust.json')], folder));
    assert.deepStrictEqual(overridden.findings, []);
  });

  it('does not let one pathological file (deeply nested JSON) abort the scan of the others', () => {
    const depth = 100_000;
    const folder = temp({ 'a-deep.json': `${'['.repeat(depth)}${']'.repeat(depth)}`, 'b-public.json': PUBLIC_POLICY, 'c.json': json({}) });
    const run = cli(['scan', '.', '--format', 'json'], folder);
    assert.doesNotMatch(run.stderr, /internal error/, run.stderr.split('\n').slice(0, 3).join('\n'));
    const report = jsonReport(run);
    assert.deepStrictEqual(report.findings.map((finding) => finding.file), ['b-public.json']);
    assert.strictEqual(run.code, 1);
  });

  it('a .tf file named on its own is checked with the other .tf files of its folder as context', () => {
    const folder = temp({
      'locals.tf': `locals {\n  readers = ["arn:aws:iam::${VENDOR_ACCOUNT}:root"]\n}\n`,
      'policy.tf': 'data "aws_iam_policy_document" "pull" {\n  statement {\n    principals {\n      type        = "AWS"\n      identifiers = local.readers\n    }\n    actions = ["ecr:BatchGetImage"]\n  }\n}\n',
      '.ecr-trust.json': trustList(),
    });
    const report = jsonReport(cli(['scan', 'policy.tf', '--format', 'json'], folder));
    assert.strictEqual(report.filesScanned, 1, 'the sibling gives context; it is not scanned');
    assert.deepStrictEqual(report.findings.map((finding) => [finding.file, finding.rule]), [['policy.tf', 'untrusted-account']]);
  });
});
