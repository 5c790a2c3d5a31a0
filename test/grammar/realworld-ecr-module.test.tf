# SYNTAX TEST "source.ecr-guard.terraform" "a real-world-style ECR module: heredoc policies, jsonencode, dynamic blocks"
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
#   ^^^ meta.block.hcl meta.block.hcl variable.other.property.hcl
#           ^^^^^^ meta.braces.hcl variable.other.property.key.hcl
#                                     ^^^^^^^ meta.braces.hcl variable.other.property.key.hcl
  }
}

variable "pull_accounts" {
  type        = list(string)
#               ^^^^ support.function.hcl
#                    ^^^^^^ meta.function-call.hcl variable.other.hcl
  description = "Accounts that may pull"
  default     = ["111122223333"]

  validation {
    condition     = alltrue([for a in var.pull_accounts : can(regex("^\\d{12}$", a))])
#                   ^^^^^^^ support.function.hcl
#                            ^^^ keyword.control.for.hcl
#                                                             ^^^^^ support.function.hcl
#                                                                     ^^ string.quoted.double.hcl constant.character.escape.hcl
    error_message = <<-EOT
      Each account must be 12 digits; got ${join(", ", var.pull_accounts)}.
#     ^^^^ meta.heredoc.hcl string.unquoted.heredoc.hcl
#                                           ^^^^ meta.template.expression.hcl support.function.hcl
    EOT
#   ^^^ keyword.control.heredoc.hcl
  }
}

locals {
  name = "${var.prefix}-app"
  readers = { for a in var.pull_accounts : a => "arn:aws:iam::${a}:root" }
# ^^^^^^^ variable.other.property.hcl
#                                            ^^ keyword.operator.arrow.hcl
}

resource "aws_ecr_repository" "this" {
  name                 = local.name
  image_tag_mutability = var.immutable ? "IMMUTABLE" : "MUTABLE"
#                                      ^ keyword.operator.conditional.hcl
  force_delete         = false

  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_lifecycle_policy" "this" {
  repository = aws_ecr_repository.this.name
#              ^^^^^^^^^^^^^^^^^^ variable.other.hcl
#                                      ^^^^ variable.other.member.hcl
  policy     = <<EOF
{
  "rules": [
    {
#   ^ meta.embedded.block.json.hcl punctuation.definition.dictionary.begin.json
      "rulePriority": 1,
#     ^^^^^^^^^^^^^^ support.type.property-name.json
#                     ^ constant.numeric.json
      "description": "Expire untagged images after ${var.untagged_days} days",
#                                                    ^^^ meta.embedded.block.json.hcl string.quoted.double.json meta.template.expression.hcl meta.embedded.line.hcl variable.language.hcl
      "selection": { "tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": ${var.untagged_days} },
#                                                                                                   ^^^^^^^^^^^^^ support.type.property-name.json
#                                                                                                                  ^^ meta.structure.dictionary.json meta.template.expression.hcl punctuation.section.interpolation.begin.hcl - invalid
      "action": { "type": "expire" }
    }
  ]
}
EOF
# <--- keyword.control.heredoc.hcl
}

resource "aws_ecr_repository_policy" "this" {
  repository = aws_ecr_repository.this.name
  policy = jsonencode({
#          ^^^^^^^^^^ meta.block.hcl meta.function-call.hcl support.function.hcl
    Version = "2012-10-17"
#   ^^^^^^^ meta.function-call.hcl meta.braces.hcl variable.other.property.key.hcl
    Statement = [
      {
        Sid       = "Pull"
#       ^^^ meta.braces.hcl meta.braces.hcl variable.other.property.key.hcl
        Effect    = "Allow"
        Principal = { AWS = values(local.readers) }
#                     ^^^ variable.other.property.key.hcl
#                           ^^^^^^ support.function.hcl
        Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
#                    ^^^^^^^^^^^^^^^^^^^ string.quoted.double.hcl
      },
    ]
  })
}
# <- meta.block.hcl punctuation.section.block.end.hcl

data "aws_iam_policy_document" "push" {
  # ecr-guard-ignore external-write -- the CI account, reviewed 2026-10
#   ^^^^^^^^^^^^^^^^ keyword.other.directive.ecr-guard-ignore.hcl
  dynamic "statement" {
# ^^^^^^^ meta.block.hcl meta.block.hcl entity.name.type.block.hcl
#          ^^^^^^^^^ entity.name.label.hcl
    for_each = var.push_accounts
    content {
      sid = "Push${statement.key}"
#                  ^^^^^^^^^ meta.template.expression.hcl meta.embedded.line.hcl variable.other.hcl
#                            ^^^ variable.other.member.hcl
      principals {
#     ^^^^^^^^^^ meta.block.hcl meta.block.hcl meta.block.hcl meta.block.hcl entity.name.type.block.hcl
        type        = "AWS"
        identifiers = ["arn:aws:iam::${statement.value}:root"]
      }
      actions = ["ecr:PutImage", "ecr:InitiateLayerUpload"]
    }
  }
}

resource "aws_iam_role" "ci" {
  name               = "ci"
  assume_role_policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [{ "Effect": "Allow", "Principal": { "Service": "codebuild.amazonaws.com" }, "Action": "sts:AssumeRole" }]
#                                                       ^^^^^^^^^ meta.embedded.block.json.hcl support.type.property-name.json
#                                                                  ^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.double.json
    }
  POLICY
# ^^^^^^ meta.block.hcl meta.heredoc.hcl keyword.control.heredoc.hcl
}

output "repository_url" {
# <------ entity.name.type.block.hcl
  value = aws_ecr_repository.this.repository_url
}

# every block of the module is closed here
# ^^^^^ comment.line.hcl - meta.block.hcl
