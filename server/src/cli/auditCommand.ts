import * as fs from 'fs';
import * as path from 'path';
import type { AuditReport } from '../audit/runAudit';
import { loadAudit } from '../audit/load';
import { TrustList } from '../core/trust';
import { DEFAULT_MAX_SIZE, UsageError } from './arguments';
import { AuditArguments, parseAuditArguments } from './auditArguments';
import { AUDIT_HELP, AUDIT_USAGE_LINE } from './auditHelp';
import { auditFindings, auditJson, errorLine } from './auditReport';
import { auditSarif } from './auditSarif';
import { auditSummary, auditText } from './auditText';
import { auditInventory } from './auditInventory';
import { candidateFiles, Skipped } from './files';
import { checkTrustFile } from './trustPreflight';
import { checkOutputTargets } from './preflight';
import { TrustCache, workspacePolicies } from './scanFolders';
import { failsAt, wantsColour } from './textReport';
import { TrustFinder, TRUST_FILE_NAME } from './trust';
import { progressLine } from './auditProgress';

/** `ecr-guard audit ...`: exit 0, 1 or 2 as `scan`. */
export async function auditCommand(args: readonly string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${AUDIT_HELP}\n`);
    return 0;
  }
  let options: AuditArguments;
  let candidates: string[];
  let trustFile: string | undefined;
  const skipped: Skipped[] = [];
  try {
    options = parseAuditArguments(args);
    checkWorkspace(options.workspace);
    checkTrustFile(options.trust);
    trustFile = options.trust ? path.resolve(options.trust) : nearestTrust(options.workspace);
    candidates = options.drift ? [...candidateFiles([options.workspace], skipped)] : [];
    // The report must not overwrite the IaC it is compared with, nor the trust list.
    if (options.output !== undefined) checkOutputTargets([{ flag: '--output', file: options.output }], candidates, trustFile);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`ecr-guard: ${error.message}\n${error.showUsage ? `\n${AUDIT_USAGE_LINE}\nRun ecr-guard audit --help for the options.\n` : ''}`);
    return 2;
  }
  const trustCache = new TrustCache();
  const trust: TrustList | undefined = trustFile ? trustCache.get(trustFile) : undefined;
  if (trustCache.errors.length > 0) {
    for (const error of trustCache.errors) process.stderr.write(`ecr-guard: trust list error: ${error}\n`);
    return 2;
  }
  const workspace = options.drift ? await workspacePolicies(candidates, { trust: trustFile, maxSize: DEFAULT_MAX_SIZE }) : undefined;
  const { runAudit } = loadAudit();
  const progress = process.stderr.isTTY ? progressLine(process.stderr) : undefined;
  const report = await runAudit({ regions: options.regions, profile: options.profile, concurrency: options.concurrency, analysis: { trust, now: new Date() }, workspace, onProgress: progress?.update });
  progress?.clear();
  if (report.errors.some((error) => error.operation === 'Credentials')) {
    process.stderr.write(`ecr-guard: no AWS credentials: ${report.errors[0].message}\n`);
    return 2;
  }
  return writeReport(options, report, trust, trustFile);
}

/** The trust list of the workspace folder: the nearest `.ecr-trust.json` in it or above. */
function nearestTrust(workspace: string): string | undefined {
  return new TrustFinder().nearest(path.join(path.resolve(workspace), TRUST_FILE_NAME));
}

function checkWorkspace(folder: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch {
    throw new UsageError(`--workspace ${folder} does not exist`, false);
  }
  if (!stat.isDirectory()) throw new UsageError(`--workspace ${folder} is not a folder`, false);
}

function writeReport(options: AuditArguments, report: AuditReport, trust: TrustList | undefined, trustFile: string | undefined): number {
  const found = auditFindings(report.results);
  const trustFiles = trustFile ? [path.relative(process.cwd(), trustFile) || trustFile] : [];
  // Text on a terminal is coloured; in a file, never.
  const colour = !options.output && wantsColour(process.env, process.stdout.isTTY === true);
  const output = options.format === 'json' ? auditJson(report, found)
    : options.format === 'sarif' ? auditSarif(report)
    : options.format === 'markdown' || options.format === 'csv' ? auditInventory(options.format, report, trust, trustFiles)
    : auditText(report, found, { colour, failOn: options.failOn });
  try {
    if (options.output) fs.writeFileSync(options.output, options.format === 'csv' || options.format === 'markdown' ? output : `${output}\n`);
  } catch (error) {
    process.stderr.write(`ecr-guard: cannot write ${options.output}: ${(error as Error).message}\n`);
    return 2;
  }
  if (options.output) {
    process.stdout.write(`${auditSummary(report, found, options)}\nReport written to ${options.output}\n`);
  } else {
    process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  }
  // Failed calls on stderr too when the report on the terminal does not list them (JSON for tools, a file).
  if (options.format !== 'text' || options.output) for (const error of report.errors) process.stderr.write(`ecr-guard: call failed: ${errorLine(error)}\n`);
  if (report.errors.length > 0) return 2;
  return failsAt(found.findings, options.failOn) ? 1 : 0;
}
