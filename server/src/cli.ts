import * as fs from 'fs';
import * as path from 'path';
import { folderOf } from './core/engine';
import { ScanSource, scanSources, terraformMayHoldPolicy } from './core/scan';
import { TERRAFORM_MAX_CHARS, TerraformParser } from './core/terraform';
import { Severity } from './core/model';
import { TrustList } from './core/trust';
import { candidateFiles, readPolicyText, Skipped } from './cli/files';
import { countBySeverity, formatJson, formatText, Report, reportFindings } from './cli/report';
import { loadTrustFile, TRUST_FILE_NAME, TrustFinder } from './cli/trust';
import { inventoryRows, inventoryText } from './cli/inventory';
import { sarifFindings, sarifLog } from './cli/sarif';
import { SarifFinding } from './export/sarif';
import { InventoryRow } from './export/inventoryReport';
import { loadTerraformParser } from './node/wasm';

const USAGE = `Usage: ecr-guard scan PATH... [--trust FILE] [--format text|json|sarif] [--output FILE] [--fail-on error|warning|information|never] [--inventory FILE.csv|FILE.md] [--max-size BYTES]

Checks AWS ECR repository policies in the given files and folders (skipping node_modules, .git, .terraform).
Without --trust, each file uses the nearest ${TRUST_FILE_NAME} in its folder or above.
--format sarif writes SARIF 2.1.0 (for code scanning); --output FILE writes the report to FILE and prints
only the summary line; --inventory FILE also writes every cross-account grant (CSV, or Markdown for .md).
Exit codes: 0 no finding at or above --fail-on (default error), 1 such findings, 2 usage or trust list errors.`;

interface Options {
  paths: string[];
  trust?: string;
  format: 'text' | 'json' | 'sarif';
  failOn: Severity | 'never';
  maxSize: number;
  output?: string;
  inventory?: string;
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
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else options.paths.push(arg);
  }
  if (options.paths.length === 0) throw new UsageError('no PATH to scan');
  if (!Number.isFinite(options.maxSize) || options.maxSize < 0) throw new UsageError('--max-size takes a number of bytes');
  return options;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} takes ${allowed.join(', ')}`);
  return value as T;
}

/** Loads each trust file once; a broken one stops the run, since verdicts against half a list would mislead CI. */
class TrustCache {
  private readonly lists = new Map<string, TrustList>();
  readonly errors: string[] = [];

  get(file: string): TrustList | undefined {
    if (!this.lists.has(file)) {
      try {
        const parsed = loadTrustFile(file);
        for (const problem of parsed.problems.filter((p) => p.severity === 'error')) this.errors.push(`${parsed.list.source}: ${problem.message}`);
        this.lists.set(file, parsed.list);
      } catch (error) {
        this.errors.push(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`);
      }
    }
    return this.lists.get(file);
  }
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
  const trustCache = new TrustCache();
  const finder = new TrustFinder();
  const now = new Date();
  const usedTrust = new Set<string>();
  if (options.trust) trustCache.get(path.resolve(options.trust));
  const trustFor = (file: string): TrustList | undefined => {
    const trustFile = options.trust ? path.resolve(options.trust) : finder.nearest(file);
    if (trustFile) usedTrust.add(trustFile);
    return trustFile ? trustCache.get(trustFile) : undefined;
  };
  const report: Report = { filesScanned: 0, findings: [] };
  const sarif: SarifFinding[] = [];
  const inventory: InventoryRow[] = [];
  let terraform: TerraformParser | undefined;
  // One folder at a time: a Terraform module is a folder, and only its texts need be in memory together.
  for (const files of byFolder([...candidateFiles(options.paths, skipped)])) {
    const sources: ScanSource[] = [];
    for (const file of files) {
      const read = readPolicyText(file, file.toLowerCase().endsWith('.tf') ? Math.min(options.maxSize, TERRAFORM_MAX_CHARS) : options.maxSize);
      if ('reason' in read) skipped.push({ file, reason: read.reason });
      else sources.push({ name: file, text: read.text });
    }
    if (sources.some((source) => source.name.endsWith('.tf') && terraformMayHoldPolicy(source.text))) terraform ??= await loadTerraformParser();
    // The pre-filter and the fast JSON path of the workspace scan: files that cannot hold a policy are not parsed.
    const results = scanSources(sources, (source) => ({ trust: trustFor(source.name), now, terraform }));
    for (const source of sources) {
      report.filesScanned++;
      const result = results.get(source.name);
      if (!result || (result.findings.length === 0 && (!options.inventory || result.policies === 0))) continue;
      const file = path.relative(process.cwd(), source.name) || source.name;
      report.findings.push(...reportFindings(file, source.text, result.findings));
      if (options.format === 'sarif') sarif.push(...sarifFindings(file, source.text, result.findings));
      if (options.inventory) inventory.push(...inventoryRows(file, source.text, result, trustFor(source.name), now));
    }
  }
  const trustFiles = [...usedTrust].map((file) => path.relative(process.cwd(), file) || file);
  return { report, skipped, trustErrors: trustCache.errors, sarif, inventory, trustFiles };
}

function byFolder(files: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const file of files) groups.set(folderOf(file), [...(groups.get(folderOf(file)) ?? []), file]);
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

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, (error: unknown) => {
  process.stderr.write(`ecr-guard: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 2;
});
