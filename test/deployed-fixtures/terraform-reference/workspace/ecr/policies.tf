resource "aws_ecr_repository_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "StagingPull", Effect = "Allow", Principal = { AWS = "arn:aws:iam::222233334444:root" }, Action = "ecr:BatchGetImage" }]
  })
}
