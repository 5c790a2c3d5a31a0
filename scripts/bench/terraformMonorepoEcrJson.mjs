// The ECR policies of the generated monorepo's child modules that are written as JSON: jsonencode with for
// expressions over the account list, and templatefile with a .json.tftpl template that loops over it.
import { PULL, repository } from './terraformMonorepoEcr.mjs';

/** A policy written as jsonencode, its statements built with for expressions over the account list. */
export function jsonencodeFor(i) {
  const perAccount = i % 2 === 0;
  const pull = perAccount
    ? `[for id in var.pull_account_ids : {
        Sid       = "Pull\${id}"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::\${id}:root" }
        Action    = local.pull_actions
      }]`
    : `[{
        Sid       = "CrossAccountPull"
        Effect    = "Allow"
        Principal = { AWS = [for id in var.pull_account_ids : "arn:aws:iam::\${id}:root"] }
        Action    = local.pull_actions
      }]`;
  return `locals {
  pull_actions = ${PULL}
}

${repository('this')}
resource "aws_ecr_repository_policy" "this" {
  repository = aws_ecr_repository.this.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      ${pull},
      [{
        Sid       = "CIPush"
        Effect    = "Allow"
        Principal = { AWS = var.ci_role_arn }
        Action    = ["ecr:BatchGetImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage"]
      }],
    )
  })
}
`;
}

/** A policy rendered by templatefile from a template beside the module: the .tf file and the template. */
export function templatefilePolicy() {
  return `${repository('this')}
resource "aws_ecr_repository_policy" "this" {
  repository = aws_ecr_repository.this.name
  policy = templatefile("\${path.module}/templates/ecr-policy.json.tftpl", {
    pull_account_ids = var.pull_account_ids
    ci_role_arn      = var.ci_role_arn
    org_id           = var.org_id
  })
}
`;
}

export function policyTemplate() {
  return `{
  "Version": "2012-10-17",
  "Statement": [
%{ for id in pull_account_ids ~}
    {
      "Sid": "Pull\${id}",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::\${id}:root" },
      "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
    },
%{ endfor ~}
    {
      "Sid": "CIPush",
      "Effect": "Allow",
      "Principal": { "AWS": "\${ci_role_arn}" },
      "Action": ["ecr:BatchGetImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage"]
    },
    {
      "Sid": "OrganizationRead",
      "Effect": "Allow",
      "Principal": "*",
      "Action": ["ecr:DescribeImages", "ecr:ListImages"],
      "Condition": { "StringEquals": { "aws:PrincipalOrgID": "\${org_id}" } }
    }
  ]
}
`;
}
