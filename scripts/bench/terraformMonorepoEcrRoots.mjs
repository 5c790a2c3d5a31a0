// The ECR files of the generated monorepo's root modules (environments/ENV/STACK/): calls to the monorepo's
// own modules/ecr with account lists, calls to the registry's terraform-aws-modules/ecr/aws (access ARNs,
// or a policy document of the root's own), and the .auto.tfvars files that supply the account lists.
import { TRUSTED_PUSH } from './common.mjs';
import { pullAccounts } from './terraformMonorepoEcr.mjs';

const LIFECYCLE = `jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the last 30 release images"
      selection = {
        tagStatus     = "tagged"
        tagPrefixList = ["v"]
        countType     = "imageCountMoreThan"
        countNumber   = 30
      }
      action = { type = "expire" }
    }]
  })`;

/** The variables a root with an ECR file declares (in its variables.tf); tfvars give their values. */
export function rootEcrVariables() {
  return `
variable "ecr_pull_account_ids" {
  description = "Accounts whose workloads pull this stack's images."
  type        = list(string)
  default     = []
}

variable "ecr_repositories" {
  type    = list(string)
  default = ["app"]
}
`;
}

/** `ecr.auto.tfvars`: the account lists of a root, per environment. */
export function ecrTfvars(i, env) {
  return `# Consumers of the ${env} images; reviewed by the platform team.
ecr_pull_account_ids = [
${pullAccounts(i).map((id) => `  "${id}",`).join('\n')}
]

ecr_repositories = ["api", "worker"${i % 3 === 0 ? ', "jobs"' : ''}]
`;
}

/** A call to the monorepo's own modules/ecr, `depth` folders below the repository root. */
function localModuleCall(i, depth) {
  return `module "ecr" {
  source   = "${'../'.repeat(depth)}modules/ecr"
  for_each = toset(var.ecr_repositories)

  name_prefix      = "\${local.name_prefix}/\${each.key}"
  pull_account_ids = var.ecr_pull_account_ids
  ci_role_arn      = "arn:aws:iam::${TRUSTED_PUSH}:role/ci-builder"
  tags             = local.tags
}

output "ecr_repository_urls" {
  value = { for name, repo in module.ecr : name => repo.repository_url }
}
`;
}

/** A call to terraform-aws-modules/ecr/aws: access ARNs built with a for expression, or a document of its own. */
function registryModuleCall(i) {
  const ownDocument = i % 3 === 0;
  const access = ownDocument
    ? `  repository_name                 = "\${local.name_prefix}-app"
  repository_image_tag_mutability = "IMMUTABLE"
  create_repository_policy        = false
  attach_repository_policy        = true
  repository_policy               = data.aws_iam_policy_document.ecr.json`
    : `  repository_name                   = "\${local.name_prefix}-app"
  repository_image_tag_mutability   = "IMMUTABLE"
  repository_read_access_arns       = [for id in var.ecr_pull_account_ids : "arn:aws:iam::\${id}:root"]
  repository_read_write_access_arns = ["arn:aws:iam::${TRUSTED_PUSH}:role/ci-builder"]`;
  const document = ownDocument ? `
data "aws_iam_policy_document" "ecr" {
  statement {
    sid     = "CrossAccountPull"
    actions = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]

    principals {
      type        = "AWS"
      identifiers = [for id in var.ecr_pull_account_ids : "arn:aws:iam::\${id}:root"]
    }
  }
}
` : '';
  return `module "ecr" {
  source  = "terraform-aws-modules/ecr/aws"
  version = "~> 2.3"

${access}

  create_lifecycle_policy = true
  repository_lifecycle_policy = ${LIFECYCLE}

  tags = local.tags
}
${document}`;
}

/** The ECR file (`ecr.tf`) of a root `depth` folders deep: every other one calls modules/ecr, the rest the registry's. */
export function rootEcrFile(i, depth) {
  return i % 2 === 0 ? localModuleCall(i, depth) : registryModuleCall(i);
}
