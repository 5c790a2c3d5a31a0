import * as os from 'os';
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { FolderScanOptions, FolderScanResult, scanFolders } from './scanFolders';

/**
 * The CLI's scan across worker threads: the folders are split into contiguous runs of about equal file
 * counts (a Terraform module, being a folder, stays in one), each worker checks its run with scanFolders,
 * and the results are joined in the order of the walk, so the output is the same as with one thread.
 * The workers run the CLI's own bundle (cli.js), which starts a worker instead of the CLI when it is one.
 */

/** Below this many files, starting workers costs more than it saves. */
export const PARALLEL_MIN_FILES = 1000;

export function defaultJobs(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, 8));
}

interface WorkerInput {
  ecrGuardScanWorker: true;
  folders: string[][];
  options: FolderScanOptions;
}

/** Whether this thread is a scan worker started by scanInParallel. */
export function isScanWorker(): boolean {
  return !isMainThread && (workerData as Partial<WorkerInput> | undefined)?.ecrGuardScanWorker === true;
}

/** The body of a scan worker: scans its folders and posts the result. */
export async function runScanWorker(): Promise<void> {
  const input = workerData as WorkerInput;
  try {
    parentPort!.postMessage({ result: await scanFolders(input.folders, input.options) });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
}

/** Splits folders into at most `jobs` contiguous runs of about equal file counts. */
export function splitFolders(folders: readonly string[][], jobs: number): string[][][] {
  const total = folders.reduce((sum, files) => sum + files.length, 0);
  const runs: string[][][] = [];
  let current: string[][] = [];
  let size = 0;
  let done = 0;
  for (const files of folders) {
    current.push(files);
    size += files.length;
    done += files.length;
    const remainingRuns = jobs - runs.length - 1;
    if (remainingRuns > 0 && size >= total / jobs && done < total) {
      runs.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

export async function scanInParallel(folders: readonly string[][], options: FolderScanOptions, jobs: number, script: string): Promise<FolderScanResult> {
  const runs = splitFolders(folders, jobs);
  const results = await Promise.all(runs.map((run) => new Promise<FolderScanResult>((resolve, reject) => {
    const input: WorkerInput = { ecrGuardScanWorker: true, folders: run, options };
    const worker = new Worker(script, { workerData: input });
    let settled = false;
    worker.once('message', (message: { result?: FolderScanResult; error?: string }) => {
      settled = true;
      if (message.result) resolve(message.result);
      else reject(new Error(`scan worker failed: ${message.error}`));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`scan worker exited with code ${code}`));
    });
  })));
  const trustErrors = new Set<string>();
  const usedTrust = new Set<string>();
  const unusable = new Set<string>();
  const joined: FolderScanResult = { collected: [], skipped: [], failed: [], filesScanned: 0, trustErrors: [], unusableTrust: [], usedTrust: [] };
  for (const result of results) {
    for (const entry of result.collected) joined.collected.push(entry);
    joined.skipped.push(...result.skipped);
    joined.failed.push(...result.failed);
    joined.filesScanned += result.filesScanned;
    for (const error of result.trustErrors) trustErrors.add(error);
    for (const file of result.usedTrust) usedTrust.add(file);
    for (const file of result.unusableTrust) unusable.add(file);
  }
  joined.unusableTrust = [...unusable];
  joined.trustErrors = [...trustErrors];
  joined.usedTrust = [...usedTrust];
  return joined;
}
