import * as assert from 'assert';
import { AuditClients } from '../../server/src/audit/clients';
import { CallLimit } from '../../server/src/audit/limit';
import { readRegistry } from '../../server/src/audit/readRegistry';
import { callError, scrubSecrets } from '../../server/src/audit/callError';
import { FakeEcr, FakeScenario } from '../support/fakeEcr';
import { withFakeEcr } from './auditFake';

const ACCOUNT = '111122223333';
const POLICY = { Version: '2012-10-17', Statement: [{ Sid: 'Pull', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'ecr:BatchGetImage' }] };

/** The real SDK against the fake endpoint, with the audit's clients. */
async function withFake<T>(scenario: FakeScenario, body: (fake: FakeEcr, clients: AuditClients) => Promise<T>): Promise<T> {
  return withFakeEcr(scenario, async (fake) => {
    const clients = new AuditClients({});
    try {
      return await body(fake, clients);
    } finally {
      clients.destroy();
    }
  });
}

function repositories(count: number, prefix = 'team/app'): { name: string; policy?: object }[] {
  return Array.from({ length: count }, (_, i) => ({ name: `${prefix}-${i}`, ...(i % 2 === 0 ? { policy: POLICY } : {}) }));
}

describe('audit reader against the local ECR endpoint', () => {
  it('reads every page of repositories and each policy, a missing policy being no policy', async () => {
    await withFake({ account: ACCOUNT, pageSize: 2, regions: { 'eu-west-1': { repositories: repositories(5) } } }, async (fake, clients) => {
      const snapshot = await readRegistry(clients.ecr('eu-west-1'), 'eu-west-1', 'aws', { limit: new CallLimit(4) });
      assert.deepStrictEqual(snapshot.repositories.map((repository) => repository.name), ['team/app-0', 'team/app-1', 'team/app-2', 'team/app-3', 'team/app-4']);
      assert.strictEqual(fake.state.requests.filter((request) => request.operation === 'DescribeRepositories').length, 3);
      assert.deepStrictEqual(JSON.parse(snapshot.repositories[0].policyText ?? ''), POLICY);
      assert.strictEqual(snapshot.repositories[1].policyText, undefined);
      assert.strictEqual(snapshot.repositories[1].unreadable, undefined);
      assert.strictEqual(snapshot.repositories[0].arn, `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/team/app-0`);
      assert.strictEqual(snapshot.account, ACCOUNT);
      assert.deepStrictEqual(snapshot.errors, []);
      assert.strictEqual(snapshot.registryPolicy, undefined);
    });
  });

  it('reads the registry policy, its scope, replication, creation templates and pull-through cache rules', async () => {
    const registry = {
      registryPolicy: POLICY, registryPolicyScope: 'V1' as const,
      replication: { rules: [{ destinations: [{ region: 'us-west-2', registryId: '999988887777' }], repositoryFilters: [{ filter: 'prod', filterType: 'PREFIX_MATCH' }] }] },
      creationTemplates: [{ prefix: 'cache', appliedFor: ['PULL_THROUGH_CACHE'], repositoryPolicy: POLICY }],
      pullThroughCacheRules: [{ ecrRepositoryPrefix: 'cache', upstreamRegistryUrl: 'public.ecr.aws', upstreamRegistry: 'ecr-public' }],
    };
    await withFake({ account: ACCOUNT, regions: { 'us-east-1': registry } }, async (_fake, clients) => {
      const snapshot = await readRegistry(clients.ecr('us-east-1'), 'us-east-1', 'aws', { limit: new CallLimit(2) });
      assert.deepStrictEqual(JSON.parse(snapshot.registryPolicy ?? ''), POLICY);
      assert.strictEqual(snapshot.registryPolicyScope, 'V1');
      assert.deepStrictEqual(snapshot.replication, registry.replication);
      assert.deepStrictEqual(snapshot.creationTemplates.map(({ prefix, appliedFor }) => ({ prefix, appliedFor })), [{ prefix: 'cache', appliedFor: ['PULL_THROUGH_CACHE'] }]);
      assert.deepStrictEqual(JSON.parse(snapshot.creationTemplates[0].repositoryPolicy ?? ''), POLICY);
      assert.deepStrictEqual(snapshot.pullThroughCacheRules, [{ ecrRepositoryPrefix: 'cache', upstreamRegistryUrl: 'public.ecr.aws', upstreamRegistry: 'ecr-public' }]);
    });
  });

  it('records access denied on one repository and reads the others', async () => {
    const scenario = { account: ACCOUNT, regions: { 'us-east-1': { repositories: repositories(4) } }, denied: [{ operation: 'GetRepositoryPolicy', repository: 'team/app-2' }] };
    await withFake(scenario, async (_fake, clients) => {
      const snapshot = await readRegistry(clients.ecr('us-east-1'), 'us-east-1', 'aws', { limit: new CallLimit(4) });
      assert.strictEqual(snapshot.repositories[2].unreadable, true);
      assert.strictEqual(snapshot.repositories[2].policyText, undefined);
      assert.ok(snapshot.repositories[0].policyText);
      assert.deepStrictEqual(snapshot.errors.map(({ operation, resource, code }) => ({ operation, resource, code })), [
        { operation: 'GetRepositoryPolicy', resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/team/app-2`, code: 'AccessDeniedException' },
      ]);
    });
  });

  it('survives throttling with the SDK\'s retries and signs every call for its region', async () => {
    await withFake({ account: ACCOUNT, throttleFirst: 3, regions: { 'us-east-1': { repositories: repositories(3) }, 'ap-south-1': { repositories: repositories(2, 'south') } } }, async (fake, clients) => {
      const limit = new CallLimit(3);
      const [east, south] = await Promise.all(['us-east-1', 'ap-south-1'].map((region) => readRegistry(clients.ecr(region), region, 'aws', { limit })));
      assert.strictEqual(fake.state.throttled, 3);
      assert.deepStrictEqual([...east.errors, ...south.errors], []);
      assert.strictEqual(east.repositories.filter((repository) => repository.policyText).length, 2);
      assert.strictEqual(south.repositories[0].arn, `arn:aws:ecr:ap-south-1:${ACCOUNT}:repository/south-0`);
      assert.strictEqual(fake.state.unsigned, 0);
      assert.ok(fake.state.requests.some((request) => request.region === 'ap-south-1'));
    });
  });

  it('keeps at most the limit\'s calls in flight across regions, and reports progress to the total', async () => {
    const regions = { 'us-east-1': { repositories: repositories(12) }, 'eu-west-1': { repositories: repositories(12) } };
    await withFake({ account: ACCOUNT, latencyMs: 15, regions }, async (fake, clients) => {
      const limit = new CallLimit(3);
      const last = new Map<string, { done: number; total: number }>();
      await Promise.all(Object.keys(regions).map((region) => readRegistry(clients.ecr(region), region, 'aws', { limit, onProgress: (p) => last.set(p.region, p) })));
      assert.ok(fake.state.maxInFlight <= 3, `${fake.state.maxInFlight} calls in flight`);
      assert.strictEqual(fake.state.maxInFlight, 3);
      assert.deepStrictEqual(last.get('us-east-1'), { region: 'us-east-1', done: 18, total: 18 });
    });
  });

  it('stops when the signal aborts', async () => {
    await withFake({ account: ACCOUNT, latencyMs: 20, regions: { 'us-east-1': { repositories: repositories(40) } } }, async (_fake, clients) => {
      const controller = new AbortController();
      const read = readRegistry(clients.ecr('us-east-1'), 'us-east-1', 'aws', { limit: new CallLimit(2), signal: controller.signal, onProgress: (p) => { if (p.done === 8) controller.abort(); } });
      await assert.rejects(read, (error: Error) => error.name === 'AbortError');
    });
  });

  it('lists the enabled regions with the Account API', async () => {
    const enabledRegions = [{ name: 'us-east-1', status: 'ENABLED_BY_DEFAULT' as const }, { name: 'af-south-1', status: 'ENABLED' as const }, { name: 'me-south-1', status: 'DISABLED' as const }];
    await withFake({ account: ACCOUNT, regions: {}, enabledRegions }, async (fake, clients) => {
      assert.deepStrictEqual(await clients.enabledRegions(), ['af-south-1', 'us-east-1']);
      assert.deepStrictEqual(fake.state.requests.map((request) => request.operation), ['ListRegions']);
    });
  });
});

describe('audit clients', () => {
  it('set a --profile as AWS_PROFILE for the audit only (the SDK reads a profile\'s endpoint_url from it)', async () => {
    await withFakeEcr({ account: ACCOUNT, regions: {} }, async () => {
      process.env.AWS_PROFILE = 'before';
      const clients = new AuditClients({ profile: 'auditor' });
      assert.strictEqual(process.env.AWS_PROFILE, 'auditor');
      clients.destroy();
      assert.strictEqual(process.env.AWS_PROFILE, 'before');
      delete process.env.AWS_PROFILE;
      new AuditClients({ profile: 'auditor' }).destroy();
      assert.strictEqual(process.env.AWS_PROFILE, undefined);
      new AuditClients({}).destroy();
      assert.strictEqual(process.env.AWS_PROFILE, undefined);
    });
  });
});

describe('audit call errors', () => {
  it('never carry signatures, keys or session tokens', () => {
    const message = 'The request signature we calculated does not match. Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261130/us-east-1/ecr/aws4_request, SignedHeaders=host, Signature=7883dd2d4cc90a088ec38b529efc89236058c064cb5c3edbe243755f8def5efa x-amz-security-token:IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ';
    const scrubbed = scrubSecrets(message);
    for (const secret of ['AKIAIOSFODNN7EXAMPLE', '7883dd2d4cc9', 'IQoJb3JpZ2lu']) assert.ok(!scrubbed.includes(secret), scrubbed);
    assert.ok(scrubbed.startsWith('The request signature we calculated does not match.'));
  });

  it('keep the AWS error code, the operation and the resource', () => {
    const error = Object.assign(new Error('User: arn:aws:iam::111122223333:user/a is not authorized'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
    assert.deepStrictEqual(callError(error, 'us-east-1', 'GetRegistryPolicy'), { region: 'us-east-1', operation: 'GetRegistryPolicy', code: 'AccessDeniedException', message: 'User: arn:aws:iam::111122223333:user/a is not authorized' });
    assert.strictEqual(callError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), 'us-east-1', 'DescribeRegistry').code, 'ECONNREFUSED');
  });
});
