/**
 * What `ecr-guard audit` read from one private registry (one account in one region), as the ECR API
 * returned it. Pure data: the AWS reader (server/src/audit) fills it in; the core turns it into deployed
 * resources and findings (see resources.ts); nothing here knows about the network.
 */
export interface RegistrySnapshot {
  /** The registry's account ID (the `registryId` the API returns). */
  account: string;
  region: string;
  /** The partition of the region (`aws`, `aws-cn`, `aws-us-gov`), for ARNs. */
  partition: string;
  /** Every repository DescribeRepositories listed, in the order it listed them. */
  repositories: DeployedRepository[];
  /** GetRegistryPolicy's `policyText`; absent when the registry has none or it could not be read (see `errors`). */
  registryPolicy?: string;
  /** GetAccountSetting `REGISTRY_POLICY_SCOPE`; absent when it could not be read. */
  registryPolicyScope?: 'V1' | 'V2';
  /** DescribeRegistry's `replicationConfiguration`, absent when it has none or could not be read. */
  replication?: DeployedReplication;
  /** DescribeRepositoryCreationTemplates, every page. */
  creationTemplates: DeployedCreationTemplate[];
  /** DescribePullThroughCacheRules, every page. */
  pullThroughCacheRules: DeployedPullThroughCacheRule[];
  /** Calls that failed (access denied, throttling past the retries, ...); the audit went on without them. */
  errors: AuditCallError[];
}

export interface DeployedRepository {
  name: string;
  /** `arn:PARTITION:ecr:REGION:ACCOUNT:repository/NAME`, as DescribeRepositories returns it. */
  arn: string;
  /** GetRepositoryPolicy's `policyText`; absent when the repository has no policy or it could not be read. */
  policyText?: string;
  /** GetRepositoryPolicy failed (its error is in `errors`): whether the repository has a policy is unknown. */
  unreadable?: boolean;
}

/** The replication configuration exactly as DescribeRegistry returns it. */
export interface DeployedReplication {
  rules: {
    destinations: { region: string; registryId: string }[];
    repositoryFilters?: { filter: string; filterType: string }[];
  }[];
}

export interface DeployedCreationTemplate {
  prefix: string;
  /** `CREATE_ON_PUSH`, `PULL_THROUGH_CACHE`, `REPLICATION`. */
  appliedFor: string[];
  /** The repository policy the template gives every repository it creates, as returned. */
  repositoryPolicy?: string;
}

export interface DeployedPullThroughCacheRule {
  ecrRepositoryPrefix: string;
  upstreamRegistryUrl: string;
  upstreamRegistry?: string;
  upstreamRepositoryPrefix?: string;
  credentialArn?: string;
}

/** One read-only call that failed. Never holds credentials or request signatures. */
export interface AuditCallError {
  region: string;
  /** The ECR operation (`GetRepositoryPolicy`), or `ListRegions` / `Credentials` for the set-up. */
  operation: string;
  /** The ARN (or repository name) the call was about, when it was about one. */
  resource?: string;
  /** The AWS error code (`AccessDeniedException`, `ThrottlingException`) or the SDK's error name. */
  code: string;
  message: string;
}
