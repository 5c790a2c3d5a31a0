import * as assert from 'assert';
import { DEFAULT_CONCURRENCY, partitionOf, runAudit } from '../../server/src/audit/runAudit';
import { loadAudit } from '../../server/src/audit/load';
import { parseTrustList } from '../../server/src/core/trust';
import { withFakeEcr } from './auditFake';

const ACCOUNT = '111122223333';
const PUBLIC = { Version: '2012-10-17', Statement: [{ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }] };
const OWN_PULL = { Version: '2012-10-17', Statement: [{ Sid: 'Own', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'ecr:*' }] };

describe('runAudit', function () {
  this.timeout(30_000);

  it('reads each region once, judges every policy by ARN and counts the repositories', async () => {
    const regions = { 'us-east-1': { repositories: [{ name: 'web', policy: PUBLIC }, { name: 'empty' }] }, 'eu-west-1': { repositories: [{ name: 'api' }] } };
    await withFakeEcr({ account: ACCOUNT, regions }, async () => {
      const report = await runAudit({ regions: ['us-east-1', 'eu-west-1', 'us-east-1'], analysis: {} });
      assert.deepStrictEqual(report.regions, ['us-east-1', 'eu-west-1']);
      assert.deepStrictEqual(report.accounts, [ACCOUNT]);
      assert.strictEqual(report.repositoriesScanned, 3);
      assert.deepStrictEqual(report.results.flatMap(({ resource, result }) => result.findings.map((finding) => `${resource.arn} ${finding.rule}`)), [`arn:aws:ecr:us-east-1:${ACCOUNT}:repository/web wildcard-principal`]);
      assert.deepStrictEqual(report.errors, []);
    });
  });

  it('counts the audited account as own only when the trust list says so', async () => {
    await withFakeEcr({ account: ACCOUNT, regions: { 'us-east-1': { repositories: [{ name: 'own', policy: OWN_PULL }] } } }, async () => {
      const rules = async (trust?: string): Promise<string[]> => {
        const report = await runAudit({ regions: ['us-east-1'], analysis: trust ? { trust: parseTrustList(trust, 'trust.json').list } : {} });
        return report.results.flatMap(({ result }) => result.findings.map((finding) => finding.rule));
      };
      assert.ok((await rules()).includes('untrusted-account'));
      assert.deepStrictEqual(await rules(JSON.stringify({ ownAccounts: [ACCOUNT] })), []);
    });
  });

  it('reports progress per region up to its total, and stops when aborted', async () => {
    const repositories = Array.from({ length: 30 }, (_, i) => ({ name: `r${i}`, policy: PUBLIC }));
    await withFakeEcr({ account: ACCOUNT, latencyMs: 10, regions: { 'us-east-1': { repositories } } }, async () => {
      const seen: { done: number; total: number }[] = [];
      await runAudit({ regions: ['us-east-1'], analysis: {}, onProgress: ({ done, total }) => seen.push({ done, total }) });
      assert.deepStrictEqual(seen[seen.length - 1], { done: 36, total: 36 });
      const controller = new AbortController();
      const aborted = runAudit({ regions: ['us-east-1'], analysis: {}, signal: controller.signal, concurrency: 2, onProgress: ({ done }) => { if (done === 5) controller.abort(); } });
      await assert.rejects(aborted, (error: Error) => error.name === 'AbortError');
    });
  });

  it('stops before any ECR call when there are no credentials, saying so', async () => {
    await withFakeEcr({ account: ACCOUNT, regions: { 'us-east-1': { repositories: [{ name: 'web', policy: PUBLIC }] } } }, async (fake) => {
      const report = await runAudit({ regions: ['us-east-1'], analysis: {} });
      assert.deepStrictEqual(report.errors.map((error) => error.operation), ['Credentials']);
      assert.strictEqual(report.repositoriesScanned, 0);
      assert.deepStrictEqual(fake.state.requests, []);
    }, { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' });
  });

  it('reports a ListRegions that is denied and audits nothing', async () => {
    await withFakeEcr({ account: ACCOUNT, regions: { 'us-east-1': { repositories: [{ name: 'web', policy: PUBLIC }] } }, denied: [{ operation: 'ListRegions' }] }, async (fake) => {
      const report = await runAudit({ regions: 'all', analysis: {} });
      assert.deepStrictEqual(report.regions, []);
      assert.deepStrictEqual(report.errors.map(({ operation, code }) => ({ operation, code })), [{ operation: 'ListRegions', code: 'AccessDeniedException' }]);
      assert.deepStrictEqual(fake.state.requests.map((request) => request.operation), ['ListRegions']);
    });
  });

  it('reports a region name that is no region and sends it nowhere', async () => {
    await withFakeEcr({ account: ACCOUNT, regions: { 'us-east-1': { repositories: [{ name: 'web' }] } } }, async (fake) => {
      const report = await runAudit({ regions: ['evil.example.com#', 'us-east-1'], analysis: {} });
      assert.deepStrictEqual(report.regions, ['us-east-1']);
      assert.deepStrictEqual(report.errors.map(({ region, code }) => ({ region, code })), [{ region: 'evil.example.com#', code: 'InvalidRegion' }]);
      assert.ok(fake.state.requests.every((request) => request.region === 'us-east-1'));
    });
  });

  it('names partitions for ARNs and keeps a polite default concurrency', () => {
    assert.deepStrictEqual(['us-east-1', 'cn-north-1', 'us-gov-west-1', 'eu-central-2'].map(partitionOf), ['aws', 'aws-cn', 'aws-us-gov', 'aws']);
    assert.ok(DEFAULT_CONCURRENCY >= 4 && DEFAULT_CONCURRENCY <= 32);
  });

  it('is loaded from source under tests and from the bundle when built', () => {
    assert.strictEqual(loadAudit().runAudit, runAudit);
  });
});
