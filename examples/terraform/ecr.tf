resource "aws_ecr_repository" "app" {
  name = "app"
}

resource "aws_ecr_repository_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy     = data.aws_iam_policy_document.pull.json
}

resource "aws_ecr_repository_policy" "mirror" {
  repository = "mirror"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AnyonePulls"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = ["ecr:BatchGetImage", "ecr:Put*"]
    }]
  })
}

resource "aws_ecr_repository_policy" "legacy" {
  repository = "legacy"
  policy     = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Sid": "OrgPull",
        "Effect": "Allow",
        "Principal": "*",
        "Action": "ecr:BatchGetImage",
        "Condition": { "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }
      }]
    }
  EOF
}
