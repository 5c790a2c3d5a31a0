import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { excludePattern, expandBraces } from '../../client/src/scan/globs';
import { InventoryModel } from '../../client/src/scan/inventoryModel';
import { RULE_IDS } from '../../server/src/core/model';
import { csvField, CSV_COLUMNS, InventoryRow, inventoryCsv, inventoryMarkdown } from '../../server/src/export/inventoryReport';
import { buildSarif, SarifFinding } from '../../server/src/export/sarif';
import { GitIgnores } from '../../server/src/lsp/scanIgnore';
import { splitFolders } from '../../server/src/cli/parallel';
import { InventoryGrant } from '../../server/src/protocol';
import { sarifValidator } from './sarifSchema';

const FINDINGS: SarifFinding[] = [
  { rule: 'wildcard-principal', severity: 'error', message: 'Principal "*" grants to every AWS account.', uri: 'policies/public repo.json', startLine: 7, startColumn: 20, endLine: 7, endColumn: 23 },
  { rule: 'untrusted-account', severity: 'warning', message: 'Account 444455556666 is not on the trust list.', uri: 'infra/ecr.tf', startLine: 3, startColumn: 5, endLine: 4, endColumn: 1 },
  { rule: 'unresolved-principal', severity: 'information', message: 'Cannot check: var.readers.', uri: 'infra/ecr.tf', startLine: 9, startColumn: 21, endLine: 9, endColumn: 38 },
];

describe('exports: SARIF 2.1.0', () => {
  const validate = sarifValidator();

  it('is valid against the OASIS schema, with relative URIs and with absolute ones', () => {
    const relative = buildSarif(FINDINGS, { toolVersion: '0.1.0', baseUri: 'file:///home/ci/repo/', notifications: ['skipped big.json: larger than 20000000 bytes'] });
    assert.deepStrictEqual(validate(relative), []);
    const absolute = buildSarif(FINDINGS.map((finding) => ({ ...finding, uri: `file:///home/ci/repo/${encodeURI(finding.uri)}` })), { toolVersion: '0.1.0' });
    assert.deepStrictEqual(validate(absolute), []);
    assert.deepStrictEqual(validate(buildSarif([], { toolVersion: '0.1.0' })), []);
  });

  it('the schema check is real: a broken log fails it', () => {
    const log = buildSarif(FINDINGS, { toolVersion: '0.1.0' }) as { runs: { results: { level: string }[] }[] };
    log.runs[0].results[0].level = 'fatal';
    assert.notDeepStrictEqual(validate(log), []);
    assert.notDeepStrictEqual(validate({ version: '2.0.0', runs: [] }), []);
  });

  it('describes every rule and maps severities to levels', () => {
    const log = buildSarif(FINDINGS, { toolVersion: '1.2.3', baseUri: 'file:///repo/' }) as {
      $schema: string; version: string;
      runs: { tool: { driver: { name: string; version: string; rules: { id: string; defaultConfiguration: { level: string }; properties: Record<string, unknown> }[] } };
        originalUriBaseIds: Record<string, { uri: string }>; columnKind: string;
        results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: object } }[] }[] }[];
    };
    assert.strictEqual(log.version, '2.1.0');
    const run = log.runs[0];
    assert.strictEqual(run.tool.driver.name, 'ECR Guard');
    assert.strictEqual(run.tool.driver.version, '1.2.3');
    assert.deepStrictEqual(run.tool.driver.rules.map((rule) => [rule.id, rule.defaultConfiguration.level]), [
      ['wildcard-principal', 'error'], ['external-write', 'error'], ['untrusted-account', 'warning'], ['unresolved-principal', 'note'],
      ['unscoped-service-principal', 'warning'], ['invalid-policy', 'error'], ['external-replication', 'error'], ['invalid-suppression', 'warning'], ['policy-drift', 'warning'], ['unmanaged-policy', 'note'],
    ]);
    assert.ok(run.tool.driver.rules.every((rule) => typeof rule.properties['security-severity'] === 'string'));
    assert.deepStrictEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///repo/' } });
    assert.strictEqual(run.columnKind, 'utf16CodeUnits');
    assert.deepStrictEqual(run.results.map((result) => [result.ruleId, result.ruleIndex, result.level]), [['wildcard-principal', 0, 'error'], ['untrusted-account', 2, 'warning'], ['unresolved-principal', 3, 'note']]);
    assert.deepStrictEqual(run.results[0].locations[0].physicalLocation, {
      artifactLocation: { uri: 'policies/public%20repo.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 7, startColumn: 20, endLine: 7, endColumn: 23 },
    });
    assert.strictEqual(run.tool.driver.rules.length, RULE_IDS.length);
  });
});

const ROW: InventoryRow = {
  grantee: { kind: 'account', id: '444455556666', trust: 'untrusted' }, via: 'principal', statementIndex: 0, sid: 'Vendor', actions: ['ecr:BatchGetImage', 'ecr:Put*'],
  notAction: false, granted: ['ecr:BatchGetImage', 'ecr:PutImage'], access: 'admin', rules: ['external-write', 'untrusted-account'], severity: 'error', file: 'a/b.json', line: 6, column: 62,
};

describe('exports: CSV and Markdown inventory', () => {
  it('writes the review columns, one row per grant, sorted by grantee', () => {
    const rows: InventoryRow[] = [
      ROW,
      { ...ROW, grantee: { kind: 'public', id: '*', trust: 'unchecked' }, via: 'principal', sid: undefined, statementIndex: 2, file: 'z.json', line: 3, column: 1, rules: ['wildcard-principal'] },
      { ...ROW, grantee: { kind: 'account', id: '222233334444', name: 'staging, "eu"', trust: 'pull', trustLine: 6 }, rules: [], severity: undefined, access: 'pull', policy: 'aws_ecr_repository_policy.app', repository: 'app', file: 'infra/ecr.tf',
        suppressed: [{ rule: 'external-write', reason: 'vendor, reviewed', until: '2027-01-31', kind: 'inSource' }] },
    ];
    const lines = inventoryCsv(rows).split('\r\n');
    assert.strictEqual(lines[0], CSV_COLUMNS.join(','));
    assert.deepStrictEqual(CSV_COLUMNS.slice(0, 4), ['grantee type', 'account', 'name', 'trust level']);
    for (const column of ['file', 'line', 'statement sid', 'actions granted', 'rule']) assert.ok(CSV_COLUMNS.includes(column as never), column);
    assert.strictEqual(lines[1], 'public,*,,public,admin,z.json,3,1,,,,#3,ecr:BatchGetImage ecr:PutImage,ecr:BatchGetImage ecr:Put*,wildcard-principal,error,');
    assert.strictEqual(lines[2], 'account,222233334444,"staging, ""eu""",trusted for pull,pull,infra/ecr.tf,6,62,aws_ecr_repository_policy.app,app,Vendor,#1,ecr:BatchGetImage ecr:PutImage,ecr:BatchGetImage ecr:Put*,,,"external-write: vendor, reviewed (until 2027-01-31)"');
    assert.strictEqual(lines[3], 'account,444455556666,,untrusted,admin,a/b.json,6,62,,,Vendor,#1,ecr:BatchGetImage ecr:PutImage,ecr:BatchGetImage ecr:Put*,external-write untrusted-account,error,');
    assert.strictEqual(lines[4], '');
  });

  it('keeps spreadsheets from running policy text as formulas', () => {
    assert.strictEqual(csvField('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
    assert.strictEqual(csvField('+1'), "'+1");
    assert.strictEqual(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.strictEqual(csvField('-12'), '-12', 'a plain negative number stays a number');
    assert.strictEqual(csvField('line\nbreak'), '"line\nbreak"');
  });

  it('writes Markdown for a ticket: summary table, then a section per grantee', () => {
    const markdown = inventoryMarkdown([ROW, { ...ROW, sid: 'Pipe|Sid', file: 'c`d.json', rules: [], severity: undefined }], { generated: '2026-06-01 10:00 UTC', trustLists: ['.ecr-trust.json'] });
    const lines = markdown.split('\n');
    assert.strictEqual(lines[0], '# ECR cross-account grants');
    assert.ok(markdown.includes('Generated by ECR Guard: 2026-06-01 10:00 UTC.'));
    assert.ok(markdown.includes('Trust list: `.ecr-trust.json`.'));
    assert.ok(markdown.includes('2 grants to 1 grantee in 2 files; 1 with findings.'));
    assert.ok(markdown.includes('| 444455556666 | untrusted | 2 | admin | `external-write`, `untrusted-account` |'));
    assert.ok(markdown.includes('## 444455556666'));
    assert.ok(markdown.includes('| `a/b.json` | 6 |  | `Vendor` | admin | ecr:BatchGetImage ecr:Put\\* | **`external-write`**, **`untrusted-account`** |'));
    assert.ok(markdown.includes("| `c'd.json` | 6 |  | `Pipe\\|Sid` |"), 'pipes and backticks cannot break the table');
  });
});

describe('scan: .gitignore', () => {
  let root: string;

  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-guard-gitignore-')));
    const write = (relative: string, text = '{}'): void => {
      fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      fs.writeFileSync(path.join(root, relative), text);
    };
    write('.git/info/exclude', 'excluded-by-info.json\n');
    write('.gitignore', '# comment\nbuild/\n*.generated.json\n!keep.generated.json\n/rooted.json\n');
    write('sub/.gitignore', 'local.json\n!*.generated.json\n');
    write('build/nested/.gitignore', '!*.json\n');
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('ignores what git ignores, deeper files overriding, ignored folders staying ignored', async () => {
    const ignores = new GitIgnores();
    const verdicts: Record<string, boolean> = {};
    for (const file of ['policy.json', 'build/policy.json', 'build/nested/policy.json', 'a.generated.json', 'keep.generated.json', 'rooted.json', 'sub/rooted.json',
      'sub/local.json', 'local.json', 'sub/b.generated.json', 'excluded-by-info.json', 'sub/deep/local.json']) {
      verdicts[file] = await ignores.ignores(root, path.join(root, ...file.split('/')));
    }
    assert.deepStrictEqual(verdicts, {
      'policy.json': false,
      'build/policy.json': true,
      'build/nested/policy.json': true,
      'a.generated.json': true,
      'keep.generated.json': false,
      'rooted.json': true,
      'sub/rooted.json': false,
      'sub/local.json': true,
      'local.json': false,
      'sub/b.generated.json': false,
      'excluded-by-info.json': true,
      'sub/deep/local.json': true,
    });
  });

  it('applies the repository\'s .gitignore to a workspace folder inside it', async () => {
    const ignores = new GitIgnores();
    assert.strictEqual(await ignores.ignores(path.join(root, 'sub'), path.join(root, 'sub', 'x.generated.json')), false);
    assert.strictEqual(await ignores.ignores(path.join(root, 'sub'), path.join(root, 'sub', 'build', 'p.json')), true);
  });
});

describe('client: exclude globs and the inventory model', () => {
  it('expands braces so that all patterns fit in one brace group', () => {
    assert.deepStrictEqual(expandBraces('**/*.{js,ts}'), ['**/*.js', '**/*.ts']);
    assert.deepStrictEqual(expandBraces('a/{b,c}/*.{x,y}'), ['a/b/*.x', 'a/b/*.y', 'a/c/*.x', 'a/c/*.y']);
    assert.deepStrictEqual(expandBraces('{a,{b,c}}'), ['a', 'b', 'c']);
    assert.deepStrictEqual(expandBraces('plain/**'), ['plain/**']);
    assert.strictEqual(excludePattern(['**/node_modules/**'], [{ '**/.git': true, '**/*.{tmp,bak}': true, off: false, sibling: { when: '$(basename).ts' } }, { 'dist/**': true }]),
      '{**/node_modules/**,**/.git,**/*.tmp,**/*.bak,dist/**}');
  });

  const grant = (line: number, overrides: Partial<InventoryGrant> = {}): InventoryGrant => ({
    grantee: { kind: 'account', id: '444455556666', trust: 'untrusted' }, via: 'principal', documentIndex: 0, statementIndex: 0, actions: ['ecr:BatchGetImage'], notAction: false,
    granted: ['ecr:BatchGetImage'], access: 'pull', rules: [], range: [line, 4, line, 20], ...overrides,
  });

  it('groups grants by grantee (most severe first), then policy, then line; applies changes', () => {
    const model = new InventoryModel();
    model.replace({
      scanned: true, trustLists: ['.ecr-trust.json'], files: [
        { uri: 'file:///w/b.json', source: 'scan', grants: [grant(9), grant(3, { grantee: { kind: 'public', id: '*', trust: 'unchecked' }, rules: ['wildcard-principal'], severity: 'error' })] },
        { uri: 'file:///w/a.json', source: 'scan', grants: [grant(5, { sid: 'S', rules: ['untrusted-account'], severity: 'warning' })] },
      ],
    });
    const relative = (uri: string): string => uri.replace('file:///w/', '');
    const groups = model.groups(relative);
    assert.deepStrictEqual(groups.map((group) => [group.title, group.trustText, group.grantCount, group.severity]), [
      ['Anyone (public)', 'public', 1, 'error'],
      ['444455556666', 'untrusted', 2, 'warning'],
    ]);
    assert.deepStrictEqual(groups[1].policies.map((policy) => [relative(policy.uri), policy.grants.map((ref) => ref.grant.range[0])]), [['a.json', [5]], ['b.json', [9]]]);
    model.apply({ scanned: true, files: [{ uri: 'file:///w/b.json', source: 'editor', grants: [] }] });
    assert.deepStrictEqual(model.groups(relative).map((group) => group.title), ['444455556666']);
    model.apply({ reset: true, scanned: false, files: [] });
    assert.strictEqual(model.grantCount, 0);
  });
});

describe('cli: splitting folders across threads', () => {
  const folder = (name: string, files: number): string[] => Array.from({ length: files }, (_, i) => `${name}/${i}.json`);

  it('keeps folders whole and in order, in runs of about equal file counts', () => {
    const folders = [folder('a', 10), folder('b', 1), folder('c', 9), folder('d', 5), folder('e', 5)];
    const runs = splitFolders(folders, 3);
    assert.deepStrictEqual(runs.map((run) => run.map((files) => files[0].split('/')[0])), [['a'], ['b', 'c'], ['d', 'e']]);
    assert.deepStrictEqual(runs.flat(), folders, 'every folder once, in order');
    assert.deepStrictEqual(splitFolders(folders, 1), [folders]);
    assert.deepStrictEqual(splitFolders([folder('x', 3)], 4), [[folder('x', 3)]], 'never more runs than folders');
    assert.ok(splitFolders(folders, 10).length <= folders.length);
  });
});
