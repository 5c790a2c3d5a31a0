import { DeployedResource } from '../deployed/resources';
import { registryOf } from '../registryOf';
import type { WorkspacePolicy } from '../deployed/analyze';

/** Which kind of deployed policy a workspace policy defines, by the resource and property that hold it. */
export type DefinedKind = 'repository-policy' | 'registry-policy' | 'creation-template' | 'other';

// Terraform (native, JSON and plans) and CloudFormation name a creation template's policy so.
const TEMPLATE_PROPERTIES = new Set(['repository_policy', 'RepositoryPolicy']);
const REGISTRY_RESOURCE = /(?:^|\.)aws_ecr_registry_policy\.|^AWS::ECR::RegistryPolicy /;

export function definedKind(policy: WorkspacePolicy): DefinedKind {
  const { document } = policy;
  const place = document.provenance;
  if (!place || place.property === undefined || registryOf(document) === 'public') return 'other';
  if (document.registryScope !== undefined || (place.resource !== undefined && REGISTRY_RESOURCE.test(place.resource))) return 'registry-policy';
  if (TEMPLATE_PROPERTIES.has(place.property)) return 'creation-template';
  return 'repository-policy';
}

/** The workspace's definitions by what they define: built once per audit, looked up per deployed resource. */
export type DefinitionIndex = ReadonlyMap<string, readonly WorkspacePolicy[]>;

function keyOf(kind: DefinedKind, repository: string | undefined): string {
  return kind === 'registry-policy' ? kind : `${kind}\0${repository ?? ''}`;
}

export function indexDefinitions(workspace: readonly WorkspacePolicy[]): DefinitionIndex {
  const index = new Map<string, WorkspacePolicy[]>();
  for (const policy of workspace) {
    const kind = definedKind(policy);
    const repository = policy.document.provenance?.repository;
    if (kind === 'other' || (kind !== 'registry-policy' && repository === undefined)) continue;
    const key = keyOf(kind, repository);
    index.set(key, [...(index.get(key) ?? []), policy]);
  }
  return index;
}

/**
 * The workspace policies that define `resource`: a repository's by the repository name the IaC gives
 * (Terraform `aws_ecr_repository_policy` `repository`, references resolved to the repository's `name`;
 * CloudFormation `RepositoryName`; a registry module's inputs; a plan's values), a creation template's by
 * its prefix, the registry policy by kind alone (the IaC does not say which account and region it is
 * applied to). A plain policy file names no repository and defines nothing here.
 */
export function definitionsOf(resource: DeployedResource, index: DefinitionIndex): readonly WorkspacePolicy[] {
  if (resource.kind === 'replication') return [];
  return index.get(keyOf(resource.kind, resource.repository)) ?? [];
}
