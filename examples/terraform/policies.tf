data "aws_caller_identity" "current" {}

locals {
  consumer_accounts = ["arn:aws:iam::222233334444:root", "arn:aws:iam::444455556666:root"]
}

variable "extra_readers" {
  type        = list(string)
  description = "Accounts that may pull; no default, so ECR Guard cannot see them."
}

data "aws_iam_policy_document" "pull" {
  statement {
    sid    = "ConsumersPull"
    effect = "Allow"

    principals {
      type        = "AWS"
      identifiers = local.consumer_accounts
    }

    actions = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
  }

  statement {
    sid = "BuildAccountPushes"

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }

    actions = ["ecr:*"]
  }

  statement {
    sid = "ExtraReaders"

    principals {
      type        = "AWS"
      identifiers = var.extra_readers
    }

    actions = ["ecr:BatchGetImage"]
  }
}
