resource "aws_ecr_repository_creation_template" "cache" {
  prefix      = "cache"
  applied_for = ["PULL_THROUGH_CACHE"]
  repository_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "OrgPull", Effect = "Allow", Principal = "*", Action = "ecr:BatchGetImage", Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } } }]
  })
}

resource "aws_ecr_registry_policy" "this" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Replicate", Effect = "Allow", Principal = { AWS = "arn:aws:iam::222233334444:root" }, Action = ["ecr:ReplicateImage"] }]
  })
}

resource "aws_ecr_repository_policy" "cache" {
  repository = "cache"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "OrgPull", Effect = "Allow", Principal = "*", Action = "ecr:BatchGetImage", Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } } }]
  })
}
