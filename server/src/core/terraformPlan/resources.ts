/**
 * The AWS provider's resources that carry an ECR policy, the attribute that holds it (JSON text), and the
 * attribute that names the repository it applies to (Terraform AWS provider documentation; a creation
 * template's `prefix` names the repositories it will create, as CloudFormation's `Prefix` does).
 */
export const PLAN_POLICY_RESOURCES: Readonly<Record<string, { property: string; repository?: string }>> = {
  aws_ecr_repository_policy: { property: 'policy', repository: 'repository' },
  aws_ecr_registry_policy: { property: 'policy' },
  aws_ecr_repository_creation_template: { property: 'repository_policy', repository: 'prefix' },
  aws_ecrpublic_repository_policy: { property: 'policy', repository: 'repository_name' },
};

export const PLAN_POLICY_TYPES: readonly string[] = Object.keys(PLAN_POLICY_RESOURCES);

export function isPlanPolicyType(type: unknown): type is string {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(PLAN_POLICY_RESOURCES, type);
}

/** The attributes of a policy resource the reader keeps: the policy and the repository. */
export function keptAttributes(type: string): readonly string[] {
  const { property, repository } = PLAN_POLICY_RESOURCES[type];
  return repository ? [property, repository] : [property];
}

/**
 * `aws_ecr_account_setting` (attributes `name` and `value`): with name REGISTRY_POLICY_SCOPE it sets the
 * registry policy scope a plan's registry policy is enforced under.
 */
export const ACCOUNT_SETTING_TYPE = 'aws_ecr_account_setting';
export const ACCOUNT_SETTING_ATTRIBUTES: readonly string[] = ['name', 'value'];

/** Whether the reader keeps a resource of this type: a policy resource or an account setting. */
export function isPlanReadType(type: unknown): boolean {
  return type === ACCOUNT_SETTING_TYPE || isPlanPolicyType(type);
}
