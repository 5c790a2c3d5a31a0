import * as path from 'path';
import { analyzeFiles, folderOf, SourceFile } from './core/engine';
import { TerraformParser } from './core/terraform';
import { Severity } from './core/model';
import { TrustList } from './core/trust';
import { candidateFiles, readPolicyText, Skipped } from './cli/files';
import { countBySeverity, formatJson, formatText, Report, reportFindings } from './cli/report';
import { loadTrustFile, TRUST_FILE_NAME, TrustFinder } from './cli/trust';
import { loadTerraformParser } from './node/wasm';

const USAGE = `Usage: ecr-guard scan PATH... [--trust FILE] [--format text|json] [--fail-on error|warning|never] [--max-size BYTES]

Checks AWS ECR repository policies in the given files and folders (skipping node_modules, .git, .terraform).
Without --trust, each file uses the nearest ${TRUST_FILE_NAME} in its folder or above.
Exit codes: 0 no finding at or above --fail-on (default error), 1 such findings, 2 usage or trust list errors.`;

interface Options {
  paths: string[];
  trust?: string;
  format: 'text' | 'json';
  failOn: Severity | 'never';
  maxSize: number;
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
    else if (arg === '--format') options.format = oneOf(arg, value(), ['text', 'json'] as const);
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

async function scan(options: Options): Promise<{ report: Report; skipped: Skipped[]; trustErrors: string[] }> {
  const skipped: Skipped[] = [];
  const trustCache = new TrustCache();
  const finder = new TrustFinder();
  const now = new Date();
  if (options.trust) trustCache.get(path.resolve(options.trust));
  const trustFor = (file: string): TrustList | undefined => {
    const trustFile = options.trust ? path.resolve(options.trust) : finder.nearest(file);
    return trustFile ? trustCache.get(trustFile) : undefined;
  };
  const report: Report = { filesScanned: 0, findings: [] };
  let terraform: TerraformParser | undefined;
  // One folder at a time: a Terraform module is a folder, and only its texts need be in memory together.
  for (const files of byFolder([...candidateFiles(options.paths, skipped)])) {
    const sources: SourceFile[] = [];
    for (const file of files) {
      const read = readPolicyText(file, options.maxSize);
      if ('reason' in read) skipped.push({ file, reason: read.reason });
      else sources.push({ name: file, text: read.text });
    }
    if (sources.some((source) => source.name.endsWith('.tf'))) terraform ??= await loadTerraformParser();
    const results = analyzeFiles(sources, (source) => ({ trust: trustFor(source.name), now, terraform }));
    for (const source of sources) {
      report.filesScanned++;
      report.findings.push(...reportFindings(path.relative(process.cwd(), source.name) || source.name, source.text, results.get(source.name) ?? []));
    }
  }
  return { report, skipped, trustErrors: trustCache.errors };
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
  const { report, skipped, trustErrors } = await scan(options);
  for (const entry of skipped) process.stderr.write(`ecr-guard: skipped ${entry.file}: ${entry.reason}\n`);
  process.stdout.write(`${options.format === 'json' ? formatJson(report) : formatText(report)}\n`);
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
