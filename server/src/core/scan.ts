import { AnalysisOptions, checkPolicies, sourceKindOf } from './analyze';
import { isEcrResourcePolicy } from './grants';
import { extractStrictJsonPolicy } from './json/fastExtract';
import { extractJsonPolicies } from './json/extract';
import { Finding, PolicyDocument } from './model';
import { TerraformParser, terraformModulePolicies } from './terraform';
import { folderOf } from './engine';

/**
 * The workspace scan's view of the engine: the same extraction and rules as the editor, plus a cheap text
 * pre-filter (most files of a repository cannot hold a policy and are never parsed) and a fast path for
 * strict JSON. Pure: texts in, results out; the CLI and the language server read the files.
 */

/** Folders that hold dependencies, VCS data or provider caches, never the team's own policies. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', '.terraform']);

export interface ScanSource {
  /** A path or URI; Terraform files whose names share a folder form one module. */
  name: string;
  text: string;
}

export interface SourceResult {
  /** Whether the text passed the pre-filter and was parsed. */
  parsed: boolean;
  documents: PolicyDocument[];
  /** How many of `documents` are ECR resource policies (what the scan's progress counts as policies). */
  policies: number;
  findings: Finding[];
}

const NOTHING: SourceResult = Object.freeze({ parsed: false, documents: [], policies: 0, findings: [] }) as SourceResult;

// A JSON policy needs a `Statement` (Terraform JSON: `statement`) and a principal. JSON keys may spell any
// character as a \u escape, so a text with one is always parsed.
const JSON_STATEMENT = ['Statement', 'statement', '\\u'];
const JSON_PRINCIPAL = ['Principal', 'principals', '\\u'];
// A Terraform module holds a policy only if some file names a policy document or an ECR policy resource.
const TERRAFORM_POLICY = ['aws_iam_policy_document', 'aws_ecr_repository_policy', 'aws_ecr_registry_policy', '\\u'];
// ... and the other files of the module matter only for their locals and variables.
const TERRAFORM_CONTEXT = ['locals', 'variable'];

function includesAny(text: string, needles: readonly string[]): boolean {
  for (const needle of needles) if (text.includes(needle)) return true;
  return false;
}

/** Whether a JSON text can hold an ECR policy at all: a few substring searches, no parse. */
export function jsonMayHoldPolicy(text: string): boolean {
  return includesAny(text, JSON_STATEMENT) && includesAny(text, JSON_PRINCIPAL);
}

/** Whether a .tf file names a policy document or an ECR policy resource. */
export function terraformMayHoldPolicy(text: string): boolean {
  return includesAny(text, TERRAFORM_POLICY);
}

/** Whether a .tf file can contribute to its module's policies: policy blocks, locals or variables. */
export function terraformMayMatter(text: string): boolean {
  return includesAny(text, TERRAFORM_POLICY) || includesAny(text, TERRAFORM_CONTEXT);
}

/** extractJsonPolicies with a fast path for strict JSON policies; the same documents either way. */
export function extractJsonPoliciesFast(text: string): PolicyDocument[] {
  return extractStrictJsonPolicy(text) ?? extractJsonPolicies(text);
}

function result(documents: PolicyDocument[], options: AnalysisOptions): SourceResult {
  let policies = 0;
  for (const document of documents) if (isEcrResourcePolicy(document)) policies++;
  return { parsed: true, documents, policies, findings: policies > 0 ? checkPolicies(documents, options) : [] };
}

/** One JSON or JSONC file (`.tf.json` included). */
export function scanJson(text: string, options: AnalysisOptions): SourceResult {
  return jsonMayHoldPolicy(text) ? result(extractJsonPoliciesFast(text), options) : NOTHING;
}

/**
 * The .tf files of one module (one folder). Files that cannot matter are not parsed, and a module without
 * any policy block is not parsed at all.
 */
export function scanTerraformModule(parser: TerraformParser, files: readonly ScanSource[], optionsFor: (file: ScanSource) => AnalysisOptions): Map<string, SourceResult> {
  const results = new Map<string, SourceResult>();
  const relevant = files.some((file) => terraformMayHoldPolicy(file.text)) ? files.filter((file) => terraformMayMatter(file.text)) : [];
  const policies = relevant.length > 0 ? terraformModulePolicies(parser, relevant) : new Map();
  for (const file of files) {
    const extracted = policies.get(file.name);
    results.set(file.name, extracted ? result(extracted.documents, optionsFor(file)) : NOTHING);
  }
  return results;
}

/**
 * Files at once, as the CLI reads them: JSON files alone, Terraform files per folder. Equivalent to
 * engine.ts `analyzeFiles`, with the pre-filter and the fast JSON path.
 */
export function scanSources(files: readonly ScanSource[], optionsFor: (file: ScanSource) => AnalysisOptions & { terraform?: TerraformParser }): Map<string, SourceResult> {
  const results = new Map<string, SourceResult>();
  const modules = new Map<string, ScanSource[]>();
  for (const file of files) {
    const kind = sourceKindOf(file.name);
    if (kind === 'json') results.set(file.name, scanJson(file.text, optionsFor(file)));
    else if (kind === 'terraform') {
      const folder = folderOf(file.name);
      const members = modules.get(folder);
      if (members) members.push(file);
      else modules.set(folder, [file]);
    }
  }
  for (const members of modules.values()) {
    const needsParser = members.some((file) => terraformMayHoldPolicy(file.text));
    const parser = optionsFor(members[0]).terraform;
    if (needsParser && !parser) throw new Error('Terraform files need a TerraformParser');
    const moduleResults = needsParser ? scanTerraformModule(parser!, members, optionsFor) : new Map(members.map((file) => [file.name, NOTHING]));
    for (const [name, value] of moduleResults) results.set(name, value);
  }
  return results;
}

