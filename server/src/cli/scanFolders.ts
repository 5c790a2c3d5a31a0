import * as path from 'path';
import { analyzeFile, analyzeModule, FileResult } from '../core/batch';
import { maxCharsFor, sizeRefusal, sourceFor } from '../core/sources/registry';
import { ModuleSource, SourceFile } from '../core/sources/types';
import { lineStarts, positionOf } from '../core/text';
import { TrustList } from '../core/trust';
import { WorkspacePolicy } from '../core/deployed/analyze';
import { SarifFinding } from '../export/sarif';
import { InventoryRow } from '../export/inventoryReport';
import { moduleFileNamesSync } from '../node/moduleFiles';
import { readPolicyFileSync } from '../node/readPolicyFile';
import { SourceEnvironmentLoader } from '../node/sourceEnvironment';
import { checkFile, checkModule, Failed } from './analysisStep';
import { FindingKey, findingKey } from './baselineKey';
import { byFolder, Skipped } from './files';
import { inventoryRows } from './inventory';
import { ReportedFinding, reportFindings } from './report';
import { sarifFindings } from './sarif';
import { loadTrustFile, TrustFinder } from './trust';

/** What a scan of some folders needs to know; plain data, so a worker thread can be given it. */
export interface FolderScanOptions {
  trust?: string;
  maxSize: number;
  sarif: boolean;
  inventory: boolean;
  /** Whether to key each finding for a baseline (--baseline, --write-baseline). */
  baseline?: boolean;
  /** The clock for trust expiry, shared by every worker (ms since the epoch). */
  now: number;
  /** Terraform variable values the user gave: --var-file (absolute paths, in order) and --var NAME=VALUE. */
  varFiles?: string[];
  vars?: string[];
  /** Keep each file's policies with its text (WorkspacePolicy): what an audit compares deployed policies with. */
  policies?: boolean;
}

/** The output of one file: its findings as the report prints them, and the extras the options asked for. */
export interface Collected {
  findings: ReportedFinding[];
  sarif: SarifFinding[];
  inventory: InventoryRow[];
  /** With `baseline`: the key of each of `findings`, in their order. */
  keys?: FindingKey[];
  /** With `policies`: the file's policy documents, with its absolute name and text. */
  policies?: WorkspacePolicy[];
}

export interface FolderScanResult {
  /** Files with something to report, in the order of the walk. */
  collected: Collected[];
  skipped: Skipped[];
  /** Files whose analysis threw (each folder's JSON files, then its module); the others are checked as usual. */
  failed: Failed[];
  filesScanned: number;
  trustErrors: string[];
  /** Trust files that could not be read or are not JSON: the run reports nothing but their errors. */
  unusableTrust: string[];
  /** Trust files used, absolute. */
  usedTrust: string[];
}

/** Loads each trust file once; a broken one stops the run, since verdicts against half a list would mislead CI. */
export class TrustCache {
  /** Undefined for a list that could not be read: its error is reported once, not once per file. */
  private readonly lists = new Map<string, TrustList | undefined>();
  readonly errors: string[] = [];
  readonly unusable: string[] = [];

  get(file: string): TrustList | undefined {
    if (!this.lists.has(file)) {
      const parsed = loadTrustFile(file);
      if ('reason' in parsed) {
        this.errors.push(`${file}: ${parsed.reason}`);
        this.unusable.push(file);
        this.lists.set(file, undefined);
      } else {
        if (parsed.problems.some((problem) => problem.unreadable)) this.unusable.push(file);
        const starts = lineStarts(parsed.text);
        for (const problem of parsed.problems.filter((p) => p.severity === 'error')) {
          const { line, column } = positionOf(parsed.text, starts, problem.span.offset);
          this.errors.push(`${parsed.list.source}:${line}:${column}: ${problem.message}`);
        }
        this.lists.set(file, parsed.list);
      }
    }
    return this.lists.get(file);
  }
}

/**
 * The folder's other files of the module source (Terraform: .tf files, which a module's policies may draw
 * locals and variables from): a file named on its own is checked as the editor sees it. They give context
 * only and are not reported.
 */
function moduleContextFiles(source: ModuleSource, folder: string, scanned: readonly string[], maxSize: number, skipped: Skipped[]): SourceFile[] {
  const present = new Set(scanned.map((file) => path.resolve(file)));
  return moduleFileNamesSync(folder, source.extensions).map((name) => path.join(folder, name)).filter((file) => !present.has(path.resolve(file))).flatMap((file) => {
    const read = readPolicyFileSync(file, Math.min(maxSize, source.maxChars ?? maxSize));
    // Named absolute for the analysis, as the scanned files are; as the user wrote the folder in messages.
    if ('text' in read) return [{ name: path.resolve(file), text: read.text }];
    skipped.push({ file, reason: `${read.reason}; not read as module context` });
    return [];
  });
}

/**
 * Checks the files of some folders, one folder at a time: a Terraform module is a folder, and only its texts
 * need be in memory together. Files of file sources (JSON, CloudFormation) are checked one by one as they are
 * read, so nothing of one file outlives it; output keeps the order of the walk.
 */
export async function scanFolders(folders: readonly (readonly string[])[], options: FolderScanOptions): Promise<FolderScanResult> {
  const trustCache = new TrustCache();
  const finder = new TrustFinder();
  const now = new Date(options.now);
  const usedTrust = new Set<string>();
  if (options.trust) trustCache.get(path.resolve(options.trust));
  const trustFor = (file: string): TrustList | undefined => {
    const trustFile = options.trust ? path.resolve(options.trust) : finder.nearest(file);
    if (trustFile) usedTrust.add(trustFile);
    return trustFile ? trustCache.get(trustFile) : undefined;
  };
  const result: FolderScanResult = { collected: [], skipped: [], failed: [], filesScanned: 0, trustErrors: trustCache.errors, unusableTrust: trustCache.unusable, usedTrust: [] };
  const environments = new SourceEnvironmentLoader({ varFiles: options.varFiles, vars: options.vars });
  const collect = (name: string, text: string, scanned: FileResult | undefined, relativeFolder: string): Collected | undefined => {
    if (!scanned || (scanned.findings.length === 0 && (!(options.inventory || options.policies) || scanned.policies === 0))) return undefined;
    const file = relativeFolder === '' ? path.basename(name) : path.join(relativeFolder, path.basename(name));
    const starts = options.sarif || options.inventory ? lineStarts(text) : undefined;
    return {
      findings: reportFindings(file, text, scanned.findings),
      sarif: starts && options.sarif ? sarifFindings(file, text, scanned.findings, starts) : [],
      inventory: starts && options.inventory ? inventoryRows(file, text, scanned, trustFor(name), now, starts) : [],
      ...(options.baseline ? { keys: scanned.findings.map((finding) => findingKey(text, scanned, finding)) } : {}),
      ...(options.policies ? { policies: scanned.documents.map((document) => ({ file: path.resolve(name), text, document })) } : {}),
    };
  };
  for (const files of folders) {
    const collected: (Collected | undefined)[] = [];
    const modules = new Map<ModuleSource, (SourceFile & { index: number })[]>();
    // The files of a folder share its trust list and its path relative to the current directory.
    const folderTrust = files.length > 0 ? trustFor(files[0]) : undefined;
    const relativeFolder = files.length > 0 ? path.relative(process.cwd(), path.dirname(files[0])) : '';
    const collectHere = (name: string, text: string, scanned: FileResult | undefined): Collected | undefined => collect(name, text, scanned, relativeFolder);
    for (const file of files) {
      const read = readPolicyFileSync(file, Math.min(options.maxSize, maxCharsFor(file, 'json')));
      if ('reason' in read) {
        result.skipped.push({ file, reason: read.reason });
        continue;
      }
      // A file named on the command line whose name no source reads (`-x`, `policy.txt`) is read as JSON.
      const source = sourceFor(file, read.text, 'json');
      const refusal = source && sizeRefusal(source, read.text);
      if (refusal) {
        result.skipped.push({ file, reason: refusal });
        continue;
      }
      result.filesScanned++;
      if (source?.grouping === 'module') {
        modules.set(source, [...(modules.get(source) ?? []), { name: path.resolve(file), text: read.text, index: collected.length }]);
        collected.push(undefined);
      } else {
        // Absolute names, as the trust list's location: its suppressions cover files relative to it.
        collected.push(checkFile(file, read.text, (text) => analyzeFile({ name: path.resolve(file), text, languageId: 'json' }, { trust: folderTrust, now }, {}, source), collectHere, result.failed));
      }
    }
    for (const [source, members] of modules) {
      const environment = members.some((member) => source.mayHold(member.text)) ? await environments.for(source) : {};
      const context = moduleContextFiles(source, path.dirname(files[0]), files, options.maxSize, result.skipped);
      const checked = checkModule(members, context, (all) => analyzeModule(source, all, () => ({ trust: folderTrust, now }), environment), collectHere, result.failed);
      members.forEach((member, i) => { collected[member.index] = checked[i]; });
    }
    for (const entry of collected) if (entry) result.collected.push(entry);
  }
  result.usedTrust = [...usedTrust];
  return result;
}

/**
 * The policies of the files given, read as `scan` reads them (Terraform modules with their variables,
 * CloudFormation, plans): what an audit compares deployed policies with, from the CLI and the editor alike.
 */
export async function workspacePolicies(files: readonly string[], options: { trust?: string; maxSize: number }): Promise<WorkspacePolicy[]> {
  const result = await scanFolders(byFolder(files), { ...options, sarif: false, inventory: false, policies: true, now: Date.now() });
  return result.collected.flatMap((entry) => entry.policies ?? []);
}
