# SYNTAX TEST "source.ecr-guard.terraform" "real-world-style templates: user data, templatefile, moved and import blocks"
resource "aws_instance" "builder" {
  count         = var.enabled ? 1 : 0
# ^^^^^ variable.other.property.hcl
#                               ^ constant.numeric.hcl
  ami           = data.aws_ami.al2023.id
  instance_type = "t3.small"
  tags          = merge(var.tags, { Name = "builder-${count.index}" })
#                                   ^^^^ variable.other.property.key.hcl
#                                                     ^^^^^ meta.template.expression.hcl variable.language.hcl

  user_data = <<-EOT
    #!/bin/bash
    set -euo pipefail
    aws ecr get-login-password --region ${var.region} | docker login --password-stdin ${aws_ecr_repository.this.repository_url}
#                                                                                       ^^^ string.unquoted.heredoc.hcl meta.template.expression.hcl meta.embedded.line.hcl variable.other.hcl
    %{~ for image in var.prewarm ~}
#   ^^ meta.template.directive.hcl punctuation.section.directive.begin.hcl
#     ^ keyword.operator.template.strip.hcl
#       ^^^ keyword.control.directive.hcl
#                 ^^ keyword.control.directive.hcl
    docker pull ${image}
#   ^^^^^^ string.unquoted.heredoc.hcl
    %{~ endfor ~}
    echo "literal $${HOME} and %%{ not a directive }"
#                 ^^^ constant.character.escape.template.hcl
#                              ^^^ constant.character.escape.template.hcl
#                    ^^^^ string.unquoted.heredoc.hcl - meta.template.expression.hcl
    done
#   ^^^^ string.unquoted.heredoc.hcl
  EOT
# ^^^ keyword.control.heredoc.hcl

  lifecycle {
    ignore_changes = [ami, tags["Updated"]]
#   ^^^^^^^^^^^^^^ variable.other.property.hcl
#                               ^^^^^^^^^ string.quoted.double.hcl
  }
}

resource "aws_s3_object" "compose" {
  content = templatefile("${path.module}/compose.tftpl", { images = [for r in aws_ecr_repository.apps : r.repository_url] })
#           ^^^^^^^^^^^^ support.function.hcl
#                           ^^^^ meta.template.expression.hcl variable.language.hcl
#                                                          ^^^^^^ variable.other.property.key.hcl
}

moved {
# <----- entity.name.type.block.hcl
  from = aws_ecr_repository.old
  to   = aws_ecr_repository.this
}

import {
  to = aws_ecr_repository.this
  id = "app"
}

output "urls" {
  value     = aws_ecr_repository.apps[*].repository_url
#                                    ^^^ keyword.operator.splat.hcl
  sensitive = false
#             ^^^^^ constant.language.boolean.hcl
}
