/* The audit's types: the core's (slice "deployed"), and runAudit's until server/src/audit/runAudit.ts is in main. */
import type { AnalysisOptions } from '../core/analyze';
import type { AuditCallError, RegistrySnapshot } from '../core/deployed/snapshot';
import type { DeployedResult, WorkspacePolicy } from '../core/deployed/analyze';

export type { DeployedResult, WorkspacePolicy } from '../core/deployed/analyze';
export type { DeployedKind, DeployedResource } from '../core/deployed/resources';

export interface AuditOptions {
  regions: string[] | 'all'; profile?: string; concurrency?: number; signal?: AbortSignal;
  onProgress?(p: { region: string; done: number; total: number }): void;
  analysis: AnalysisOptions; workspace?: readonly WorkspacePolicy[];
}
export interface AuditReport { regions: string[]; accounts: string[]; repositoriesScanned: number; results: DeployedResult[]; snapshots: RegistrySnapshot[]; errors: AuditCallError[] }
export interface AuditModule { runAudit(options: AuditOptions): Promise<AuditReport> }
