import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { WorkDoneProgress, WorkDoneProgressBegin, WorkDoneProgressReport } from 'vscode-languageserver-protocol';
import { fakeEcrEnvironment, FakeEcr, FakeScenario, startFakeEcr } from '../support/fakeEcr';
import { fileUri, LspClient, makeWorkspace, removeFolder, WAIT_MS } from './lspClient';
import type { AuditDeployedResult, DeployedDocumentResult, DeployedInventory } from '../../server/src/protocol';

/**
 * The editor's audit over stdio: the built server, the real AWS SDK, and a local endpoint speaking ECR's
 * wire protocol (test/support/fakeEcr.js). The endpoint and credentials reach the server only through its
 * environment, as the SDK reads them; the client sends nothing but regions and a profile.
 */
const AUDIT = 'ecrGuard/auditDeployed';
const DOCUMENT = 'ecrGuard/deployedDocument';
const HOVER = 'ecrGuard/deployedHover';
const INVENTORY = 'ecrGuard/deployedInventory';
const ACCOUNT = '111122223333';
const EXTERNAL = '999988887777';
const STRANGER = '444455556666';

const policy = (...statements: object[]): object => ({ Version: '2012-10-17', Statement: statements });
const allow = (sid: string, principal: unknown, action: string | string[]): object => ({ Sid: sid, Effect: 'Allow', Principal: principal, Action: action });
const STAGING_PULL = allow('StagingPull', { AWS: 'arn:aws:iam::222233334444:root' }, ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']);

const SCENARIO: FakeScenario = {
  account: ACCOUNT,
  throttleFirst: 3,
  denied: [{ operation: 'GetRepositoryPolicy', region: 'us-east-1', repository: 'secret' }],
  regions: {
    'us-east-1': {
      repositories: [
        { name: 'public-base', policy: policy(allow('Anyone', '*', 'ecr:BatchGetImage')) },
        { name: 'pushed', policy: policy(allow('VendorPush', { AWS: `arn:aws:iam::${EXTERNAL}:root` }, ['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload'])) },
        { name: 'builder', policy: policy(allow('CodeBuild', { Service: 'codebuild.amazonaws.com' }, 'ecr:BatchGetImage')) },
        // AWS rewrote the ID to its root ARN and added a statement by hand: drifted from main.tf.
        { name: 'app', policy: policy(STAGING_PULL, allow('HandAdded', { AWS: `arn:aws:iam::${STRANGER}:root` }, 'ecr:BatchGetImage')) },
        { name: 'plain' },
        { name: 'secret', policy: policy(allow('Hidden', '*', 'ecr:BatchGetImage')) },
      ],
      replication: { rules: [{ destinations: [{ region: 'eu-west-1', registryId: EXTERNAL }] }] },
    },
    'eu-west-1': {
      repositories: [{ name: 'mirror', policy: policy(allow('Stranger', { AWS: STRANGER }, 'ecr:BatchGetImage')) }],
    },
  },
};

const MAIN_TF = `resource "aws_ecr_repository" "app" {
  name = "app"
}

resource "aws_ecr_repository_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "StagingPull"
      Effect    = "Allow"
      Principal = { AWS = "222233334444" }
      Action    = ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    }]
  })
}
`;
const TRUST = JSON.stringify({ ownAccounts: [ACCOUNT], trustedAccounts: { '222233334444': { name: 'staging', access: 'pull' } } }, null, 2);

describe('protocol: auditing deployed registries from the editor', function () {
  this.timeout(60_000);
  let fake: FakeEcr;
  let client: LspClient;
  let workspace: string;

  before(async () => {
    fake = await startFakeEcr(SCENARIO);
    workspace = makeWorkspace({ '.ecr-trust.json': TRUST, 'infra/main.tf': MAIN_TF });
    client = await LspClient.start({ workspace, env: fakeEcrEnvironment(fake.url) });
  });

  after(async () => {
    await client?.dispose();
    await fake?.close();
    removeFolder(workspace);
  });

  it('makes no AWS request until the client asks for an audit', async () => {
    const inventory = await client.connection.sendRequest<DeployedInventory>(INVENTORY);
    assert.strictEqual(inventory.audited, false);
    assert.strictEqual(fake.state.requests.length, 0);
  });

  it('audits two regions with progress: findings by ARN on read-only documents, throttling survived, the denied call reported', async () => {
    const token = 'audit-1';
    const progress: (WorkDoneProgressBegin | WorkDoneProgressReport)[] = [];
    const listener = client.connection.onProgress(WorkDoneProgress.type, token, (value) => {
      if (value.kind !== 'end') progress.push(value);
    });
    const result = await client.connection.sendRequest<AuditDeployedResult>(AUDIT, { regions: ['us-east-1', 'eu-west-1'], workDoneToken: token });
    listener.dispose();
    assert.strictEqual(result.failure, undefined, result.failure);
    assert.strictEqual(result.cancelled, false);
    assert.ok(progress.some((value) => value.kind === 'begin') && progress.some((value) => value.kind === 'report'), JSON.stringify(progress));
    assert.strictEqual(fake.state.unsigned, 0, 'every request signed');
    assert.ok(fake.state.throttled >= 3, 'the endpoint throttled the first calls');

    const { inventory } = result;
    assert.deepStrictEqual([...inventory.regions].sort(), ['eu-west-1', 'us-east-1']);
    assert.deepStrictEqual(inventory.accounts, [ACCOUNT]);
    assert.strictEqual(inventory.repositoriesScanned, 7);
    // Every repository but `app` is unmanaged (no IaC in the workspace defines it): checked once, left out below.
    const allRulesOf = (arn: string): string[] => inventory.resources.filter((resource) => resource.arn === arn).flatMap((resource) => resource.findings.map((finding) => finding.rule)).sort();
    const rulesOf = (arn: string): string[] => allRulesOf(arn).filter((rule) => rule !== 'unmanaged-policy');
    const repo = (region: string, name: string): string => `arn:aws:ecr:${region}:${ACCOUNT}:repository/${name}`;
    assert.deepStrictEqual(allRulesOf(repo('us-east-1', 'public-base')), ['unmanaged-policy', 'wildcard-principal']);
    assert.ok(rulesOf(repo('us-east-1', 'pushed')).includes('external-write'));
    assert.deepStrictEqual(rulesOf(repo('us-east-1', 'builder')), ['unscoped-service-principal']);
    assert.deepStrictEqual(rulesOf(repo('eu-west-1', 'mirror')), ['untrusted-account']);
    assert.deepStrictEqual(rulesOf(`arn:aws:ecr:us-east-1:${ACCOUNT}:registry`), ['external-replication']);
    assert.ok(rulesOf(repo('us-east-1', 'app')).includes('policy-drift'), JSON.stringify(rulesOf(repo('us-east-1', 'app'))));
    const denied = inventory.errors.find((error) => error.code === 'AccessDeniedException');
    assert.ok(denied && denied.operation === 'GetRepositoryPolicy', JSON.stringify(inventory.errors));
    assert.ok(!JSON.stringify(inventory).includes('fake-secret-key-never-printed'));

    // Each finding is a diagnostic on the resource's virtual document, whose text the server serves.
    const mirror = inventory.resources.find((resource) => resource.arn === repo('eu-west-1', 'mirror'));
    assert.ok(mirror);
    assert.ok(mirror.uri.startsWith('ecr-guard-deployed:/'));
    assert.deepStrictEqual(client.latest(mirror.uri)?.diagnostics.map((diagnostic) => diagnostic.code).sort(), ['unmanaged-policy', 'untrusted-account']);
    const document = await client.connection.sendRequest<DeployedDocumentResult | null>(DOCUMENT, { uri: mirror.uri });
    assert.ok(document && JSON.parse(document.text).Statement[0].Sid === 'Stranger');
    const grant = mirror.grants[0];
    const hover = await client.connection.sendRequest<{ contents: { value: string } } | null>(HOVER, { textDocument: { uri: mirror.uri }, position: { line: grant.range[0], character: grant.range[1] + 1 } });
    assert.ok(hover && hover.contents.value.includes(STRANGER), JSON.stringify(hover));
  });

  it('serves both sides of a drifted policy for the diff, in canonical form', async () => {
    const inventory = await client.connection.sendRequest<DeployedInventory>(INVENTORY);
    const app = inventory.resources.find((resource) => resource.repository === 'app' && resource.kind === 'repository-policy');
    assert.ok(app && app.definedIn && app.definedIn.endsWith('main.tf'), JSON.stringify(app));
    const left = await client.connection.sendRequest<DeployedDocumentResult | null>(DOCUMENT, { uri: `${app.uri}?view=workspace` });
    const right = await client.connection.sendRequest<DeployedDocumentResult | null>(DOCUMENT, { uri: `${app.uri}?view%3Dcanonical` });
    assert.ok(left && right);
    assert.ok(!left.text.includes('HandAdded') && right.text.includes('HandAdded'));
    // What AWS rewrote (the account ID as its root ARN, the action order) is not a difference.
    const withoutHandAdded = JSON.parse(right.text);
    withoutHandAdded.Statement = withoutHandAdded.Statement.filter((statement: { Sid?: string }) => statement.Sid !== 'HandAdded');
    assert.deepStrictEqual(withoutHandAdded, JSON.parse(left.text));
  });

  it('exports the deployed grants by ARN (CSV) and the deployed findings with the ARN as the SARIF location', async () => {
    const csv = await client.connection.sendRequest<{ text: string; count: number }>('ecrGuard/export', { format: 'csv' });
    assert.ok(csv.text.includes(`arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/mirror`), csv.text);
    const sarif = JSON.parse((await client.connection.sendRequest<{ text: string }>('ecrGuard/export', { format: 'sarif' })).text);
    const locations: string[] = sarif.runs[0].results.map((result: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => result.locations[0].physicalLocation.artifactLocation.uri);
    assert.ok(locations.includes(`arn:aws:ecr:us-east-1:${ACCOUNT}:repository/public-base`), JSON.stringify(locations));
  });

  it('judges the audit again when the trust list changes, without calling AWS', async () => {
    const before = fake.state.requests.length;
    const trustFile = path.join(workspace, '.ecr-trust.json');
    const changed = new Promise<DeployedInventory>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no ecrGuard/deployedChanged')), WAIT_MS);
      const listener = client.connection.onNotification('ecrGuard/deployedChanged', (inventory: DeployedInventory) => {
        clearTimeout(timer);
        listener.dispose();
        resolve(inventory);
      });
    });
    const trusting = { ...JSON.parse(TRUST), trustedAccounts: { ...JSON.parse(TRUST).trustedAccounts, [STRANGER]: { name: 'partner', access: 'pull' } } };
    fs.writeFileSync(trustFile, JSON.stringify(trusting, null, 2));
    try {
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(trustFile), type: 2 }] });
      const inventory = await changed;
      const mirror = inventory.resources.find((resource) => resource.repository === 'mirror');
      assert.ok(mirror);
      assert.deepStrictEqual(mirror.findings.map((finding) => finding.rule), ['unmanaged-policy'], 'trusted now');
      assert.deepStrictEqual(client.latest(mirror.uri)?.diagnostics.map((diagnostic) => diagnostic.code), ['unmanaged-policy']);
      assert.strictEqual(fake.state.requests.length, before);
    } finally {
      fs.writeFileSync(trustFile, TRUST);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(trustFile), type: 2 }] });
    }
  });

  it('stops when the request is cancelled, keeping the previous audit', async () => {
    fake.state.scenario.latencyMs = 300;
    const source = new CancellationTokenSource();
    const token = 'audit-cancelled';
    const listener = client.connection.onProgress(WorkDoneProgress.type, token, (value) => {
      if (value.kind === 'report') source.cancel();
    });
    const before = fake.state.requests.length;
    const result = await client.connection.sendRequest<AuditDeployedResult>(AUDIT, { regions: ['us-east-1', 'eu-west-1'], workDoneToken: token }, source.token).catch((error: unknown) => error);
    listener.dispose();
    fake.state.scenario.latencyMs = 0;
    // vscode-jsonrpc rejects a cancelled request on the client side; the server's answer says cancelled.
    if (result && typeof result === 'object' && 'cancelled' in result) assert.strictEqual((result as AuditDeployedResult).cancelled, true);
    assert.ok(fake.state.requests.length - before < 20, 'the audit stopped early');
    const inventory = await client.connection.sendRequest<DeployedInventory>(INVENTORY);
    assert.strictEqual(inventory.repositoriesScanned, 7, 'the previous audit stands');
  });

  it('says why when nothing could be read (no credentials)', async () => {
    const bare = await LspClient.start({ workspace, env: { ...fakeEcrEnvironment(fake.url), AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: 'nobody' } });
    try {
      const result = await bare.connection.sendRequest<AuditDeployedResult>(AUDIT, { regions: ['us-east-1'] });
      assert.ok(result.failure && /Credentials/.test(result.failure), JSON.stringify(result));
      assert.ok(!result.failure.includes('fake-secret-key-never-printed'));
      assert.strictEqual(result.inventory.audited, false);
    } finally {
      await bare.dispose();
    }
  });

  it('refuses anything but region names', async () => {
    const before = fake.state.requests.length;
    const result = await client.connection.sendRequest<AuditDeployedResult>(AUDIT, { regions: ['us-east-1', 'http://169.254.169.254'] });
    assert.ok(result.failure);
    assert.strictEqual(fake.state.requests.length, before);
  });
});
