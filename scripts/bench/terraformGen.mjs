// Generated Terraform as teams write ECR policies: aws_iam_policy_document data sources (principals with
// account ARNs and some "*", pull actions, ecr:* and ecr:Put*, aws:PrincipalOrgID conditions, Deny guards,
// principals from locals, variables and the caller identity), ECR repository policies that reference them,
// and repository policies written inline as jsonencode({...}) or as heredoc JSON; a few S3 documents that
// ECR Guard must ignore. Every name and Sid carries a prefix, so several generated files can share a module.
import { account, ORG, OWN, TRUSTED_PULL, TRUSTED_PUSH } from './common.mjs';

const PULL = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'];
const PUSH = ['ecr:BatchGetImage', 'ecr:BatchCheckLayerAvailability', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'];

const list = (items, indent) => (items.length <= 3 && items.join('').length < 90
  ? `[${items.map((item) => JSON.stringify(item)).join(', ')}]`
  : `[\n${items.map((item) => `${indent}  ${JSON.stringify(item)},`).join('\n')}\n${indent}]`);

function principals(type, identifiers) {
  return `
    principals {
      type        = "${type}"
      identifiers = ${Array.isArray(identifiers) ? list(identifiers, '      ') : identifiers}
    }
`;
}

function condition(test, variable, values) {
  return `
    condition {
      test     = "${test}"
      variable = "${variable}"
      values   = ${list(values, '      ')}
    }
`;
}

function statement({ sid, effect = 'Allow', principal, actions, conditions = '' }) {
  return `
  statement {
    sid    = "${sid}"
    effect = "${effect}"
${principal}
    actions = ${list(actions, '    ')}
${conditions}  }
`;
}

function dataDocument(name, statements) {
  return `data "aws_iam_policy_document" "${name}" {${statements.join('')}}
`;
}

function repositoryPolicy(name, policy) {
  return `resource "aws_ecr_repository_policy" "${name}" {
  repository = aws_ecr_repository.${name}.name
  policy     = ${policy}
}
`;
}

function repository(name) {
  return `resource "aws_ecr_repository" "${name}" {
  name                 = "${name.replace(/_/g, '-')}"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}
`;
}

function jsonencodePolicy(sid, i) {
  const untrusted = i % 3 === 0;
  return `jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "${sid}1A"
        Effect    = "Allow"
        Principal = { AWS = ["arn:aws:iam::${untrusted ? account(i) : TRUSTED_PULL}:root"] }
        Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
      },
      {
        Sid       = "${sid}2A"
        Effect    = "Allow"
        Principal = "*"
        Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
        Condition = {
          StringEquals = { "aws:PrincipalOrgID" = "${ORG}" }
        }
      },
    ]
  })`;
}

function heredocPolicy(sid, i) {
  const indented = i % 2 === 0;
  const pad = indented ? '    ' : '';
  const json = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: `${sid}1A`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TRUSTED_PUSH}:role/ci-builder` }, Action: PUSH.slice(0, 5) },
      { Sid: `${sid}2A`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TRUSTED_PULL}:root` }, Action: ['ecr:BatchGetImage', 'ecr:Put*'] },
    ],
  }, null, 2);
  return `${indented ? '<<-EOF' : '<<EOF'}\n${json.split('\n').map((line) => pad + line).join('\n')}\n${indented ? '  ' : ''}EOF`;
}

/**
 * The policy blocks of document `i` (with `p` the name prefix and `s` the Sid prefix), and whether it is an
 * aws_iam_policy_document whose first Sid the benchmark may edit.
 */
function policyBlocks(i, p, s) {
  const name = `${p}repo_${i}`;
  const sid = `${s}D${i}S`;
  // Half the documents have their own repository policy; the rest are ECR-relevant by their actions.
  const referenced = (document) => (i % 40 < 20 || i % 20 === 7 ? `${document}\n${repositoryPolicy(name, `data.aws_iam_policy_document.${name}.json`)}` : document);
  switch (i % 20) {
    case 10:
      return { editable: true, text: referenced(dataDocument(name, [
        statement({ sid: `${sid}1A`, principal: principals('AWS', [`arn:aws:iam::${TRUSTED_PULL}:root`, `arn:aws:iam::${OWN}:role/deploy-${i}`]), actions: PULL }),
      ])) };
    case 12:
      return { editable: true, text: referenced(dataDocument(name, [
        statement({ sid: `${sid}1A`, principal: principals('AWS', [`arn:aws:iam::${TRUSTED_PUSH}:role/ci-builder`]), actions: PUSH }),
      ])) };
    case 0:
      return { editable: true, text: referenced(dataDocument(name, [
        statement({ sid: `${sid}1A`, principal: principals('AWS', [`arn:aws:iam::${TRUSTED_PULL}:root`, `arn:aws:iam::${OWN}:role/deploy-${i}`]), actions: PULL }),
        statement({ sid: `${sid}2A`, principal: principals('AWS', [`arn:aws:iam::${OWN}:root`]), actions: ['ecr:*'] }),
      ])) };
    case 1:
    case 11:
      return { editable: true, text: referenced(dataDocument(name, [
        statement({ sid: `${sid}1A`, principal: principals('*', ['*']), actions: PULL.slice(0, 2), conditions: condition('StringEquals', 'aws:PrincipalOrgID', [ORG]) }),
      ])) };
    case 2:
      return { editable: true, text: referenced(dataDocument(name, [
        statement({ sid: `${sid}1A`, principal: principals('AWS', [`arn:aws:iam::${TRUSTED_PUSH}:role/ci-builder`]), actions: PUSH }),
        statement({ sid: `${sid}2A`, effect: 'Deny', principal: principals('*', ['*']), actions: ['ecr:BatchDeleteImage', 'ecr:DeleteRepository', 'ecr:SetRepositoryPolicy'], conditions: condition('StringNotEquals', 'aws:PrincipalAccount', [OWN]) }),
      ])) };
    case 3:
      // A pull account nobody approved: untrusted-account.
      return { editable: true, text: referenced(dataDocument(name, [
        statement({ sid: `${sid}1A`, principal: principals('AWS', [`arn:aws:iam::${account(i)}:root`]), actions: [...PULL.slice(0, 2), 'ecr:DescribeImages', 'ecr:ListImages'] }),
      ])) };
    case 4:
      // The trusted pull account given ecr:Put*: external-write.
      return { editable: true, text: referenced(dataDocument(name, [
        statement({ sid: `${sid}1A`, principal: principals('AWS', [`arn:aws:iam::${TRUSTED_PULL}:root`]), actions: ['ecr:BatchGetImage', 'ecr:Put*'] }),
      ])) };
    case 5:
      return { editable: true, text: referenced(dataDocument(name, [
        statement({
          sid: `${sid}1A`, principal: principals('Service', ['codebuild.amazonaws.com']), actions: PULL.slice(0, 2),
          conditions: condition('ArnLike', 'aws:SourceArn', [`arn:aws:codebuild:eu-west-1:${OWN}:project/build-${i}`]) + condition('StringEquals', 'aws:SourceAccount', [OWN]),
        }),
      ])) };
    case 6:
      // Principals from a local and from the caller identity: resolved, trusted.
      return { editable: true, text: referenced(dataDocument(name, [
        statement({ sid: `${sid}1A`, principal: principals('AWS', `local.${p}pull_accounts`), actions: PULL }),
        statement({ sid: `${sid}2A`, principal: principals('AWS', [`arn:aws:iam::\${data.aws_caller_identity.${p}current.account_id}:root`]), actions: ['ecr:*'] }),
      ])) };
    case 7:
      // "*" bound only by an IfExists condition: wildcard-principal.
      return { editable: true, text: referenced(dataDocument(name, [
        statement({ sid: `${sid}1A`, principal: principals('AWS', ['*']), actions: ['ecr:BatchGetImage'], conditions: condition('StringEqualsIfExists', 'aws:PrincipalOrgID', [ORG]) }),
      ])) };
    case 8:
    case 15:
      return { editable: false, text: `${i % 40 === 8 ? `${repository(name)}\n` : ''}${repositoryPolicy(name, jsonencodePolicy(sid, i))}` };
    case 9:
    case 16:
      return { editable: false, text: repositoryPolicy(name, heredocPolicy(sid, i)) };
    case 13:
      // A variable without a default: unresolved-principal (information).
      return { editable: true, text: referenced(dataDocument(name, [
        statement({ sid: `${sid}1A`, principal: principals('AWS', `var.${p}consumer_accounts`), actions: PULL.slice(0, 2) }),
      ])) };
    case 14:
      // Not an ECR policy: ignored.
      return { editable: true, text: `${dataDocument(`${p}bucket_${i}`, [
        statement({ sid: `${sid}1A`, principal: principals('AWS', [`arn:aws:iam::${account(i)}:root`]), actions: ['s3:GetObject', 's3:ListBucket'] }),
      ])}` };
    case 17:
      // Merges another document of the module: both ECR-relevant through the repository policy.
      return { editable: true, text: referenced(`data "aws_iam_policy_document" "${name}" {
  source_policy_documents = [data.aws_iam_policy_document.${p}repo_${i - 7}.json]
${statement({ sid: `${sid}1A`, principal: principals('AWS', [`arn:aws:iam::${OWN}:role/ops`]), actions: ['ecr:Describe*', 'ecr:List*'] })}}
`) };
    default:
      return { editable: true, text: referenced(dataDocument(name, [
        statement({ sid: `${sid}1A`, principal: principals('AWS', [`arn:aws:iam::${OWN}:root`, `arn:aws:iam::${TRUSTED_PULL}:role/reader`]), actions: ['ecr:Describe*', ...PULL.slice(0, 2)] }),
      ])) };
  }
}

function preamble(p) {
  return `terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

data "aws_caller_identity" "${p}current" {}

variable "${p}consumer_accounts" {
  type        = list(string)
  description = "Accounts that pull images; supplied per environment."
}

locals {
  ${p}pull_accounts = [
    "arn:aws:iam::${TRUSTED_PULL}:root",
    "arn:aws:iam::${OWN}:role/deploy",
  ]
  ${p}org_id = "${ORG}"
  ${p}tags = {
    team = "platform"
  }
}

`;
}

/**
 * A .tf file of `documents` policy documents, or of about `bytes` characters. `prefix` keeps names and
 * Sids unique among the files of one module. Returns the text, the number of policy documents, and
 * the Sid the benchmark edits: the first Sid of the aws_iam_policy_document nearest the middle.
 */
export function generateTerraform({ documents, bytes, prefix = '' }) {
  const p = prefix ? `${prefix}_` : '';
  const s = `P${prefix.replace(/[^A-Za-z0-9]/g, '')}`;
  const parts = [preamble(p)];
  let length = parts[0].length;
  const editable = [];
  let i = 0;
  for (; documents !== undefined ? i < documents : length < bytes; i++) {
    const { text, editable: isEditable } = policyBlocks(i, p, s);
    if (isEditable) editable.push(i);
    parts.push(text, '\n');
    length += text.length + 1;
  }
  const middle = editable.reduce((best, index) => (Math.abs(index - i / 2) < Math.abs(best - i / 2) ? index : best), editable[0]);
  return { text: parts.join(''), documents: i, editSid: `${s}D${middle}S1A` };
}
