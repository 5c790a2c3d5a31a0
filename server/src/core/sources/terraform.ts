import { folderOf } from '../names';
import { TERRAFORM_MAX_CHARS, terraformModulePolicies, TerraformParser } from '../terraform';
import { terraformInputs } from '../terraform/host';
import { ECR_POLICY_RESOURCES, REPLICATION_RESOURCE, REPOSITORY_RESOURCE, TerraformInputs } from '../terraform/module';
import { PolicyDocument } from '../model';
import { REGISTRY_SOURCE_HINTS } from '../terraform/registryModules';
import { ACCOUNT_SETTING } from '../terraform/registryScope';
import { hclComments } from '../suppressions/comments';
import { includesAny } from './cheapLook';
import { Extraction, ModuleSource, SourceEnvironment, SourceFile } from './types';

// A Terraform module holds a policy only if some file names a policy document, an ECR policy resource or
// the replication configuration,
const ECR_POLICY_RESOURCE_TYPES = [...ECR_POLICY_RESOURCES.keys()];
const TERRAFORM_POLICY = ['aws_iam_policy_document', ...ECR_POLICY_RESOURCE_TYPES, REPLICATION_RESOURCE, '\\u', ...REGISTRY_SOURCE_HINTS];
// ... or calls a local module (Terraform's local paths start with ./ or ../), which may build one.
const LOCAL_MODULE_SOURCE = /\bsource\s*=\s*"\.\.?[/\\]/;
// ... and the other files of the module matter only for their locals, variables, the registry policy scope
// and the names of repositories the policies reference.
const TERRAFORM_CONTEXT = ['locals', 'variable', ACCOUNT_SETTING, REPOSITORY_RESOURCE];

/** Whether a .tf file names a policy document, an ECR policy resource, or a module call that may build one. */
export function terraformMayHoldPolicy(text: string): boolean {
  return includesAny(text, TERRAFORM_POLICY) || (text.includes('source') && LOCAL_MODULE_SOURCE.test(text));
}

/** Whether a .tf file can contribute to its module's policies: policy blocks, locals, variables or account settings. */
export function terraformMayMatter(text: string): boolean {
  return terraformMayHoldPolicy(text) || includesAny(text, TERRAFORM_CONTEXT);
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

/**
 * How a called module's files are analysed: like a module of their own, with the caller's inputs. What a
 * call deploys is the module's ECR policy resources (and the documents they use, or modules it calls in
 * turn): a module with none is not parsed, and a policy document no ECR resource uses is reported where
 * it is written, not again at every call.
 */
export function childAnalysis(parser: TerraformParser): (files: { name: string; text: string }[], inputs: TerraformInputs) => { file: string; document: PolicyDocument }[] {
  return (files, inputs) => {
    const relevant = files.some((file) => mayDeploy(file.text)) ? files.filter((file) => terraformMayMatter(file.text)) : [];
    return [...terraformModulePolicies(parser, relevant, inputs, (text) => parser.parseShared(text))].flatMap(([file, extraction]) => extraction.documents.filter((document) => document.ecrRelevant).map((document) => ({ file, document })));
  };
}

/** Whether a module file may deploy an ECR policy: an ECR policy resource, or a module call that may build one. */
function mayDeploy(text: string): boolean {
  return includesAny(text, ECR_POLICY_RESOURCE_TYPES) || includesAny(text, ['\\u', ...REGISTRY_SOURCE_HINTS]) || (text.includes('source') && LOCAL_MODULE_SOURCE.test(text));
}

/** Terraform's native syntax, read with tree-sitter's HCL grammar, one module (folder) at a time. */
export const terraformSource: ModuleSource = {
  id: 'terraform',
  label: 'Terraform',
  grouping: 'module',
  extensions: ['.tf'],
  languageIds: ['terraform'],
  mayHold: terraformMayHoldPolicy,
  comments: (text, environment) => hclComments(text, environment.terraform),
  suppressionComment: () => '#',
  mayMatter: terraformMayMatter,
  maxChars: TERRAFORM_MAX_CHARS,
  requires: ['terraform'],
  extractModule,
};
