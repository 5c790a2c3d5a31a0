data "aws_caller_identity" "current" {}

resource "aws_ecr_repository_policy" "self" {
  repository = "self"
  policy = jsonencode({
    Statement = [{ Sid = "Own", Effect = "Allow", Principal = { AWS = data.aws_caller_identity.current.account_id }, Action = "ecr:*" }]
  })
}

resource "aws_ecr_repository_policy" "arn" {
  repository = "by-arn"
  policy = jsonencode({
    Statement = [{ Sid = "Own", Effect = "Allow", Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }, Action = "ecr:*" }]
  })
}
