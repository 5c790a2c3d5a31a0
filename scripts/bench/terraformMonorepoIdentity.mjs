// The resources of the generated monorepo that carry IAM documents without being ECR policies: IAM roles
// with assume-role and inline aws_iam_policy_document data sources, and S3 buckets with a bucket policy. The
// server's cheap look sends their files to the parser, as it would real ones.
import { OWN } from './common.mjs';

const pick = (r, items) => items[Math.floor(r() * items.length)];

export const iamRole = (n, r) => `data "aws_iam_policy_document" "assume_${n}" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["${pick(r, ['lambda', 'ecs-tasks', 'ec2', 'states', 'events'])}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "role_${n}" {
  name               = "\${local.name_prefix}-role-${n}"
  assume_role_policy = data.aws_iam_policy_document.assume_${n}.json
  tags               = local.tags
}

data "aws_iam_policy_document" "inline_${n}" {
  statement {
    sid       = "ReadParameters"
    actions   = ["ssm:GetParameter", "ssm:GetParametersByPath"]
    resources = ["arn:aws:ssm:\${var.region}:${OWN}:parameter/\${local.name_prefix}/*"]
  }

  statement {
    sid       = "WriteLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["\${aws_cloudwatch_log_group.role_${n}.arn}:*"]
  }
}

resource "aws_iam_role_policy" "inline_${n}" {
  name   = "inline"
  role   = aws_iam_role.role_${n}.id
  policy = data.aws_iam_policy_document.inline_${n}.json
}

resource "aws_cloudwatch_log_group" "role_${n}" {
  name              = "/\${local.name_prefix}/role-${n}"
  retention_in_days = ${pick(r, [14, 30, 90, 365])}
}
`;

export const bucket = (n) => `resource "aws_s3_bucket" "data_${n}" {
  bucket = "\${local.name_prefix}-data-${n}"
  tags   = local.tags
}

resource "aws_s3_bucket_versioning" "data_${n}" {
  bucket = aws_s3_bucket.data_${n}.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data_${n}" {
  bucket = aws_s3_bucket.data_${n}.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "data_${n}" {
  bucket                  = aws_s3_bucket.data_${n}.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

data "aws_iam_policy_document" "data_${n}" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.data_${n}.arn, "\${aws_s3_bucket.data_${n}.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "data_${n}" {
  bucket = aws_s3_bucket.data_${n}.id
  policy = data.aws_iam_policy_document.data_${n}.json
}
`;
