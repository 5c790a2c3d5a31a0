import { performance } from 'perf_hooks';
import { CancellationToken, Connection, WorkspaceFolder } from 'vscode-languageserver/node';
import { analyzeDeployed } from '../core/deployed/analyze';
import { RuleId } from '../core/model';
import { TrustList } from '../core/trust';
import {
  AuditDeployedParams, AuditDeployedRequest, AuditDeployedResult, DeployedChangedNotification, DeployedDocumentRequest, DeployedHoverRequest,
  DeployedInventoryRequest,
} from '../protocol';
import { AuditModule, loadAudit } from '../audit/load';
import { isRegionName } from '../protocol/regionName';
import type { AuditReport, WorkspacePolicy } from '../audit/runAudit';
import { AuditContext, DeployedResults } from './deployedResults';

/** What the audit needs from the language server it runs in. */
export interface AuditHost {
  connection: Connection;
  folders(): readonly WorkspaceFolder[];
  /** The trust list of the first workspace folder (the audit is of accounts, not of a file). */
  trust(): Promise<TrustList | undefined>;
  /** The workspace's policies for drift; undefined when no folder is open. */
  workspacePolicies(): Promise<WorkspacePolicy[] | undefined>;
  displayFile?: AuditContext['displayFile'];
  log(message: string): void;
  logError(message: string, error: unknown): void;
  /** The audit code (the AWS SDK): loaded on the first audit only, so the server starts as fast as before. */
  loadAudit?(): typeof AuditModule;
}

/**
 * `ecrGuard/auditDeployed` and the requests on its results. The regions and the profile are the only
 * inputs from the client; the endpoint and credentials are the SDK's own (environment, shared config):
 * nothing from the workspace reaches them. One audit at a time: a new one cancels the running one.
 */
export function registerAudit(host: AuditHost): { results: DeployedResults; trustChanged(): void } {
  const results = new DeployedResults(host.connection);
  let running: AbortController | undefined;
  let last: { report: AuditReport; workspace?: WorkspacePolicy[] } | undefined;
  host.connection.onRequest(AuditDeployedRequest, async (params: AuditDeployedParams, token: CancellationToken) => {
    running?.abort();
    const abort = new AbortController();
    running = abort;
    token.onCancellationRequested(() => abort.abort());
    try {
      return await audit(host, results, params, abort.signal, (report, workspace) => { last = { report, workspace }; });
    } finally {
      if (running === abort) running = undefined;
    }
  });
  host.connection.onRequest(DeployedInventoryRequest, () => results.inventory());
  host.connection.onRequest(DeployedDocumentRequest, (params) => (typeof params?.uri === 'string' ? results.document(params.uri) : null));
  host.connection.onRequest(DeployedHoverRequest, (params) => (typeof params?.textDocument?.uri === 'string' && params.position ? results.hover(params) : null));
  /** The trust list (or a setting) changed: what was read is judged again, without a new call to AWS. */
  const trustChanged = async (): Promise<void> => {
    if (!last || running) return;
    const { report, workspace } = last;
    const trust = await host.trust();
    const now = new Date();
    const judged = { ...report, results: analyzeDeployed(report.results.map((result) => result.resource), { trust, now }, workspace) };
    last = { report: judged, workspace };
    const inventory = results.replace(judged, { trust, now, drift: workspace !== undefined, displayFile: host.displayFile });
    void host.connection.sendNotification(DeployedChangedNotification, inventory);
  };
  // A trust list being typed changes on every keystroke: judge once it settles.
  let timer: NodeJS.Timeout | undefined;
  const soon = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      trustChanged().catch((error) => host.logError('Judging the audit again failed', error));
    }, 300);
  };
  return { results, trustChanged: () => (last ? soon() : undefined) };
}

async function audit(
  host: AuditHost, results: DeployedResults, params: AuditDeployedParams, signal: AbortSignal, kept: (report: AuditReport, workspace?: WorkspacePolicy[]) => void,
): Promise<AuditDeployedResult> {
  const started = performance.now();
  const progress = host.connection.window.attachWorkDoneProgress(params.workDoneToken);
  const answer = (partial: Partial<AuditDeployedResult>): AuditDeployedResult => ({
    cancelled: false, inventory: results.inventory(), findings: 0, byRule: {}, durationMs: Math.round(performance.now() - started), ...partial,
  });
  const regions = checkedRegions(params?.regions);
  if (!regions) return answer({ failure: 'no regions to audit' });
  const profile = typeof params.profile === 'string' && params.profile.trim() !== '' ? params.profile.trim() : undefined;
  progress.begin('ECR Guard: auditing deployed registries', 0, 'reading the workspace', true);
  try {
    const [trust, workspace] = await Promise.all([host.trust(), host.workspacePolicies()]);
    const { runAudit } = (host.loadAudit ?? loadAudit)();
    const totals = new Map<string, { done: number; total: number }>();
    const report = await runAudit({
      regions, ...(profile ? { profile } : {}), signal, analysis: { trust, now: new Date() }, ...(workspace ? { workspace } : {}),
      onProgress: ({ region, done, total }) => {
        totals.set(region, { done, total });
        const sum = [...totals.values()].reduce((acc, next) => ({ done: acc.done + next.done, total: acc.total + next.total }), { done: 0, total: 0 });
        progress.report(sum.total > 0 ? Math.floor((100 * sum.done) / sum.total) : 0, `${region}: ${done} of ${total}`);
      },
    });
    if (signal.aborted) return answer({ cancelled: true });
    // Nothing was read (no credentials, no enabled region): the previous audit stands, and the user is told why.
    if (report.snapshots.length === 0) return answer({ failure: report.errors.map((error) => `${error.operation}: ${error.code}: ${error.message}`).join('; ') || 'no region to audit' });
    const inventory = results.replace(report, { trust, now: new Date(), drift: workspace !== undefined, displayFile: host.displayFile });
    kept(report, workspace);
    const byRule: Partial<Record<RuleId, number>> = {};
    let findings = 0;
    for (const resource of inventory.resources) {
      for (const finding of resource.findings) {
        if (finding.suppressed) continue;
        findings++;
        byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;
      }
    }
    const result = answer({ inventory, findings, byRule });
    host.log(`Audit of ${report.regions.join(', ')} done in ${result.durationMs} ms: ${report.repositoriesScanned} repositories, ${findings} findings, ${report.errors.length} failed calls.`);
    return result;
  } catch (error) {
    if (signal.aborted) return answer({ cancelled: true });
    host.logError('The audit failed', error);
    return answer({ failure: failureText(error) });
  } finally {
    progress.done();
  }
}

/** Region names as the client sent them: `all`, or names that read as regions (nothing else reaches the SDK). */
export function checkedRegions(value: unknown): string[] | 'all' | undefined {
  if (value === 'all') return 'all';
  if (!Array.isArray(value)) return undefined;
  const names = value.filter(isRegionName);
  return names.length > 0 && names.length === value.length ? [...new Set(names)] : undefined;
}

/** The error's name and first line: the SDK's messages name the call, never the credentials. */
function failureText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const message = error.message.split('\n')[0];
  return error.name && error.name !== 'Error' ? `${error.name}: ${message}` : message;
}
