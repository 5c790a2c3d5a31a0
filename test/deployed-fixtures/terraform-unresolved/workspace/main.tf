variable "readers" {
  type = list(string)
}

resource "aws_ecr_repository_policy" "app" {
  repository = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Readers", Effect = "Allow", Principal = { AWS = var.readers }, Action = "ecr:BatchGetImage" }]
  })
}
