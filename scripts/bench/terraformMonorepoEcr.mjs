// The ECR files of the generated Terraform monorepo (scripts/bench/terraformMonorepoGen.mjs), in the idioms
// teams write today. Here: an aws_iam_policy_document with a dynamic "statement" over a local list, and
// repositories made with for_each that share one document. In terraformMonorepoEcrJson.mjs: jsonencode with
// for expressions, templatefile policies and their .json.tftpl templates. In terraformMonorepoEcrRoots.mjs:
// calls to the monorepo's own modules/ecr and to terraform-aws-modules/ecr/aws, and the tfvars that supply
// the account lists. Account lists are mostly trusted; some name an account nobody approved, give a pull
// account ecr:Put*, or open the repository to "*" without a condition.
import { account, ORG, TRUSTED_PULL, TRUSTED_PUSH } from './common.mjs';

export const PULL = '["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]';
const PUSH_ACTIONS = ['ecr:BatchGetImage', 'ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'];
/** The push actions as a list over several lines, closed at `indent` (as terraform fmt lays it out). */
const push = (indent) => `[\n${PUSH_ACTIONS.map((action) => `${indent}  "${action}",`).join('\n')}\n${indent}]`;
const CI_ROLE = `arn:aws:iam::${TRUSTED_PUSH}:role/ci-builder`;

/** The pull accounts of ECR file `i`: the trusted one, and in one file in four an account nobody approved. */
export function pullAccounts(i) {
  return i % 4 === 3 ? [TRUSTED_PULL, account(i)] : [TRUSTED_PULL];
}

const quoted = (items) => `[${items.map((item) => `"${item}"`).join(', ')}]`;

/** The variables an ECR child module declares (in its variables.tf), with defaults a caller may override. */
export function ecrVariables(i) {
  return `
variable "pull_account_ids" {
  description = "Accounts whose workloads pull the images."
  type        = list(string)
  default     = ${quoted(pullAccounts(i))}
}

variable "ci_role_arn" {
  description = "The CI role that pushes images."
  type        = string
  default     = "${CI_ROLE}"
}

variable "org_id" {
  type    = string
  default = "${ORG}"
}
`;
}

/** An aws_ecr_repository, one or one per key of `forEach`. */
export function repository(name, forEach) {
  const naming = forEach
    ? `  for_each = ${forEach}\n\n  name                 = "\${var.name_prefix}/\${each.key}"`
    : '  name                 = var.name_prefix';
  return `resource "aws_ecr_repository" "${name}" {
${naming}
  image_tag_mutability = "IMMUTABLE"
  force_delete         = false

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
  }

  tags = local.tags
}
`;
}

/** One aws_iam_policy_document whose statements come from a dynamic block over a local list. */
export function dynamicStatements(i) {
  const putStar = i % 9 === 4 ? ', "ecr:Put*"' : '';
  const open = i % 15 === 7;
  return `locals {
  ecr_pull_principals = [for id in var.pull_account_ids : "arn:aws:iam::\${id}:root"]
  ecr_statements = [
    {
      sid        = "CrossAccountPull"
      principals = local.ecr_pull_principals
      actions    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"${putStar}]
    },
    {
      sid        = "CIPush"
      principals = [var.ci_role_arn]
      actions = ${push('      ')}
    },
  ]
}

${repository('this')}
data "aws_iam_policy_document" "repository" {
  dynamic "statement" {
    for_each = local.ecr_statements
    content {
      sid     = statement.value.sid
      effect  = "Allow"
      actions = statement.value.actions

      principals {
        type        = "AWS"
        identifiers = statement.value.principals
      }
    }
  }

  statement {
    sid     = "OrganizationRead"
    effect  = "Allow"
    actions = ["ecr:DescribeImages", "ecr:ListImages"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
${open ? '' : `
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = [var.org_id]
    }
`}  }
}

resource "aws_ecr_repository_policy" "this" {
  repository = aws_ecr_repository.this.name
  policy     = data.aws_iam_policy_document.repository.json
}
`;
}

/** Repositories made with for_each, each given the same document of formatlist principals. */
export function forEachRepositories(i) {
  const names = ['api', 'worker', 'scheduler', 'migrations', 'frontend'].slice(0, 2 + (i % 4));
  return `locals {
  repositories = toset(${quoted(names)})
}

${repository('this', 'local.repositories')}
data "aws_iam_policy_document" "pull" {
  statement {
    sid     = "CrossAccountPull"
    effect  = "Allow"
    actions = ${PULL}

    principals {
      type        = "AWS"
      identifiers = formatlist("arn:aws:iam::%s:root", var.pull_account_ids)
    }
  }

  statement {
    sid    = "CIPush"
    effect = "Allow"
    actions = ${push('    ')}

    principals {
      type        = "AWS"
      identifiers = [var.ci_role_arn]
    }
  }
}

resource "aws_ecr_repository_policy" "this" {
  for_each = aws_ecr_repository.this

  repository = each.value.name
  policy     = data.aws_iam_policy_document.pull.json
}
`;
}
