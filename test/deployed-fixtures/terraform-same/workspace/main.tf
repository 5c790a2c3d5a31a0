resource "aws_ecr_repository_policy" "app" {
  repository = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "StagingPull"
        Effect    = "Allow"
        Principal = { AWS = "222233334444" }
        Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
      },
      {
        Sid       = "Build"
        Effect    = "Allow"
        Principal = { Service = "codebuild.amazonaws.com" }
        Action    = "ecr:BatchGetImage"
        Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } }
      },
    ]
  })
}
