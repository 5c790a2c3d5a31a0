import { AnalysisOptions, checkPolicies, sourceKindOf } from './analyze';
import { extractJsonPolicies } from './json/extract';
import { Finding } from './model';
import { TerraformParser, terraformModulePolicies } from './terraform';

export interface SourceFile {
  /** A path or URI; files whose names share a folder form one Terraform module. */
  name: string;
  text: string;
}

export interface BatchOptions extends AnalysisOptions {
  terraform?: TerraformParser;
}

/**
 * Analyses a set of files at once, the way the CLI and the workspace scan see them: JSON files alone,
 * Terraform files together with the other .tf files of their folder. Trust lists may differ per file.
 */
export function analyzeFiles(files: readonly SourceFile[], optionsFor: (file: SourceFile) => BatchOptions): Map<string, Finding[]> {
  const results = new Map<string, Finding[]>();
  const modules = new Map<string, SourceFile[]>();
  for (const file of files) {
    const kind = sourceKindOf(file.name);
    if (kind === 'json') results.set(file.name, checkPolicies(extractJsonPolicies(file.text), optionsFor(file)));
    else if (kind === 'terraform') modules.set(folderOf(file.name), [...(modules.get(folderOf(file.name)) ?? []), file]);
  }
  for (const members of modules.values()) {
    const parser = optionsFor(members[0]).terraform;
    if (!parser) throw new Error('Terraform files need a TerraformParser');
    const policies = terraformModulePolicies(parser, members);
    for (const file of members) results.set(file.name, checkPolicies(policies.get(file.name)?.documents ?? [], optionsFor(file)));
  }
  return results;
}

export function folderOf(name: string): string {
  const slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  return slash >= 0 ? name.slice(0, slash) : '';
}
