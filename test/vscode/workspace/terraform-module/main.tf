data "aws_iam_policy_document" "consumers" {
  statement {
    sid = "ConsumersPull"

    principals {
      type        = "AWS"
      identifiers = local.consumers
    }

    actions = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
  }
}

resource "aws_ecr_repository_policy" "shared" {
  repository = "shared"
  policy     = data.aws_iam_policy_document.consumers.json
}
