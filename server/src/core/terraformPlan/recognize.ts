import { includesAny } from '../sources/cheapLook';
import { PLAN_POLICY_TYPES } from './resources';

/**
 * Whether a JSON text is Terraform's plan output: `planned_values` beside the format or Terraform version
 * every plan starts with. Terraform state output has `values` instead, and no policy file, CloudFormation
 * template or Terraform JSON configuration has these keys. Substring searches, no parse.
 */
export function claimsTerraformPlan(text: string): boolean {
  return text.includes('"planned_values"') && includesAny(text, ['"format_version"', '"terraform_version"']);
}

/** Whether a plan can hold an ECR policy: it names one of the policy resource types. */
export function terraformPlanMayHold(text: string): boolean {
  return includesAny(text, PLAN_POLICY_TYPES);
}
