import * as fs from 'fs';
import * as path from 'path';
import { Options, parseArguments, UsageError, wantsHelp, wantsVersion } from './cli/arguments';
import { HELP, packageVersion, USAGE_LINE } from './cli/help';
import { byFolder, candidateFiles, Skipped } from './cli/files';
import { checkOutputTargets, checkPathsExist, checkVarFiles, OutputTarget } from './cli/preflight';
import { checkTrustFile } from './cli/trustPreflight';
import { formatJson, isReportedSuppressed, Report } from './cli/report';
import { failsAt, formatText, wantsColour } from './cli/textReport';
import { inventoryText } from './cli/inventory';
import { defaultJobs, isScanWorker, PARALLEL_MIN_FILES, runScanWorker, scanInParallel } from './cli/parallel';
import { sarifLog } from './cli/sarif';
import { auditCommand } from './cli/auditCommand';
import { applyBaseline, goneNote, isOwnBaseline, Keyed, readBaselineFile, writeBaselineFile } from './cli/baseline';
import { BaselineEntry } from './cli/baselineFile';
import { FolderScanOptions, scanFolders } from './cli/scanFolders';
import { SarifFinding } from './export/sarif';
import { InventoryRow } from './export/inventoryReport';

interface ScanResult {
  report: Report;
  /** With --baseline or --write-baseline: every reported finding with its key. */
  keyed: Keyed[];
  /** "FILE: reason" for each file that could not be checked. */
  failures: string[];
  trustErrors: string[];
  /** A trust list was unreadable or not JSON: no verdict can be given, so none is printed. */
  trustUnusable: boolean;
  sarif: SarifFinding[];
  inventory: InventoryRow[];
  trustFiles: string[];
}

/**
 * The files to check, grouped by folder, and the --baseline entries; refuses outputs that would overwrite
 * one of the files read.
 */
function plan(options: Options, skipped: Skipped[]): { folders: string[][]; baseline?: BaselineEntry[] } {
  checkPathsExist(options.paths);
  checkVarFiles(options.varFiles);
  checkTrustFile(options.trust);
  const baseline = options.baseline === undefined ? undefined : readBaselineFile(options.baseline);
  const baselineFiles = [options.baseline, options.writeBaseline].filter((file) => file !== undefined);
  const candidates = [...candidateFiles(options.paths, skipped)].filter((file) => !isOwnBaseline(file, baselineFiles));
  const targets: OutputTarget[] = [];
  if (options.output !== undefined) targets.push({ flag: '--output', file: options.output });
  if (options.inventory !== undefined) targets.push({ flag: '--inventory', file: options.inventory });
  if (options.writeBaseline !== undefined) targets.push({ flag: '--write-baseline', file: options.writeBaseline });
  checkOutputTargets(targets, candidates, options.trust);
  return { folders: byFolder(candidates), baseline };
}

async function scan(options: Options, folders: string[][], skipped: Skipped[]): Promise<ScanResult> {
  const baseline = options.baseline !== undefined || options.writeBaseline !== undefined;
  const scanOptions: FolderScanOptions = { trust: options.trust, maxSize: options.maxSize, sarif: options.format === 'sarif', inventory: options.inventory !== undefined, baseline, now: Date.now(), varFiles: options.varFiles.map((file) => path.resolve(file)), vars: options.vars };
  // Large scans use every core (worker threads); the output is the same as with one.
  const files = folders.reduce((sum, group) => sum + group.length, 0);
  const jobs = options.jobs ?? defaultJobs();
  const parallel = jobs > 1 && folders.length > 1 && (options.jobs !== undefined || files >= PARALLEL_MIN_FILES);
  const result = parallel ? await scanInParallel(folders, scanOptions, jobs, __filename) : await scanFolders(folders, scanOptions);
  const report: Report = { filesScanned: result.filesScanned, findings: [], suppressed: [] };
  const sarif: SarifFinding[] = [];
  const inventory: InventoryRow[] = [];
  const keyed: Keyed[] = [];
  for (const entry of result.collected) {
    entry.findings.forEach((finding, i) => {
      (isReportedSuppressed(finding) ? report.suppressed : report.findings).push(finding);
      if (entry.keys) keyed.push({ finding, key: entry.keys[i], ...(entry.sarif[i] ? { sarif: entry.sarif[i] } : {}) });
    });
    for (const finding of entry.sarif) sarif.push(finding);
    for (const row of entry.inventory) inventory.push(row);
  }
  skipped.push(...result.skipped);
  const failed = result.failed.map((entry) => ({ file: path.relative(process.cwd(), entry.file) || entry.file, message: entry.message }));
  if (failed.length > 0) report.failed = failed;
  const trustFiles = result.usedTrust.map((file) => path.relative(process.cwd(), file) || file);
  return { report, keyed, failures: failed.map((entry) => `${entry.file}: ${entry.message}`), trustErrors: result.trustErrors, trustUnusable: result.unusableTrust.length > 0, sarif, inventory, trustFiles };
}

const WRITTEN: Record<Options['format'], string> = { text: 'Report', json: 'JSON report', sarif: 'SARIF' };

function summaryLine(text: string): string {
  return text.slice(text.lastIndexOf('\n') + 1);
}

async function main(args: readonly string[]): Promise<number> {
  if (args[0] === 'audit') return auditCommand(args.slice(1));
  if (wantsHelp(args)) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (wantsVersion(args)) {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  let options: Options;
  let planned: ReturnType<typeof plan>;
  const skipped: Skipped[] = [];
  try {
    options = parseArguments(args);
    planned = plan(options, skipped);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const lines = error.message.split('\n').map((line) => `ecr-guard: ${line}\n`).join('');
    process.stderr.write(error.showUsage ? `${lines}\n${USAGE_LINE}\nRun ecr-guard --help for the options.\n` : lines);
    return 2;
  }
  const { report, keyed, failures, trustErrors, trustUnusable, sarif, inventory, trustFiles } = await scan(options, planned.folders, skipped);
  if (trustUnusable) {
    // As for --trust (checked before the scan): findings judged without the list would all be wrong.
    for (const error of trustErrors) process.stderr.write(`ecr-guard: trust list error: ${error}\n`);
    return 2;
  }
  const baselineGone = options.baseline !== undefined && planned.baseline ? applyBaseline(report, keyed, options.baseline, planned.baseline) : 0;
  // Writing a baseline alone accepts the current findings: nothing fails, and the summary gives no advice to fix them.
  const failOn = options.writeBaseline !== undefined && options.baseline === undefined ? 'never' : options.failOn;
  const complete = trustErrors.length === 0 && failures.length === 0;
  for (const entry of skipped) process.stderr.write(`ecr-guard: skipped ${entry.file}: ${entry.reason}\n`);
  for (const failure of failures) process.stderr.write(`ecr-guard: failed ${failure}\n`);
  const colour = wantsColour(process.env, process.stdout.isTTY === true);
  // A file gets no escape codes; the terminal gets colour when it can show it.
  const text = formatText(report, { colour: false, failOn });
  const output = options.format === 'json' ? formatJson(report)
    : options.format === 'sarif' ? sarifLog(sarif, skipped.map((entry) => `skipped ${entry.file}: ${entry.reason}`), failures.map((failure) => `failed ${failure}`)) : text;
  let baselineCount: number | undefined;
  try {
    if (options.output) fs.writeFileSync(options.output, `${output}\n`);
    if (options.inventory) fs.writeFileSync(options.inventory, inventoryText(options.inventory, inventory, trustFiles));
    // An incomplete scan (files unchecked, a broken trust list) would accept findings it never judged properly.
    if (options.writeBaseline && complete) baselineCount = writeBaselineFile(options.writeBaseline, report, keyed);
  } catch (error) {
    process.stderr.write(`ecr-guard: cannot write ${(error as NodeJS.ErrnoException).path ?? ''}: ${(error as Error).message}\n`);
    return 2;
  }
  const shown = options.format === 'text' && !options.output ? formatText(report, { colour, failOn }) : output;
  // With --output the report goes to the file; the log keeps the summary line and says where the files went.
  process.stdout.write(`${options.output ? summaryLine(formatText(report, { colour, failOn })) : shown}\n`);
  // Where the files went; on stderr when stdout carries a JSON or SARIF report that tools parse.
  const notes = options.format !== 'text' && !options.output ? process.stderr : process.stdout;
  if (options.output) notes.write(`${WRITTEN[options.format]} written to ${options.output}\n`);
  if (options.inventory) notes.write(`Inventory written to ${options.inventory}\n`);
  if (baselineCount !== undefined) notes.write(`Baseline written to ${options.writeBaseline} (${baselineCount} finding${baselineCount === 1 ? '' : 's'})\n`);
  else if (options.writeBaseline) process.stderr.write(`ecr-guard: baseline not written to ${options.writeBaseline}: the scan is incomplete\n`);
  if (baselineGone > 0) notes.write(goneNote(baselineGone, options.baseline!, options.writeBaseline));
  for (const error of trustErrors) process.stderr.write(`ecr-guard: trust list error: ${error}\n`);
  // Files left unchecked or a broken trust list make the verdict incomplete: fail rather than pass the gate.
  if (!complete) return 2;
  return failsAt(report.findings, failOn) ? 1 : 0;
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
