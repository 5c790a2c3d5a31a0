import { cloudposseEcr } from './cloudposseEcr';
import { terraformAwsModulesEcr } from './terraformAwsModulesEcr';
import { RegistryModule } from './types';

export type { ModuleCall, ModulePolicy, ModuleReplication, RegistryModule } from './types';

/** The known modules by registry address and by GitHub repository (`OWNER/REPO`), lower case. */
const BY_REGISTRY = new Map<string, RegistryModule>([
  ['terraform-aws-modules/ecr/aws', terraformAwsModulesEcr],
  ['cloudposse/ecr/aws', cloudposseEcr],
]);
const BY_GITHUB = new Map<string, RegistryModule>([
  ['terraform-aws-modules/terraform-aws-ecr', terraformAwsModulesEcr],
  ['cloudposse/terraform-aws-ecr', cloudposseEcr],
]);

/**
 * Substrings every source form of the known modules holds (registry `.../ecr/aws`, GitHub `.../terraform-aws-ecr`):
 * the cheap look that tells a module call to one of them from the rest without parsing.
 */
export const REGISTRY_SOURCE_HINTS = ['ecr/aws', 'terraform-aws-ecr'];

// Terraform's module source forms (Module Sources, developer.hashicorp.com/terraform/language/modules/sources):
// a registry address with an optional host (Terragrunt writes `tfr:///` or `tfr://HOST/`), and GitHub as
// `github.com/O/R`, `git@github.com:O/R.git`, or `git::` followed by an https or ssh URL.
const REGISTRY = /^(?:tfr:\/\/\/|(?:tfr:\/\/)?registry\.terraform\.io\/)?([^/:?]+\/[^/:?]+\/[^/:?]+)$/;
const GITHUB = /^(?:git::)?(?:https:\/\/|ssh:\/\/git@|git@)?github\.com[/:]([^/]+\/[^/]+?)(?:\.git)?$/;

/**
 * The registry module a `module` block's `source` names, by its root module only: a `//subdirectory`
 * (`terraform-aws-modules/ecr/aws//modules/repository-template`) is another module. The version (`version`
 * argument, `?ref=`, `?version=`) is not considered: the model follows the version it names.
 */
export function registryModuleFor(source: string): RegistryModule | undefined {
  const location = source.trim().split('?')[0];
  const scheme = location.indexOf('://');
  const subdirectory = location.indexOf('//', scheme >= 0 ? scheme + 3 : 0);
  if (subdirectory >= 0 && location.slice(subdirectory + 2) !== '') return undefined;
  const root = subdirectory >= 0 ? location.slice(0, subdirectory) : location;
  const registry = REGISTRY.exec(root)?.[1];
  const github = GITHUB.exec(root)?.[1];
  return (registry && BY_REGISTRY.get(registry.toLowerCase())) || (github && BY_GITHUB.get(github.toLowerCase())) || undefined;
}
