import { AnalysisOptions, checkPolicies } from './analyze';
import { isEcrResourcePolicy } from './grants';
import { Finding, PolicyDocument, ReplicationConfiguration, Span } from './model';
import { moduleSourceFor, sizeRefusal, sourceFor } from './sources/registry';
import { Extraction, ModuleSource, PolicySource, SourceEnvironment, SourceFile, SourceId } from './sources/types';
import { folderOf } from './names';
import { suppressFindings } from './suppressions';

export { folderOf };

/**
 * The one batch orchestration: files in, findings out, the way the CLI, the workspace scan and the tests
 * see them. Files of a file source are analysed alone; files of a module source (Terraform) together with
 * the other files of their folder. Each source's cheap look keeps files that cannot hold a policy from
 * being parsed. Pure: the callers read the files.
 */

export interface BatchFile extends SourceFile {
  /** The editor's language ID, for a document whose name does not tell its format. */
  languageId?: string;
}

export interface FileResult {
  /** The source that read the file; absent when none claims it. */
  source?: SourceId;
  /** Whether the text passed its source's cheap look and was parsed. */
  parsed: boolean;
  documents: PolicyDocument[];
  damaged: Span[];
  /** Registry replication configurations (empty when the file has none). */
  replications: ReplicationConfiguration[];
  /**
   * How many of `documents` are ECR resource policies, plus the replication configurations: what the scan
   * counts as policies, and what makes a file worth reporting and re-checking.
   */
  policies: number;
  findings: Finding[];
}

export type BatchItem<T> =
  | { kind: 'file'; file: T }
  /** The files of one folder that a module source reads; the folder's other files may be added as context. */
  | { kind: 'module'; source: ModuleSource; folder: string; files: T[] };

function nothing(source?: SourceId): FileResult {
  return { ...(source ? { source } : {}), parsed: false, documents: [], damaged: [], replications: [], policies: 0, findings: [] };
}

function resultOf(source: PolicySource, file: SourceFile, extraction: Extraction, options: AnalysisOptions, environment: SourceEnvironment): FileResult {
  let policies = 0;
  for (const document of extraction.documents) if (isEcrResourcePolicy(document)) policies++;
  const replications = extraction.replications ?? [];
  policies += replications.length;
  const checked = policies > 0 ? checkPolicies(extraction.documents, options, replications) : [];
  const findings = policies > 0 ? suppressFindings(checked, { name: file.name, text: file.text, source, environment, options }) : [];
  return { source: source.id, parsed: true, documents: extraction.documents, damaged: extraction.damaged, replications, policies, findings };
}

/**
 * Groups files into work by name alone (their text need not be read yet), keeping the order they came in.
 * `pathOf` gives a file's path or URI.
 */
export function planBatch<T>(files: readonly T[], pathOf: (file: T) => string): BatchItem<T>[] {
  const items: BatchItem<T>[] = [];
  const modules = new Map<string, Extract<BatchItem<T>, { kind: 'module' }>>();
  for (const file of files) {
    const source = moduleSourceFor(pathOf(file));
    if (!source) {
      items.push({ kind: 'file', file });
      continue;
    }
    const folder = folderOf(pathOf(file));
    const key = `${source.id}\0${folder}`;
    const module = modules.get(key);
    if (module) module.files.push(file);
    else {
      const created = { kind: 'module' as const, source, folder, files: [file] };
      modules.set(key, created);
      items.push(created);
    }
  }
  return items;
}

/**
 * One file of a file source; a file no file source claims, or too large for the one that does, gives nothing.
 * A caller that has already asked the registry (to report a refusal) passes the source it got.
 */
export function analyzeFile(
  file: BatchFile, options: AnalysisOptions, environment: SourceEnvironment = {}, source: PolicySource | undefined = sourceFor(file.name, file.text, file.languageId),
): FileResult {
  if (!source || source.grouping !== 'file' || sizeRefusal(source, file.text)) return nothing(source?.id);
  return source.mayHold(file.text) ? resultOf(source, file, source.extract(file.text, environment), options, environment) : nothing(source.id);
}

/** The files of one module, each checked against its own options (trust lists may differ per file). */
export function analyzeModule(
  source: ModuleSource, files: readonly SourceFile[], optionsFor: (file: SourceFile) => AnalysisOptions, environment: SourceEnvironment = {},
): Map<string, FileResult> {
  const extractions = files.some((file) => source.mayHold(file.text)) ? source.extractModule(files, environment) : new Map<string, Extraction>();
  return new Map(files.map((file) => {
    const extraction = extractions.get(file.name);
    return [file.name, extraction ? resultOf(source, file, extraction, optionsFor(file), environment) : nothing(source.id)];
  }));
}

/** Every file at once: what tests and small callers use; the CLI and the scan walk `planBatch` themselves. */
export function analyzeBatch(files: readonly BatchFile[], optionsFor: (file: SourceFile) => AnalysisOptions, environment: SourceEnvironment = {}): Map<string, FileResult> {
  const results = new Map<string, FileResult>();
  for (const item of planBatch(files, (file) => file.name)) {
    if (item.kind === 'file') results.set(item.file.name, analyzeFile(item.file, optionsFor(item.file), environment));
    else for (const [name, result] of analyzeModule(item.source, item.files, optionsFor, environment)) results.set(name, result);
  }
  return results;
}

