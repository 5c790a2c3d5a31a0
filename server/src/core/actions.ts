import { globMatch } from './glob';

/**
 * ECR actions by access level, from the AWS Service Authorization Reference for Amazon Elastic Container
 * Registry (project copy: docs/aws-ecr-policy-facts.md). Update both when AWS adds actions.
 */
export type AccessLevel = 'read' | 'list' | 'write' | 'permissions' | 'tagging';

const CATALOGUE: Record<AccessLevel, readonly string[]> = {
  write: [
    'BatchDeleteImage', 'BatchImportUpstreamImage', 'CompleteLayerUpload', 'CreatePullThroughCacheRule',
    'CreateRepository', 'CreateRepositoryCreationTemplate', 'DeleteLifecyclePolicy', 'DeletePullThroughCacheRule',
    'DeleteRepository', 'DeleteRepositoryCreationTemplate', 'DeleteSigningConfiguration',
    'DeregisterPullTimeUpdateExclusion', 'InitiateLayerUpload', 'PutAccountSetting', 'PutImage',
    'PutImageScanningConfiguration', 'PutImageTagMutability', 'PutLifecyclePolicy',
    'PutRegistryScanningConfiguration', 'PutReplicationConfiguration', 'PutSigningConfiguration',
    'RegisterPullTimeUpdateExclusion', 'ReplicateImage', 'StartImageScan', 'StartLifecyclePolicyPreview',
    'UpdateImageStorageClass', 'UpdatePullThroughCacheRule', 'UpdateRepositoryCreationTemplate', 'UploadLayerPart',
  ],
  permissions: ['SetRepositoryPolicy', 'DeleteRepositoryPolicy', 'PutRegistryPolicy', 'DeleteRegistryPolicy'],
  tagging: ['TagResource', 'UntagResource'],
  read: [
    'BatchCheckLayerAvailability', 'BatchGetImage', 'BatchGetRepositoryScanningConfiguration',
    'DescribeImageReplicationStatus', 'DescribeImageScanFindings', 'DescribeImageSigningStatus', 'DescribeRegistry',
    'DescribeRepositories', 'DescribeRepositoryCreationTemplates', 'GetAccountSetting', 'GetAuthorizationToken',
    'GetDownloadUrlForLayer', 'GetImageCopyStatus', 'GetLifecyclePolicy', 'GetLifecyclePolicyPreview',
    'GetRegistryPolicy', 'GetRegistryScanningConfiguration', 'GetRepositoryPolicy', 'GetSigningConfiguration',
    'ListTagsForResource', 'ValidatePullThroughCacheRule',
  ],
  list: ['DescribeImages', 'DescribePullThroughCacheRules', 'ListImages', 'ListPullTimeUpdateExclusions'],
};

export interface EcrAction {
  /** Canonical spelling, with the `ecr:` prefix. */
  name: string;
  level: AccessLevel;
}

export const ECR_ACTIONS: readonly EcrAction[] = (Object.keys(CATALOGUE) as AccessLevel[])
  .flatMap((level) => CATALOGUE[level].map((action) => ({ name: `ecr:${action}`, level })))
  .sort((a, b) => a.name.localeCompare(b.name));

/** The names lowercased once, for case-insensitive matching. */
const LOWER_NAMES: readonly string[] = ECR_ACTIONS.map((action) => action.name.toLowerCase());

/** The three actions a `docker pull` from another account needs. */
export const PULL_ACTIONS: readonly string[] = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'];
/** What a push needs on top of pull. */
export const PUSH_ACTIONS: readonly string[] = ['ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'];

export const LEVEL_LABELS: Record<AccessLevel, string> = {
  read: 'Read',
  list: 'List',
  write: 'Write',
  permissions: 'Permissions management',
  tagging: 'Tagging',
};

export function isReadOnly(level: AccessLevel): boolean {
  return level === 'read' || level === 'list';
}

const patternCache = new Map<string, readonly EcrAction[]>();
const exactCache = new Map<string, readonly EcrAction[]>();

/**
 * The catalogued ECR actions an IAM action pattern matches. Matching is case-insensitive; `*` matches any
 * run of characters and `?` exactly one, across the service prefix too (`e*:Put*` is legal IAM). No regular
 * expression is built from the pattern: see globMatch.
 */
export function matchActions(pattern: string): readonly EcrAction[] {
  // The spelling as written first: the workspace scan asks for the same few patterns millions of times.
  const exact = exactCache.get(pattern);
  if (exact) return exact;
  const key = pattern.toLowerCase();
  let hit = patternCache.get(key);
  if (!hit) {
    hit = ECR_ACTIONS.filter((_, index) => globMatch(key, LOWER_NAMES[index]));
    if (patternCache.size > 10_000) patternCache.clear();
    patternCache.set(key, hit);
  }
  if (exactCache.size > 10_000) exactCache.clear();
  exactCache.set(pattern, hit);
  return hit;
}

/** Whether a pattern names ECR at all, including actions AWS may add after our catalogue was written. */
export function touchesEcr(pattern: string): boolean {
  return matchActions(pattern).length > 0 || pattern.slice(0, 4).toLowerCase() === 'ecr:';
}

/** The actions a statement grants: the matched actions for Action, the complement for NotAction. */
export function grantedActions(patterns: readonly string[], notAction: boolean): readonly EcrAction[] {
  if (patterns.length === 1 && !notAction) return matchActions(patterns[0]);
  const matched = new Set<EcrAction>();
  for (const pattern of patterns) for (const action of matchActions(pattern)) matched.add(action);
  return notAction ? ECR_ACTIONS.filter((action) => !matched.has(action)) : [...matched];
}
