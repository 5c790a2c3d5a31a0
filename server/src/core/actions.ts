import { globMatch } from './glob';
import { PUBLIC_CATALOGUE, PUBLIC_PUSH_ACTIONS } from './publicActions';

/**
 * ECR actions by access level, from the AWS Service Authorization Reference for Amazon Elastic Container
 * Registry (project copy: docs/aws-ecr-policy-facts.md). Update both when AWS adds actions. ECR Public's
 * are in publicActions.ts.
 */
export type AccessLevel = 'read' | 'list' | 'write' | 'permissions' | 'tagging';

/**
 * Which ECR a policy governs: a private repository or registry (`ecr:` actions) or an ECR Public repository
 * (`ecr-public:` actions). A policy grants only its own service's actions, so each has its own catalogue.
 */
export type Registry = 'private' | 'public';

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
  /** Canonical spelling, with the `ecr:` or `ecr-public:` prefix. */
  name: string;
  level: AccessLevel;
}

function actionsOf(catalogue: Record<AccessLevel, readonly string[]>, prefix: string): readonly EcrAction[] {
  return (Object.keys(catalogue) as AccessLevel[])
    .flatMap((level) => catalogue[level].map((action) => ({ name: `${prefix}:${action}`, level })))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export const ECR_ACTIONS: readonly EcrAction[] = actionsOf(CATALOGUE, 'ecr');
export const ECR_PUBLIC_ACTIONS: readonly EcrAction[] = actionsOf(PUBLIC_CATALOGUE, 'ecr-public');

export function catalogueOf(registry: Registry): readonly EcrAction[] {
  return registry === 'public' ? ECR_PUBLIC_ACTIONS : ECR_ACTIONS;
}

/** The service prefix each registry's actions carry, as IAM spells it (lower case). */
export const SERVICE_PREFIX: Record<Registry, string> = { private: 'ecr:', public: 'ecr-public:' };

/** The name without its service prefix: `PutImage`. */
export function shortName(action: EcrAction): string {
  return action.name.slice(action.name.indexOf(':') + 1);
}

/** The three actions a `docker pull` from another account needs. */
export const PULL_ACTIONS: readonly string[] = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'];
/** What a push needs on top of pull. */
export const PUSH_ACTIONS: readonly string[] = ['ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'];

const PUSH_NAMES: ReadonlySet<string> = new Set([...PUSH_ACTIONS, ...PUBLIC_PUSH_ACTIONS]);

/** Whether a trust of `push` covers the action: image upload, in either registry. */
export function isPushAction(action: EcrAction): boolean {
  return PUSH_NAMES.has(action.name);
}

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

/** A registry's matcher, with its caches: the workspace scan asks for the same few patterns millions of times. */
class Matcher {
  private readonly lowerNames: readonly string[];
  private readonly patternCache = new Map<string, readonly EcrAction[]>();
  private readonly exactCache = new Map<string, readonly EcrAction[]>();

  constructor(private readonly actions: readonly EcrAction[]) {
    this.lowerNames = actions.map((action) => action.name.toLowerCase());
  }

  match(pattern: string): readonly EcrAction[] {
    // The spelling as written first, then the case-folded pattern.
    const exact = this.exactCache.get(pattern);
    if (exact) return exact;
    const key = pattern.toLowerCase();
    let hit = this.patternCache.get(key);
    if (!hit) {
      hit = this.actions.filter((_, index) => globMatch(key, this.lowerNames[index]));
      if (this.patternCache.size > 10_000) this.patternCache.clear();
      this.patternCache.set(key, hit);
    }
    if (this.exactCache.size > 10_000) this.exactCache.clear();
    this.exactCache.set(pattern, hit);
    return hit;
  }
}

const MATCHERS: Record<Registry, Matcher> = { private: new Matcher(ECR_ACTIONS), public: new Matcher(ECR_PUBLIC_ACTIONS) };

/**
 * The catalogued actions of a registry an IAM action pattern matches. Matching is case-insensitive; `*`
 * matches any run of characters and `?` exactly one, across the service prefix too (`e*:Put*` is legal
 * IAM). No regular expression is built from the pattern: see globMatch.
 */
export function matchActions(pattern: string, registry: Registry = 'private'): readonly EcrAction[] {
  return MATCHERS[registry].match(pattern);
}

/** Whether a pattern names the registry's service at all, including actions AWS may add after our catalogue. */
export function touchesEcr(pattern: string, registry: Registry = 'private'): boolean {
  const prefix = SERVICE_PREFIX[registry];
  return matchActions(pattern, registry).length > 0 || pattern.slice(0, prefix.length).toLowerCase() === prefix;
}

/** The actions a statement grants: the matched actions for Action, the complement for NotAction. */
export function grantedActions(patterns: readonly string[], notAction: boolean, registry: Registry = 'private'): readonly EcrAction[] {
  if (patterns.length === 1 && !notAction) return matchActions(patterns[0], registry);
  const matched = new Set<EcrAction>();
  for (const pattern of patterns) for (const action of matchActions(pattern, registry)) matched.add(action);
  return notAction ? catalogueOf(registry).filter((action) => !matched.has(action)) : [...matched];
}
