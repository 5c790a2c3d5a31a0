import { AnalysisOptions } from '../core/analyze';
import { analyzeDeployed, DeployedResult, WorkspacePolicy } from '../core/deployed/analyze';
import { deployedResources } from '../core/deployed/resources';
import { AuditCallError, RegistrySnapshot } from '../core/deployed/snapshot';
import { callError, isAbort } from './callError';
import { AuditClients } from './clients';
import { CallLimit } from './limit';
import { RegionProgress, readRegistry } from './readRegistry';
import { isRegionName } from '../protocol/regionName';

export type { AuditCallError, DeployedResult, RegistrySnapshot, WorkspacePolicy };

/**
 * Calls in flight at once across the whole audit. ECR's API rate limits are per account and region and are
 * shared with every other caller (CI pushing images, the console); the SDK's adaptive retries slow down
 * further when ECR throttles.
 */
export const DEFAULT_CONCURRENCY = 16;

export interface AuditOptions {
  /** Region names, or 'all' for every region enabled for the account (Account API ListRegions). */
  regions: string[] | 'all';
  /** A profile of the shared config and credentials files; absent: the SDK's default chain. */
  profile?: string;
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?(progress: RegionProgress): void;
  analysis: AnalysisOptions;
  /** The workspace's policies, for drift; absent: no drift is looked for. */
  workspace?: readonly WorkspacePolicy[];
}

export interface AuditReport {
  regions: string[];
  /** The accounts whose registries were read (their registry IDs), sorted. */
  accounts: string[];
  repositoriesScanned: number;
  results: DeployedResult[];
  snapshots: RegistrySnapshot[];
  /** Calls that failed: the audit went on without them, so its verdict is incomplete. */
  errors: AuditCallError[];
}

/** The partition a region belongs to, for the ARNs the audit names resources by. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

/**
 * The one audit the CLI and the editor run: reads each region's registry with read-only calls, then judges
 * every policy with the same rules, trust list and suppressions as files (and, given the workspace's
 * policies, compares them for drift). Throws only when aborted.
 */
export async function runAudit(options: AuditOptions): Promise<AuditReport> {
  const clients = new AuditClients({ profile: options.profile });
  const errors: AuditCallError[] = [];
  try {
    const setup = options.regions === 'all' ? 'us-east-1' : options.regions.find(isRegionName) ?? 'us-east-1';
    if (!(await step(errors, options.signal, setup, 'Credentials', () => clients.resolveCredentials(setup)))) return emptyReport(options, errors);
    const regions = options.regions === 'all' ? (await step(errors, options.signal, setup, 'ListRegions', () => clients.enabledRegions(options.signal)))?.value ?? [] : namedRegions(options.regions, errors);
    const limit = new CallLimit(options.concurrency ?? DEFAULT_CONCURRENCY);
    const snapshots = await Promise.all(regions.map((region) => readRegistry(clients.ecr(region), region, partitionOf(region), { limit, signal: options.signal, onProgress: options.onProgress })));
    options.signal?.throwIfAborted();
    const results = analyzeDeployed(snapshots.flatMap((snapshot) => deployedResources(snapshot)), options.analysis, options.workspace);
    return {
      regions,
      accounts: [...new Set(snapshots.map((snapshot) => snapshot.account).filter((account) => account !== ''))].sort(),
      repositoriesScanned: snapshots.reduce((sum, snapshot) => sum + snapshot.repositories.length, 0),
      results, snapshots, errors: [...errors, ...snapshots.flatMap((snapshot) => snapshot.errors)],
    };
  } finally {
    clients.destroy();
  }
}

/** The regions asked for, each once; a name that is no region is reported and never becomes a host name. */
function namedRegions(regions: readonly string[], errors: AuditCallError[]): string[] {
  const valid: string[] = [];
  for (const region of new Set(regions)) {
    if (isRegionName(region)) valid.push(region);
    else errors.push({ region, operation: 'Region', code: 'InvalidRegion', message: `"${region}" is not a region name` });
  }
  return valid;
}

/** A set-up step (credentials, the region list): its failure is recorded and leaves nothing to audit. */
async function step<T>(errors: AuditCallError[], signal: AbortSignal | undefined, region: string, operation: string, run: () => Promise<T>): Promise<{ value: T } | undefined> {
  try {
    return { value: await run() };
  } catch (error) {
    if (isAbort(error, signal)) throw error;
    errors.push(callError(error, region, operation));
    return undefined;
  }
}

function emptyReport(options: AuditOptions, errors: AuditCallError[]): AuditReport {
  return { regions: options.regions === 'all' ? [] : [...options.regions], accounts: [], repositoriesScanned: 0, results: [], snapshots: [], errors };
}
