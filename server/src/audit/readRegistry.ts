import {
  DescribePullThroughCacheRulesCommand, DescribeRegistryCommand, DescribeRepositoriesCommand, DescribeRepositoryCreationTemplatesCommand,
  ECRClient, GetAccountSettingCommand, GetRegistryPolicyCommand, GetRepositoryPolicyCommand, Repository,
} from '@aws-sdk/client-ecr';
import { AuditCallError, DeployedCreationTemplate, DeployedPullThroughCacheRule, DeployedReplication, DeployedRepository, RegistrySnapshot } from '../core/deployed/snapshot';
import { callError, isAbort } from './callError';
import { CallLimit } from './limit';

/** The calls of one region besides GetRepositoryPolicy: counted in the progress. */
const REGISTRY_CALLS = 6;

export interface RegionProgress { region: string; done: number; total: number }

export interface ReadContext {
  limit: CallLimit;
  signal?: AbortSignal;
  onProgress?(progress: RegionProgress): void;
}

/** "No policy" answers: the call worked and the resource has none. */
const NO_POLICY = new Set(['RepositoryPolicyNotFoundException', 'RegistryPolicyNotFoundException']);

/**
 * Everything the audit reads from one region's private registry, with read-only calls only. A call that fails
 * is recorded in `errors` and the rest go on; an abort ends the read (it throws).
 */
export async function readRegistry(client: ECRClient, region: string, partition: string, context: ReadContext): Promise<RegistrySnapshot> {
  const errors: AuditCallError[] = [];
  let done = 0;
  let total = REGISTRY_CALLS;
  const progressed = (): void => {
    done++;
    context.onProgress?.({ region, done, total });
  };
  /** One call under the audit's limit; undefined when it failed (recorded) or found no policy. */
  const call = async <T>(operation: string, send: (abortSignal?: AbortSignal) => Promise<T>, resource?: string): Promise<T | undefined> => {
    try {
      return await context.limit.run(() => {
        context.signal?.throwIfAborted();
        return send(context.signal);
      });
    } catch (error) {
      if (isAbort(error, context.signal)) throw error;
      if (!(error instanceof Error && NO_POLICY.has(error.name))) errors.push(callError(error, region, operation, resource));
      return undefined;
    }
  };
  const policies: Promise<void>[] = [];
  const repositories: DeployedRepository[] = [];
  const listed = listRepositories(client, call, (page) => {
    total += page.length;
    for (const found of page) {
      const repository: DeployedRepository = { name: found.repositoryName ?? '', arn: found.repositoryArn ?? '' };
      repositories.push(repository);
      policies.push(readRepositoryPolicy(client, call, repository, errors).finally(progressed));
    }
  }).finally(progressed);
  const [registry, registryPolicy, scope, creationTemplates, pullThroughCacheRules] = await Promise.all([
    call('DescribeRegistry', (abortSignal) => client.send(new DescribeRegistryCommand({}), { abortSignal })).finally(progressed),
    call('GetRegistryPolicy', (abortSignal) => client.send(new GetRegistryPolicyCommand({}), { abortSignal })).finally(progressed),
    call('GetAccountSetting', (abortSignal) => client.send(new GetAccountSettingCommand({ name: 'REGISTRY_POLICY_SCOPE' }), { abortSignal })).finally(progressed),
    readCreationTemplates(client, call).finally(progressed),
    readPullThroughCacheRules(client, call).finally(progressed),
    listed,
  ]);
  await Promise.all(policies);
  const account = registry?.registryId ?? registryPolicy?.registryId ?? accountOfArn(repositories[0]?.arn) ?? '';
  const replication = replicationOf(registry?.replicationConfiguration);
  return {
    account, region, partition, repositories,
    ...(registryPolicy?.policyText !== undefined ? { registryPolicy: registryPolicy.policyText } : {}),
    ...(scope?.value === 'V1' || scope?.value === 'V2' ? { registryPolicyScope: scope.value } : {}),
    ...(replication ? { replication } : {}),
    creationTemplates, pullThroughCacheRules, errors,
  };
}

type Call = <T>(operation: string, send: (abortSignal?: AbortSignal) => Promise<T>, resource?: string) => Promise<T | undefined>;

/** DescribeRepositories, every page (1,000 a page, the most it returns); each page is handed on as it arrives. */
async function listRepositories(client: ECRClient, call: Call, onPage: (page: Repository[]) => void): Promise<void> {
  let nextToken: string | undefined;
  do {
    const page = await call('DescribeRepositories', (abortSignal) => client.send(new DescribeRepositoriesCommand({ maxResults: 1000, nextToken }), { abortSignal }));
    if (!page) return;
    onPage(page.repositories ?? []);
    nextToken = page.nextToken;
  } while (nextToken);
}

async function readRepositoryPolicy(client: ECRClient, call: Call, repository: DeployedRepository, errors: AuditCallError[]): Promise<void> {
  const before = errors.length;
  const answer = await call('GetRepositoryPolicy', (abortSignal) => client.send(new GetRepositoryPolicyCommand({ repositoryName: repository.name }), { abortSignal }), repository.arn);
  if (answer?.policyText !== undefined) repository.policyText = answer.policyText;
  else if (errors.length > before) repository.unreadable = true;
}

async function readCreationTemplates(client: ECRClient, call: Call): Promise<DeployedCreationTemplate[]> {
  const templates: DeployedCreationTemplate[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call('DescribeRepositoryCreationTemplates', (abortSignal) => client.send(new DescribeRepositoryCreationTemplatesCommand({ maxResults: 1000, nextToken }), { abortSignal }));
    if (!page) break;
    for (const template of page.repositoryCreationTemplates ?? []) {
      templates.push({ prefix: template.prefix ?? '', appliedFor: template.appliedFor ?? [], ...(template.repositoryPolicy !== undefined ? { repositoryPolicy: template.repositoryPolicy } : {}) });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return templates;
}

async function readPullThroughCacheRules(client: ECRClient, call: Call): Promise<DeployedPullThroughCacheRule[]> {
  const rules: DeployedPullThroughCacheRule[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call('DescribePullThroughCacheRules', (abortSignal) => client.send(new DescribePullThroughCacheRulesCommand({ maxResults: 1000, nextToken }), { abortSignal }));
    if (!page) break;
    for (const rule of page.pullThroughCacheRules ?? []) {
      rules.push({
        ecrRepositoryPrefix: rule.ecrRepositoryPrefix ?? '', upstreamRegistryUrl: rule.upstreamRegistryUrl ?? '',
        ...(rule.upstreamRegistry ? { upstreamRegistry: rule.upstreamRegistry } : {}),
        ...(rule.upstreamRepositoryPrefix ? { upstreamRepositoryPrefix: rule.upstreamRepositoryPrefix } : {}),
        ...(rule.credentialArn ? { credentialArn: rule.credentialArn } : {}),
      });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return rules;
}

function replicationOf(configuration: { rules?: { destinations?: { region?: string; registryId?: string }[]; repositoryFilters?: { filter?: string; filterType?: string }[] }[] } | undefined): DeployedReplication | undefined {
  const rules = configuration?.rules ?? [];
  if (rules.length === 0) return undefined;
  return {
    rules: rules.map((rule) => ({
      destinations: (rule.destinations ?? []).map((destination) => ({ region: destination.region ?? '', registryId: destination.registryId ?? '' })),
      ...(rule.repositoryFilters ? { repositoryFilters: rule.repositoryFilters.map((filter) => ({ filter: filter.filter ?? '', filterType: filter.filterType ?? '' })) } : {}),
    })),
  };
}

function accountOfArn(arn: string | undefined): string | undefined {
  return arn?.split(':')[4] || undefined;
}
