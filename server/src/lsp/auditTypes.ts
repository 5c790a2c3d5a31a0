/* TEMPORARY: the contract's types of slices 1 and 2 until they are in main; replaced by imports after the merge. */
import type { AnalysisOptions } from '../core/analyze';
import type { FileResult } from '../core/batch';
import type { RegistrySnapshot, AuditCallError } from '../core/deployed/snapshot';
import type { PolicyDocument } from '../core/model';

export type DeployedKind = 'repository-policy' | 'registry-policy' | 'replication' | 'creation-template';
export interface DeployedResource { arn: string; kind: DeployedKind; account: string; region: string; repository?: string; text: string }
export interface WorkspacePolicy { file: string; text: string; document: PolicyDocument }
export interface DeployedResult { resource: DeployedResource; result: FileResult }
export interface AuditOptions {
  regions: string[] | 'all'; profile?: string; concurrency?: number; signal?: AbortSignal;
  onProgress?(p: { region: string; done: number; total: number }): void;
  analysis: AnalysisOptions; workspace?: readonly WorkspacePolicy[];
}
export interface AuditReport { regions: string[]; accounts: string[]; repositoriesScanned: number; results: DeployedResult[]; snapshots: RegistrySnapshot[]; errors: AuditCallError[] }
export interface AuditModule { runAudit(options: AuditOptions): Promise<AuditReport> }
