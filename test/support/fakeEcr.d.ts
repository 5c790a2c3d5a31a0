// Types of fakeEcr.js (CommonJS, for mocha TS tests, scripts/bench.mjs and the VS Code suite alike).
export interface FakeRepository { name: string; /** Absent: the repository has no policy. */ policy?: string | object }

export interface FakeRegistry {
  repositories?: FakeRepository[];
  registryPolicy?: string | object;
  registryPolicyScope?: 'V1' | 'V2';
  replication?: { rules: { destinations: { region: string; registryId: string }[]; repositoryFilters?: { filter: string; filterType: string }[] }[] };
  creationTemplates?: { prefix: string; appliedFor?: string[]; repositoryPolicy?: string | object }[];
  pullThroughCacheRules?: { ecrRepositoryPrefix: string; upstreamRegistryUrl: string; upstreamRegistry?: string; credentialArn?: string }[];
}

export interface FakeScenario {
  account: string;
  regions: Record<string, FakeRegistry>;
  /** What ListRegions reports; default: every region of `regions`, ENABLED_BY_DEFAULT. */
  enabledRegions?: { name: string; status: 'ENABLED' | 'ENABLING' | 'DISABLING' | 'DISABLED' | 'ENABLED_BY_DEFAULT' }[];
  /** The first N ECR calls are refused with ThrottlingException. */
  throttleFirst?: number;
  /** Added before each answer. */
  latencyMs?: number;
  /** The most items of one page, whatever maxResults asks (default 1000). */
  pageSize?: number;
  /** Calls answered with AccessDeniedException. */
  denied?: { operation: string; region?: string; repository?: string }[];
}

export interface FakeRequest { operation: string; region: string; body: Record<string, unknown> }

export interface FakeEcr {
  url: string;
  state: { scenario: FakeScenario; requests: FakeRequest[]; authorizations: string[]; throttled: number; unsigned: number; inFlight: number; maxInFlight: number };
  close(): Promise<void>;
}

export function startFakeEcr(scenario: FakeScenario): Promise<FakeEcr>;
export function fakeEcrEnvironment(url: string, base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
