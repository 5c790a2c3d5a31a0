import * as fs from 'fs';
import * as path from 'path';
import { folderOf } from './core/engine';
import { Severity } from './core/model';
import { candidateFiles, Skipped } from './cli/files';
import { countBySeverity, formatJson, formatText, Report } from './cli/report';
import { TRUST_FILE_NAME } from './cli/trust';
import { inventoryText } from './cli/inventory';
import { defaultJobs, isScanWorker, PARALLEL_MIN_FILES, runScanWorker, scanInParallel } from './cli/parallel';
import { sarifLog } from './cli/sarif';
import { FolderScanOptions, scanFolders } from './cli/scanFolders';
import { SarifFinding } from './export/sarif';
import { InventoryRow } from './export/inventoryReport';

const USAGE = `Usage: ecr-guard scan PATH... [--trust FILE] [--format text|json|sarif] [--output FILE] [--fail-on error|warning|information|never] [--inventory FILE.csv|FILE.md] [--max-size BYTES] [--jobs N]

Checks AWS ECR repository policies in the given files and folders (skipping node_modules, .git, .terraform).
Without --trust, each file uses the nearest ${TRUST_FILE_NAME} in its folder or above.
--format sarif writes SARIF 2.1.0 (for code scanning); --output FILE writes the report to FILE and prints
only the summary line; --inventory FILE also writes every cross-account grant (CSV, or Markdown for .md).
--jobs N checks files on N threads (default: one per core, for 1000 files or more).
Exit codes: 0 no finding at or above --fail-on (default error), 1 such findings, 2 usage or trust list errors.`;

interface Options {
  paths: string[];
  trust?: string;
  format: 'text' | 'json' | 'sarif';
  failOn: Severity | 'never';
  maxSize: number;
  output?: string;
  inventory?: string;
  jobs?: number;
}

class UsageError extends Error {}

function parseArguments(args: readonly string[]): Options {
  if (args[0] !== 'scan') throw new UsageError(args.length === 0 ? 'missing command' : `unknown command "${args[0]}"`);
  const options: Options = { paths: [], format: 'text', failOn: 'error', maxSize: 20_000_000 };
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    const value = (): string => {
      const next = args[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--trust') options.trust = value();
    else if (arg === '--format') options.format = oneOf(arg, value(), ['text', 'json', 'sarif'] as const);
    else if (arg === '--output') options.output = value();
    else if (arg === '--inventory') options.inventory = value();
    else if (arg === '--fail-on') options.failOn = oneOf(arg, value(), ['error', 'warning', 'information', 'never'] as const);
    else if (arg === '--max-size') options.maxSize = Number(value());
    else if (arg === '--jobs') options.jobs = Number(value());
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else options.paths.push(arg);
  }
  if (options.paths.length === 0) throw new UsageError('no PATH to scan');
  if (!Number.isFinite(options.maxSize) || options.maxSize < 0) throw new UsageError('--max-size takes a number of bytes');
  if (options.jobs !== undefined && !(Number.isInteger(options.jobs) && options.jobs >= 1)) throw new UsageError('--jobs takes a number of threads, 1 or more');
  return options;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} takes ${allowed.join(', ')}`);
  return value as T;
}

interface ScanResult {
  report: Report;
  skipped: Skipped[];
  trustErrors: string[];
  sarif: SarifFinding[];
  inventory: InventoryRow[];
  trustFiles: string[];
}

async function scan(options: Options): Promise<ScanResult> {
  const skipped: Skipped[] = [];
  const folders = byFolder([...candidateFiles(options.paths, skipped)]);
  const scanOptions: FolderScanOptions = { trust: options.trust, maxSize: options.maxSize, sarif: options.format === 'sarif', inventory: options.inventory !== undefined, now: Date.now() };
  // Large scans use every core (worker threads); the output is the same as with one.
  const files = folders.reduce((sum, group) => sum + group.length, 0);
  const jobs = options.jobs ?? defaultJobs();
  const parallel = jobs > 1 && folders.length > 1 && (options.jobs !== undefined || files >= PARALLEL_MIN_FILES);
  const result = parallel ? await scanInParallel(folders, scanOptions, jobs, __filename) : await scanFolders(folders, scanOptions);
  const report: Report = { filesScanned: result.filesScanned, findings: [] };
  const sarif: SarifFinding[] = [];
  const inventory: InventoryRow[] = [];
  for (const entry of result.collected) {
    for (const finding of entry.findings) report.findings.push(finding);
    for (const finding of entry.sarif) sarif.push(finding);
    for (const row of entry.inventory) inventory.push(row);
  }
  skipped.push(...result.skipped);
  const trustFiles = result.usedTrust.map((file) => path.relative(process.cwd(), file) || file);
  return { report, skipped, trustErrors: result.trustErrors, sarif, inventory, trustFiles };
}

function byFolder(files: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const group = groups.get(folderOf(file));
    if (group) group.push(file);
    else groups.set(folderOf(file), [file]);
  }
  return [...groups.values()];
}

const RANK: Record<Severity, number> = { information: 0, warning: 1, error: 2 };

function exitCode(report: Report, failOn: Options['failOn']): number {
  if (failOn === 'never') return 0;
  const counts = countBySeverity(report.findings);
  return (Object.keys(counts) as Severity[]).some((severity) => counts[severity] > 0 && RANK[severity] >= RANK[failOn]) ? 1 : 0;
}

async function main(args: readonly string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let options: Options;
  try {
    options = parseArguments(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`ecr-guard: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  const { report, skipped, trustErrors, sarif, inventory, trustFiles } = await scan(options);
  for (const entry of skipped) process.stderr.write(`ecr-guard: skipped ${entry.file}: ${entry.reason}\n`);
  const text = formatText(report);
  const output = options.format === 'json' ? formatJson(report)
    : options.format === 'sarif' ? sarifLog(sarif, skipped.map((entry) => `skipped ${entry.file}: ${entry.reason}`)) : text;
  try {
    if (options.output) fs.writeFileSync(options.output, `${output}\n`);
    if (options.inventory) fs.writeFileSync(options.inventory, inventoryText(options.inventory, inventory, trustFiles));
  } catch (error) {
    process.stderr.write(`ecr-guard: cannot write ${(error as NodeJS.ErrnoException).path ?? ''}: ${(error as Error).message}\n`);
    return 2;
  }
  // With --output the report goes to the file; the log keeps the one-line summary.
  process.stdout.write(`${options.output ? text.slice(text.lastIndexOf('\n') + 1) : output}\n`);
  if (trustErrors.length > 0) {
    for (const error of trustErrors) process.stderr.write(`ecr-guard: trust list error: ${error}\n`);
    return 2;
  }
  return exitCode(report, options.failOn);
}

if (isScanWorker()) {
  // This bundle, started as a worker thread by scanInParallel.
  void runScanWorker();
} else {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, (error: unknown) => {
    process.stderr.write(`ecr-guard: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
