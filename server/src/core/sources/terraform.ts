import { TERRAFORM_MAX_CHARS, terraformModulePolicies } from '../terraform';
import { includesAny } from './cheapLook';
import { Extraction, ModuleSource, SourceEnvironment, SourceFile } from './types';

// A Terraform module holds a policy only if some file names a policy document or an ECR policy resource.
const TERRAFORM_POLICY = ['aws_iam_policy_document', 'aws_ecr_repository_policy', 'aws_ecr_registry_policy', '\\u'];
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
  return relevant.length > 0 ? terraformModulePolicies(environment.terraform!, relevant) : new Map<string, Extraction>();
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
