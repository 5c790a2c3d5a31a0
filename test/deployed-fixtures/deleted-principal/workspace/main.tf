resource "aws_ecr_repository_policy" "ci" {
  repository = "ci"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "CiPush", Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/ci" }, Action = ["ecr:PutImage", "ecr:BatchGetImage"] }]
  })
}
