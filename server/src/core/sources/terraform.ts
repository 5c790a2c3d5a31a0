import { folderOf } from '../names';
import { TERRAFORM_MAX_CHARS, terraformModulePolicies, TerraformParser } from '../terraform';
import { terraformInputs } from '../terraform/host';
import { TerraformInputs } from '../terraform/module';
import { PolicyDocument } from '../model';
import { includesAny } from './cheapLook';
import { Extraction, ModuleSource, SourceEnvironment, SourceFile } from './types';

// A Terraform module holds a policy only if some file names a policy document or an ECR policy resource.
const TERRAFORM_POLICY = ['aws_iam_policy_document', 'aws_ecr_repository_policy', 'aws_ecr_registry_policy', 'aws_ecr_repository_creation_template', 'aws_ecrpublic_repository_policy', 'module "', '\\u'];
// ... and the other files of the module matter only for their locals and variables.
const TERRAFORM_CONTEXT = ['locals', 'variable'];

/** Whether a .tf file names a policy document or an ECR policy resource. */
export function terraformMayHoldPolicy(text: string): boolean {
  return includesAny(text, TERRAFORM_POLICY);
}

/** Whether a .tf file can contribute to its module's policies: policy blocks, locals or variables. */
export function terraformMayMatter(text: string): boolean {
  return includesAny(text, TERRAFORM_POLICY) || includesAny(text, TERRAFORM_CONTEXT);
}

/**
 * The .tf files of one module (one folder). Files that cannot matter are not parsed (and absent from the
 * result), and a module without any policy block is not parsed at all.
 */
function extractModule(files: readonly SourceFile[], environment: SourceEnvironment): Map<string, Extraction> {
  const relevant = files.some((file) => terraformMayHoldPolicy(file.text)) ? files.filter((file) => terraformMayMatter(file.text)) : [];
  if (relevant.length > 0 && !environment.terraform) throw new Error('Terraform files need a TerraformParser');
  if (relevant.length === 0) return new Map<string, Extraction>();
  const parser = environment.terraform!;
  const inputs = terraformInputs(folderOf(files[0].name), { parser, files: environment.files, analyze: childAnalysis(parser) }, environment.terraformVariables);
  return terraformModulePolicies(parser, relevant, inputs);
}

/** How a called module's files are analysed: like a module of their own, with the caller's inputs. */
export function childAnalysis(parser: TerraformParser): (files: { name: string; text: string }[], inputs: TerraformInputs) => { file: string; document: PolicyDocument }[] {
  return (files, inputs) => {
    const relevant = files.some((file) => terraformMayHoldPolicy(file.text)) ? files.filter((file) => terraformMayMatter(file.text)) : [];
    return [...terraformModulePolicies(parser, relevant, inputs)].flatMap(([file, extraction]) => extraction.documents.map((document) => ({ file, document })));
  };
}

/** Terraform's native syntax, read with tree-sitter's HCL grammar, one module (folder) at a time. */
export const terraformSource: ModuleSource = {
  id: 'terraform',
  label: 'Terraform',
  grouping: 'module',
  extensions: ['.tf'],
  languageIds: ['terraform'],
  mayHold: terraformMayHoldPolicy,
  mayMatter: terraformMayMatter,
  maxChars: TERRAFORM_MAX_CHARS,
  requires: ['terraform'],
  extractModule,
};
