import * as assert from 'assert';
import { analyzeDeployed, DeployedResult } from '../../server/src/core/deployed/analyze';
import { deployedResources, registryArn, resourceKey, templateArn } from '../../server/src/core/deployed/resources';
import { RegistrySnapshot } from '../../server/src/core/deployed/snapshot';
import { sourceFor } from '../../server/src/core/sources/registry';
import { parseTrustList } from '../../server/src/core/trust';

/** Deployed policies, as the ECR API returns them, judged by the same rules as files and named by ARN. */
const NOW = new Date('2026-06-01T12:00:00Z');
const ACCOUNT = '111122223333';
const TRUST = parseTrustList(JSON.stringify({
  ownAccounts: [ACCOUNT],
  trustedAccounts: { '222233334444': { name: 'staging', access: 'pull' } },
}), '/w/.ecr-trust.json').list;

const policy = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (principal: unknown, action: string | string[], extra: object = {}): object => ({ Effect: 'Allow', Principal: principal, Action: action, ...extra });
const arn = (name: string): string => `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/${name}`;
const repo = (name: string, policyText?: string) => ({ name, arn: arn(name), ...(policyText !== undefined ? { policyText } : {}) });

function snapshot(overrides: Partial<RegistrySnapshot> = {}): RegistrySnapshot {
  return {
    account: ACCOUNT,
    region: 'us-east-1',
    partition: 'aws',
    repositories: [
      repo('public', policy(allow('*', 'ecr:BatchGetImage'))),
      repo('pushed', policy(allow({ AWS: 'arn:aws:iam::999988887777:root' }, ['ecr:PutImage', 'ecr:InitiateLayerUpload']))),
      repo('stranger', policy(allow({ AWS: '444455556666' }, 'ecr:BatchGetImage'))),
      repo('builder', policy(allow({ Service: 'codebuild.amazonaws.com' }, 'ecr:BatchGetImage'))),
      repo('staging', policy(allow({ AWS: 'arn:aws:iam::222233334444:root' }, 'ecr:BatchGetImage'))),
      repo('plain'),
      { ...repo('hidden'), unreadable: true },
    ],
    registryPolicy: policy(allow({ AWS: 'arn:aws:iam::999988887777:root' }, ['ecr:CreateRepository', 'ecr:ReplicateImage'])),
    registryPolicyScope: 'V2',
    replication: { rules: [{ destinations: [{ region: 'eu-west-1', registryId: '999988887777' }, { region: 'eu-west-1', registryId: ACCOUNT }] }] },
    creationTemplates: [{ prefix: 'cache', appliedFor: ['PULL_THROUGH_CACHE'], repositoryPolicy: policy(allow('*', 'ecr:BatchGetImage')) }, { prefix: 'bare', appliedFor: ['REPLICATION'] }],
    pullThroughCacheRules: [],
    errors: [],
    ...overrides,
  };
}

function rulesOf(results: readonly DeployedResult[], key: string): string[] {
  const result = results.find((item) => resourceKey(item.resource) === key);
  assert.ok(result, `no result for ${key}`);
  // One finding per action granted: the rules that fired, once each.
  return [...new Set(result.result.findings.map((finding) => finding.rule))].sort();
}

describe('deployed: resources of a registry snapshot', () => {
  it('names every policy by ARN, skipping repositories without one, in a stable order', () => {
    const resources = deployedResources(snapshot());
    assert.deepStrictEqual(resources.map((resource) => [resource.kind, resource.arn]), [
      ...['public', 'pushed', 'stranger', 'builder', 'staging'].map((name) => ['repository-policy', arn(name)]),
      ['registry-policy', `arn:aws:ecr:us-east-1:${ACCOUNT}:registry`],
      ['replication', `arn:aws:ecr:us-east-1:${ACCOUNT}:registry`],
      ['creation-template', `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/cache/*`],
    ]);
    assert.strictEqual(new Set(resources.map(resourceKey)).size, resources.length, 'keys are unique');
    assert.strictEqual(resources[0].repository, 'public');
    assert.strictEqual(resources[0].text, snapshot().repositories[0].policyText, 'the policy text exactly as returned');
    assert.deepStrictEqual(JSON.parse(resources[6].text), { rules: snapshot().replication?.rules });
  });

  it('builds ARNs in the snapshot\'s partition; ROOT templates cover every repository', () => {
    const china = { partition: 'aws-cn', region: 'cn-north-1', account: ACCOUNT };
    assert.strictEqual(registryArn(china), `arn:aws-cn:ecr:cn-north-1:${ACCOUNT}:registry`);
    assert.strictEqual(templateArn(china, 'ROOT'), `arn:aws-cn:ecr:cn-north-1:${ACCOUNT}:repository/*`);
    assert.strictEqual(templateArn(china, 'team/a'), `arn:aws-cn:ecr:cn-north-1:${ACCOUNT}:repository/team/a/*`);
  });

  it('gives nothing for an empty registry, and no replication resource for a configuration without rules', () => {
    assert.deepStrictEqual(deployedResources(snapshot({ repositories: [], registryPolicy: undefined, replication: { rules: [] }, creationTemplates: [] })), []);
  });

  it('takes the registry policy scope from the account setting, V2 when it could not be read', () => {
    assert.strictEqual(deployedResources(snapshot({ registryPolicyScope: 'V1' })).find((resource) => resource.kind === 'registry-policy')?.registryScope, 'V1');
    assert.strictEqual(deployedResources(snapshot({ registryPolicyScope: undefined })).find((resource) => resource.kind === 'registry-policy')?.registryScope, 'V2');
  });
});

describe('deployed: analysed by the same rules as files', () => {
  const results = analyzeDeployed(deployedResources(snapshot()), { trust: TRUST, now: NOW });

  it('finds the public repository, the external push, the untrusted account and the unscoped service principal', () => {
    assert.deepStrictEqual(rulesOf(results, arn('public')), ['wildcard-principal']);
    assert.deepStrictEqual(rulesOf(results, arn('pushed')), ['external-write', 'untrusted-account']);
    assert.deepStrictEqual(rulesOf(results, arn('stranger')), ['untrusted-account']);
    assert.deepStrictEqual(rulesOf(results, arn('builder')), ['unscoped-service-principal']);
    assert.deepStrictEqual(rulesOf(results, arn('staging')), [], 'a trusted account with the access it is trusted for');
  });

  it('judges the registry policy under the scope the account setting gives', () => {
    const registry = `arn:aws:ecr:us-east-1:${ACCOUNT}:registry`;
    assert.deepStrictEqual(rulesOf(results, registry), ['external-write', 'untrusted-account']);
    const v1 = analyzeDeployed(deployedResources(snapshot({ registryPolicyScope: 'V1', registryPolicy: policy(allow({ AWS: '999988887777' }, 'ecr:PutImage')) })), { trust: TRUST, now: NOW });
    assert.deepStrictEqual(rulesOf(v1, registry), [], 'V1 does not enforce ecr:PutImage in a registry policy: nothing is granted');
    assert.strictEqual(v1.find((item) => item.resource.kind === 'registry-policy')?.result.documents[0].registryScope, 'V1');
  });

  it('finds replication to an untrusted account, and not to an own account', () => {
    const replication = results.find((item) => item.resource.kind === 'replication');
    assert.deepStrictEqual(replication?.result.findings.map((finding) => [finding.rule, replication.resource.text.slice(finding.span.offset, finding.span.offset + finding.span.length).includes('999988887777')]), [['external-replication', true]]);
  });

  it('analyses a creation template\'s policy as a repository policy', () => {
    assert.deepStrictEqual(rulesOf(results, `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/cache/*`), ['wildcard-principal']);
  });

  it('the audited account is not an own account unless the trust list says so', () => {
    const own = snapshot({ repositories: [repo('self', policy(allow({ AWS: `arn:aws:iam::${ACCOUNT}:root` }, 'ecr:PutImage')))], registryPolicy: undefined, replication: undefined, creationTemplates: [] });
    const withoutTrust = analyzeDeployed(deployedResources(own), { now: NOW });
    assert.deepStrictEqual(rulesOf(withoutTrust, arn('self')), ['external-write', 'untrusted-account']);
    const withTrust = analyzeDeployed(deployedResources(own), { trust: TRUST, now: NOW });
    assert.deepStrictEqual(rulesOf(withTrust, arn('self')), []);
  });

  it('says where each document came from: the ECR API, the ARN, the field and the repository', () => {
    const pushed = results.find((item) => item.resource.arn === arn('pushed'));
    assert.strictEqual(pushed?.result.source, 'ecr-api');
    assert.deepStrictEqual(pushed?.result.documents[0].provenance, { source: 'ecr-api', resource: arn('pushed'), property: 'policyText', repository: 'pushed' });
    const template = results.find((item) => item.resource.kind === 'creation-template');
    assert.deepStrictEqual(template?.result.documents[0].provenance, { source: 'ecr-api', resource: template?.resource.arn, property: 'repositoryPolicy', repository: 'cache' });
    const replication = results.find((item) => item.resource.kind === 'replication');
    assert.strictEqual(replication?.result.replications[0].provenance?.source, 'ecr-api');
  });

  it('spans are offsets into the text as returned, so the editor can show them', () => {
    const finding = results.find((item) => item.resource.arn === arn('public'))?.result.findings[0];
    const text = snapshot().repositories[0].policyText ?? '';
    assert.ok(finding);
    assert.strictEqual(text.slice(finding.span.offset, finding.span.offset + finding.span.length), '"*"');
  });

  it('a policy text that is not a policy gives no findings and no failure', () => {
    const broken = analyzeDeployed(deployedResources(snapshot({ repositories: [repo('odd', '{"Statement": '), repo('tf', '{"resource": {"aws_ecr_repository_policy": {}}}')], registryPolicy: undefined, replication: undefined, creationTemplates: [] })), { now: NOW });
    assert.deepStrictEqual(broken.map((item) => [item.result.policies, item.result.findings.length]), [[0, 0], [0, 0]]);
  });

  it('without the workspace, nothing is compared: no drift, no drift rule', () => {
    assert.ok(results.every((item) => item.drift === undefined));
    assert.ok(results.every((item) => item.result.findings.every((finding) => finding.rule !== 'policy-drift' && finding.rule !== 'unmanaged-policy')));
    const compared = analyzeDeployed(deployedResources(snapshot()), { trust: TRUST, now: NOW }, []);
    assert.deepStrictEqual(rulesOf(compared, arn('staging')), ['unmanaged-policy'], 'an empty workspace defines nothing');
    assert.strictEqual(compared.find((item) => item.resource.kind === 'replication')?.drift, undefined, 'replication is not compared');
  });

  it('no file name selects the ECR API source', () => {
    for (const name of ['/w/policy.json', '/w/x.ecr-api', 'arn:aws:ecr:us-east-1:1:registry']) assert.notStrictEqual(sourceFor(name, policy(allow('*', 'ecr:*')))?.id, 'ecr-api');
    assert.strictEqual(sourceFor('Untitled-1', policy(allow('*', 'ecr:*')), 'json')?.id, 'json');
  });
});
