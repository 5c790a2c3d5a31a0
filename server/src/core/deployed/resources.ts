import { RegistrySnapshot } from './snapshot';

/**
 * What an audit judges: each policy (and the replication configuration) a registry snapshot holds, named
 * by ARN. Pure: the snapshot is data the AWS reader filled in.
 */
export type DeployedKind = 'repository-policy' | 'registry-policy' | 'replication' | 'creation-template';

export interface DeployedResource {
  /**
   * The resource by ARN: the repository's as DescribeRepositories returned it; the registry's
   * (`arn:PARTITION:ecr:REGION:ACCOUNT:registry`) for the registry policy and the replication configuration,
   * which belong to the registry; see `templateArn` for creation templates. Not unique across kinds: key by
   * `resourceKey`.
   */
  arn: string;
  kind: DeployedKind;
  account: string;
  region: string;
  /** repository name, or the template's prefix */
  repository?: string;
  /**
   * the text analysed and shown in the editor: the policy text as AWS returned it; the replication
   * configuration as JSON
   */
  text: string;
  /** A registry policy's: the registry policy scope the account setting says (V2 when it could not be read). */
  registryScope?: 'V1' | 'V2';
}

/** The registry's ARN (the resource IAM names for registry-level actions such as ecr:ReplicateImage). */
export function registryArn(snapshot: Pick<RegistrySnapshot, 'partition' | 'region' | 'account'>): string {
  return `arn:${snapshot.partition}:ecr:${snapshot.region}:${snapshot.account}:registry`;
}

/**
 * A creation template has no ARN of its own (DescribeRepositoryCreationTemplates returns none, and IAM
 * names no such resource type): it is named by the ARN of the repositories it would create under its
 * prefix, `repository/PREFIX/*` (`ROOT`, the template for every other name, as `repository/*`).
 */
export function templateArn(snapshot: Pick<RegistrySnapshot, 'partition' | 'region' | 'account'>, prefix: string): string {
  const base = `arn:${snapshot.partition}:ecr:${snapshot.region}:${snapshot.account}:repository/`;
  return prefix === 'ROOT' ? `${base}*` : `${base}${prefix}/*`;
}

/** Unique among a snapshot's resources (the registry policy and the replication configuration share an ARN). */
export function resourceKey(resource: Pick<DeployedResource, 'arn' | 'kind'>): string {
  return resource.kind === 'replication' ? `${resource.arn}#replication` : resource.arn;
}

/**
 * Every policy of the snapshot, in a stable order: repositories as listed, then the registry policy, the
 * replication configuration and the creation templates. Repositories without a policy (or whose policy
 * could not be read) give none; the reader reports the latter among the snapshot's errors.
 */
export function deployedResources(snapshot: RegistrySnapshot): DeployedResource[] {
  const { account, region } = snapshot;
  const resources: DeployedResource[] = [];
  for (const repository of snapshot.repositories) {
    if (repository.policyText === undefined) continue;
    resources.push({ arn: repository.arn, kind: 'repository-policy', account, region, repository: repository.name, text: repository.policyText });
  }
  if (snapshot.registryPolicy !== undefined) {
    resources.push({ arn: registryArn(snapshot), kind: 'registry-policy', account, region, text: snapshot.registryPolicy, registryScope: snapshot.registryPolicyScope ?? 'V2' });
  }
  if (snapshot.replication && snapshot.replication.rules.length > 0) {
    resources.push({ arn: registryArn(snapshot), kind: 'replication', account, region, text: JSON.stringify({ rules: snapshot.replication.rules }, null, 2) });
  }
  for (const template of snapshot.creationTemplates) {
    if (template.repositoryPolicy === undefined) continue;
    resources.push({ arn: templateArn(snapshot, template.prefix), kind: 'creation-template', account, region, repository: template.prefix, text: template.repositoryPolicy });
  }
  return resources;
}
