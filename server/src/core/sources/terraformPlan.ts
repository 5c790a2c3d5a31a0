import { planPolicies } from '../terraformPlan/policies';
import { PLAN_REPLICATION_TYPE, planReplications } from '../terraformPlan/replications';
import { claimsTerraformPlan, terraformPlanMayHold } from '../terraformPlan/recognize';
import { FileSource } from './types';

/**
 * Largest plan read, in characters. The reader builds no tree: one pass of jsonc-parser's visitor, about
 * 1.5 times the visitor's own cost (25 to 35 MB a second measured), so a plan this large takes about two
 * seconds and little memory. Larger ones are refused with a message. The editor's and the CLI's own
 * default limits (20 MB) apply first.
 */
export const TERRAFORM_PLAN_MAX_CHARS = 50_000_000;

/**
 * Terraform plans as JSON (`terraform show -json PLANFILE > plan.json`): the ECR policies the plan will
 * deploy (and the replication destinations it configures), with their modules resolved, counts expanded and variables filled in by Terraform itself.
 * Claimed before the other JSON formats by a substring look.
 */
export const terraformPlanSource: FileSource = {
  id: 'terraform-plan',
  label: 'Terraform plan',
  grouping: 'file',
  extensions: ['.json'],
  languageIds: ['json'],
  claims: claimsTerraformPlan,
  mayHold: (text) => terraformPlanMayHold(text) || text.includes(PLAN_REPLICATION_TYPE),
  maxChars: TERRAFORM_PLAN_MAX_CHARS,
  extract: (text) => {
    const replications = planReplications(text);
    return { documents: planPolicies(text), damaged: [], ...(replications.length > 0 ? { replications } : {}) };
  },
};
