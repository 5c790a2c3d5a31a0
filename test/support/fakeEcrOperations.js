// The ECR operations the audit calls, answered from a scenario as the ECR API answers them (shapes from the
// API reference: DescribeRepositories, GetRepositoryPolicy, GetRegistryPolicy, DescribeRegistry,
// GetAccountSetting, DescribeRepositoryCreationTemplates, DescribePullThroughCacheRules) and the Account
// API's ListRegions. CommonJS, so mocha TS tests, scripts/bench.mjs and the VS Code suite can all use it.
'use strict';

/** A service error as the JSON 1.1 protocol sends it: HTTP 400 and `__type`. */
class ServiceError extends Error {
  constructor(type, message, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

function policyText(policy) {
  return typeof policy === 'string' ? policy : JSON.stringify(policy, null, 2);
}

function partitionOf(region) {
  return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/** One page of `items` from the opaque `nextToken` on: at most `maxResults` (default 100) and the scenario's page size. */
function page(items, body, scenario) {
  const start = body.nextToken ? Number(Buffer.from(body.nextToken, 'base64').toString('utf8').replace(/^offset:/, '')) : 0;
  if (!Number.isInteger(start) || start < 0 || start > items.length) throw new ServiceError('InvalidParameterException', 'Invalid parameter at \'nextToken\'');
  const size = Math.min(body.maxResults || 100, scenario.pageSize || 1000);
  const end = Math.min(items.length, start + size);
  return { items: items.slice(start, end), nextToken: end < items.length ? Buffer.from(`offset:${end}`).toString('base64') : undefined };
}

function repositoryOf(registry, name) {
  const repository = (registry.repositories || []).find((candidate) => candidate.name === name);
  if (!repository) throw new ServiceError('RepositoryNotFoundException', `The repository with name '${name}' does not exist in the registry`);
  return repository;
}

const OPERATIONS = {
  DescribeRepositories(registry, body, ctx) {
    const { items, nextToken } = page(registry.repositories || [], body, ctx.scenario);
    return {
      repositories: items.map((repository) => ({
        repositoryArn: `arn:${partitionOf(ctx.region)}:ecr:${ctx.region}:${ctx.scenario.account}:repository/${repository.name}`,
        registryId: ctx.scenario.account,
        repositoryName: repository.name,
        repositoryUri: `${ctx.scenario.account}.dkr.ecr.${ctx.region}.amazonaws.com/${repository.name}`,
        createdAt: 1767225600,
        imageTagMutability: 'MUTABLE',
        imageScanningConfiguration: { scanOnPush: false },
        encryptionConfiguration: { encryptionType: 'AES256' },
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  },
  GetRepositoryPolicy(registry, body, ctx) {
    const repository = repositoryOf(registry, body.repositoryName);
    if (repository.policy === undefined) throw new ServiceError('RepositoryPolicyNotFoundException', 'Repository policy does not exist for the repository with name \'' + repository.name + '\' in the registry with id \'' + ctx.scenario.account + '\'');
    return { registryId: ctx.scenario.account, repositoryName: repository.name, policyText: policyText(repository.policy) };
  },
  GetRegistryPolicy(registry, _body, ctx) {
    if (registry.registryPolicy === undefined) throw new ServiceError('RegistryPolicyNotFoundException', `Registry policy does not exist in the registry with id '${ctx.scenario.account}'`);
    return { registryId: ctx.scenario.account, policyText: policyText(registry.registryPolicy) };
  },
  DescribeRegistry(registry, _body, ctx) {
    return { registryId: ctx.scenario.account, replicationConfiguration: registry.replication || { rules: [] } };
  },
  GetAccountSetting(registry, body) {
    if (body.name !== 'REGISTRY_POLICY_SCOPE' && body.name !== 'BASIC_SCAN_TYPE_VERSION') throw new ServiceError('ValidationException', `Invalid account setting name '${body.name}'`);
    return { name: body.name, value: body.name === 'REGISTRY_POLICY_SCOPE' ? registry.registryPolicyScope || 'V2' : 'AWS_NATIVE' };
  },
  DescribeRepositoryCreationTemplates(registry, body, ctx) {
    const { items, nextToken } = page(registry.creationTemplates || [], body, ctx.scenario);
    return {
      registryId: ctx.scenario.account,
      repositoryCreationTemplates: items.map((template) => ({
        prefix: template.prefix, appliedFor: template.appliedFor || ['CREATE_ON_PUSH'], imageTagMutability: 'MUTABLE',
        ...(template.repositoryPolicy !== undefined ? { repositoryPolicy: policyText(template.repositoryPolicy) } : {}),
        createdAt: 1767225600, updatedAt: 1767225600,
      })),
      ...(nextToken ? { nextToken } : {}),
    };
  },
  DescribePullThroughCacheRules(registry, body, ctx) {
    const { items, nextToken } = page(registry.pullThroughCacheRules || [], body, ctx.scenario);
    return {
      pullThroughCacheRules: items.map((rule) => ({ registryId: ctx.scenario.account, createdAt: 1767225600, ...rule })),
      ...(nextToken ? { nextToken } : {}),
    };
  },
};

/** The Account API's ListRegions (restJson1): the scenario's regions, filtered by opt-in status. */
function listRegions(scenario, body) {
  const all = scenario.enabledRegions || Object.keys(scenario.regions).map((name) => ({ name, status: 'ENABLED_BY_DEFAULT' }));
  const wanted = body.RegionOptStatusContains;
  const regions = all.filter((region) => !wanted || wanted.includes(region.status)).map((region) => ({ RegionName: region.name, RegionOptStatus: region.status }));
  const start = body.NextToken ? Number(body.NextToken) : 0;
  const size = body.MaxResults || 20;
  const end = Math.min(regions.length, start + size);
  return { Regions: regions.slice(start, end), ...(end < regions.length ? { NextToken: String(end) } : {}) };
}

module.exports = { OPERATIONS, ServiceError, listRegions, partitionOf };
