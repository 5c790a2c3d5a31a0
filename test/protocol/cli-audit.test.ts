import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FakeEcr, fakeEcrEnvironment, startFakeEcr } from '../support/fakeEcr';
import { ACCOUNT, arn, auditCli, AuditRun, auditScenario, auditWorkspace } from './auditScenario';

interface AuditJson {
  repositoriesScanned: number;
  regions: string[];
  findings: { resource: string; rule: string; severity: string; message: string; statement: string | null; definedIn?: string }[];
  errors: { region: string; operation: string; resource?: string; code: string; message: string }[];
}

function parsed(run: AuditRun): AuditJson {
  try {
    return JSON.parse(run.stdout) as AuditJson;
  } catch {
    assert.fail(`stdout is not JSON (exit ${run.code}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

const has = (report: AuditJson, resource: string, rule: string): boolean => report.findings.some((finding) => finding.resource === resource && finding.rule === rule);

describe('ecr-guard audit against a local ECR endpoint', function () {
  this.timeout(90_000);
  let fake: FakeEcr;
  let workspace: string;
  let json: AuditRun;

  before(async () => {
    fake = await startFakeEcr(auditScenario());
    workspace = auditWorkspace();
    json = await auditCli(['--regions', 'us-east-1,eu-west-1', '--format', 'json'], workspace, fakeEcrEnvironment(fake.url));
  });
  after(async () => {
    await fake.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('reports each dangerous grant by ARN', () => {
    const report = parsed(json);
    assert.deepStrictEqual(report.regions, ['us-east-1', 'eu-west-1']);
    assert.strictEqual(report.repositoriesScanned, 11);
    assert.ok(has(report, arn('us-east-1', 'public-base'), 'wildcard-principal'), json.stdout);
    assert.ok(has(report, arn('us-east-1', 'ci-push'), 'external-write'), json.stdout);
    assert.ok(has(report, arn('us-east-1', 'partner-pull'), 'untrusted-account'), json.stdout);
    assert.ok(has(report, arn('us-east-1', 'lambda-pull'), 'unscoped-service-principal'), json.stdout);
    assert.ok(has(report, `arn:aws:ecr:us-east-1:${ACCOUNT}:registry`, 'external-replication'), json.stdout);
    const publicFinding = report.findings.find((finding) => finding.rule === 'wildcard-principal');
    assert.deepStrictEqual(Object.keys(publicFinding ?? {}).slice(0, 5), ['resource', 'rule', 'severity', 'message', 'statement']);
    assert.strictEqual(publicFinding?.statement, 'Public');
  });

  it('survives throttling and reports the one access-denied call, failing the run as incomplete', () => {
    const report = parsed(json);
    assert.ok(fake.state.throttled >= 3);
    assert.deepStrictEqual(report.errors.map(({ operation, resource, code }) => ({ operation, resource, code })), [
      { operation: 'GetRepositoryPolicy', resource: arn('us-east-1', 'denied'), code: 'AccessDeniedException' },
    ]);
    assert.ok(!report.findings.some((finding) => finding.resource === arn('us-east-1', 'denied')));
    assert.strictEqual(json.code, 2);
    assert.match(json.stderr, /call failed: us-east-1 GetRepositoryPolicy .*repository\/denied: AccessDeniedException/);
  });

  it('flags the policy that drifted from the workspace\'s Terraform, and not the one that only looks different', () => {
    const report = parsed(json);
    const drift = report.findings.find((finding) => finding.rule === 'policy-drift');
    assert.strictEqual(drift?.resource, arn('eu-west-1', 'app'), json.stdout);
    assert.strictEqual(drift?.definedIn, path.join('main.tf'));
    assert.ok(!has(report, arn('eu-west-1', 'same'), 'policy-drift'));
    assert.ok(!has(report, arn('eu-west-1', 'same'), 'unmanaged-policy'));
    assert.ok(has(report, arn('us-east-1', 'public-base'), 'unmanaged-policy'));
  });

  it('sends only signed requests, each to its region, and never prints keys or signatures', () => {
    assert.strictEqual(fake.state.unsigned, 0);
    assert.deepStrictEqual([...new Set(fake.state.requests.map((request) => request.region))].sort(), ['eu-west-1', 'us-east-1']);
    assert.ok(fake.state.requests.filter((request) => request.operation === 'DescribeRepositories' && request.region === 'eu-west-1').length >= 3, 'eu-west-1 is read in pages');
    const output = json.stdout + json.stderr;
    for (const secret of ['fake-secret-key-never-printed', 'AKIAFAKEAUDITKEY0001', ...fake.state.authorizations.map((header) => header.slice(-64))]) assert.ok(!output.includes(secret), `output holds ${secret}`);
  });

  it('writes SARIF with the ARN as the artifact location', async () => {
    const run = await auditCli(['--regions', 'us-east-1', '--format', 'sarif', '--no-drift'], workspace, fakeEcrEnvironment(fake.url));
    const sarif = JSON.parse(run.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[]; invocations?: unknown }[] };
    const locations = sarif.runs[0].results.map((result) => `${result.ruleId} ${result.locations[0].physicalLocation.artifactLocation.uri}`);
    assert.ok(locations.includes(`wildcard-principal ${arn('us-east-1', 'public-base')}`), locations.join('\n'));
    assert.ok(!locations.some((location) => location.startsWith('unmanaged-policy')), '--no-drift reports no drift');
    assert.strictEqual(run.code, 2);
  });

  it('writes the deployed grants as Markdown and CSV for an access review', async () => {
    const markdown = await auditCli(['--regions', 'us-east-1', '--format', 'markdown', '--no-drift'], workspace, fakeEcrEnvironment(fake.url));
    assert.match(markdown.stdout, /^# ECR cross-account grants \(deployed\)/);
    assert.ok(markdown.stdout.includes(arn('us-east-1', 'partner-pull')), markdown.stdout);
    assert.ok(markdown.stdout.includes('777788889999'));
    const output = path.join(workspace, 'grants.csv');
    const csv = await auditCli(['--regions', 'us-east-1', '--format', 'csv', '--no-drift', '--output', output], workspace, fakeEcrEnvironment(fake.url));
    const rows = fs.readFileSync(output, 'utf8').split('\r\n');
    assert.ok(rows[0].startsWith('grantee type,account,'), rows[0]);
    assert.ok(rows.some((row) => row.includes('444455556666') && row.includes(arn('us-east-1', 'ci-push'))), rows.join('\n'));
    assert.match(csv.stdout, /Report written to /);
  });

  it('refuses to write the report over the IaC it compares with or the trust list', async () => {
    for (const target of ['main.tf', '.ecr-trust.json']) {
      const before = fs.readFileSync(path.join(workspace, target), 'utf8');
      const run = await auditCli(['--regions', 'us-east-1', '--format', 'json', '--output', target], workspace, fakeEcrEnvironment(fake.url));
      assert.strictEqual(run.code, 2);
      assert.match(run.stderr, new RegExp(`--output ${target.replace('.', '\\.')} is a file this scan reads`));
      assert.strictEqual(fs.readFileSync(path.join(workspace, target), 'utf8'), before);
    }
  });

  it('prints a text report grouped by ARN with the failed call and the summary', async () => {
    const run = await auditCli(['--regions', 'us-east-1'], workspace, fakeEcrEnvironment(fake.url));
    assert.ok(run.stdout.includes(`${arn('us-east-1', 'public-base')}\n`), run.stdout);
    assert.match(run.stdout, /1 call failed \(the audit went on without it\):\n {2}us-east-1 GetRepositoryPolicy/);
    assert.match(run.stdout, / in \d+ resources \(6 repositories in 1 region audited; 1 call failed\)\./);
  });
});

describe('ecr-guard audit: regions, profiles, endpoints and refusals', function () {
  this.timeout(60_000);
  let fake: FakeEcr;
  let folder: string;

  before(async () => {
    fake = await startFakeEcr({ account: ACCOUNT, regions: { 'ap-south-1': { repositories: [{ name: 'open', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:*' }] } }] }, 'eu-north-1': {} }, enabledRegions: [{ name: 'ap-south-1', status: 'ENABLED' }, { name: 'eu-north-1', status: 'ENABLED_BY_DEFAULT' }, { name: 'me-central-1', status: 'DISABLED' }] });
    folder = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'ecr-guard-audit-'));
  });
  after(async () => {
    await fake.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('--regions all reads every enabled region (Account API ListRegions)', async () => {
    const run = await auditCli(['--regions', 'all', '--format', 'json', '--no-drift'], folder, fakeEcrEnvironment(fake.url));
    const report = parsed(run);
    assert.deepStrictEqual(report.regions, ['ap-south-1', 'eu-north-1']);
    assert.ok(has(report, arn('ap-south-1', 'open'), 'wildcard-principal'));
    assert.strictEqual(run.code, 1);
  });

  it('takes the endpoint from AWS_ENDPOINT_URL_ECR, and from a --profile\'s endpoint_url with its credentials', async () => {
    const environment = fakeEcrEnvironment(fake.url);
    delete environment.AWS_ENDPOINT_URL;
    const ecrOnly = await auditCli(['--regions', 'ap-south-1', '--format', 'json', '--no-drift'], folder, { ...environment, AWS_ENDPOINT_URL_ECR: fake.url });
    assert.strictEqual(parsed(ecrOnly).repositoriesScanned, 1);
    const config = path.join(folder, 'config');
    const credentials = path.join(folder, 'credentials');
    fs.writeFileSync(config, `[profile auditor]\nregion = eu-west-1\nendpoint_url = ${fake.url}\n`);
    fs.writeFileSync(credentials, '[auditor]\naws_access_key_id = AKIAPROFILEKEY000001\naws_secret_access_key = profile-secret\n');
    delete environment.AWS_ACCESS_KEY_ID;
    delete environment.AWS_SECRET_ACCESS_KEY;
    const before = fake.state.authorizations.length;
    const profiled = await auditCli(['--regions', 'ap-south-1', '--profile', 'auditor', '--format', 'json', '--no-drift'], folder, { ...environment, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials });
    assert.strictEqual(parsed(profiled).repositoriesScanned, 1, profiled.stderr);
    assert.ok(fake.state.authorizations.slice(before).every((header) => header.includes('Credential=AKIAPROFILEKEY000001/')));
  });

  it('stops with exit 2 and the SDK\'s reason when there are no credentials', async () => {
    const environment = fakeEcrEnvironment(fake.url);
    delete environment.AWS_ACCESS_KEY_ID;
    delete environment.AWS_SECRET_ACCESS_KEY;
    const run = await auditCli(['--regions', 'ap-south-1', '--no-drift'], folder, environment);
    assert.strictEqual(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /^ecr-guard: no AWS credentials: /);
  });

  it('refuses a region that is not a region name, a missing --regions and a PATH', async () => {
    for (const [args, message] of [[['--regions', 'evil.example.com/x'], /"evil\.example\.com\/x" is not a region name/], [[], /audit needs --regions/], [['--regions', 'us-east-1', 'infra'], /audit takes no PATH/]] as const) {
      const run = await auditCli([...args], folder, fakeEcrEnvironment(fake.url));
      assert.strictEqual(run.code, 2);
      assert.match(run.stderr, message);
    }
    const help = await auditCli(['--help'], folder, fakeEcrEnvironment(fake.url));
    assert.match(help.stdout, /^Usage: ecr-guard audit --regions/);
  });
});
