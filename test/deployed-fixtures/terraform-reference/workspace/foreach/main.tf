resource "aws_ecr_repository" "svc" {
  for_each = toset(["a", "b"])
  name     = "svc-${each.key}"
}

resource "aws_ecr_repository_policy" "svc" {
  for_each   = toset(["a", "b"])
  repository = aws_ecr_repository.svc[each.key].name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "StagingPull", Effect = "Allow", Principal = { AWS = "arn:aws:iam::222233334444:root" }, Action = "ecr:BatchGetImage" }]
  })
}

resource "aws_ecr_repository_policy" "first" {
  repository = aws_ecr_repository.svc["a"].name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Other", Effect = "Allow", Principal = { AWS = "arn:aws:iam::444455556666:root" }, Action = "ecr:BatchGetImage" }]
  })
}
