# SYNTAX TEST "source.ecr-guard.terraform" "heredocs: templates, JSON by content, JSON by the attribute name"
user_data = <<-SCRIPT
#           ^^^ meta.heredoc.hcl keyword.operator.heredoc.hcl
#              ^^^^^^ meta.heredoc.hcl keyword.control.heredoc.hcl
  #!/bin/bash
# ^^^^^^^^^^^ meta.heredoc.hcl string.unquoted.heredoc.hcl - comment
  echo "${var.greeting}" > /tmp/x
# ^^^^ string.unquoted.heredoc.hcl
#       ^^ string.unquoted.heredoc.hcl meta.template.expression.hcl punctuation.section.interpolation.begin.hcl
#             ^^^^^^^^ variable.other.member.hcl
  %{ for name in var.names ~}
# ^^ string.unquoted.heredoc.hcl meta.template.directive.hcl punctuation.section.directive.begin.hcl
#    ^^^ keyword.control.directive.hcl
  fi
# ^^ meta.heredoc.hcl string.unquoted.heredoc.hcl
  %{ endfor ~}
#    ^^^^^^ keyword.control.directive.hcl
  SCRIPT
# ^^^^^^ meta.heredoc.hcl keyword.control.heredoc.hcl - string
next = true
# <---- variable.other.property.hcl - meta.heredoc.hcl
#      ^^^^ constant.language.boolean.hcl

template = <<EOT
Hello, ${name}! A { brace later in a template is text.
# <----- string.unquoted.heredoc.hcl
#        ^^^^ meta.template.expression.hcl variable.other.hcl
#       ^ string.unquoted.heredoc.hcl - meta.embedded.block.json.hcl
EOT
# <--- keyword.control.heredoc.hcl

container_definitions = <<JSON
[
# <- meta.heredoc.hcl meta.embedded.block.json.hcl meta.structure.array.json punctuation.definition.array.begin.json
  { "name": "app", "memory": 512, "essential": true, "image": "${var.image}" }
#   ^^^^^^ meta.embedded.block.json.hcl support.type.property-name.json
#           ^^^^^ meta.embedded.block.json.hcl string.quoted.double.json
#                            ^^^ constant.numeric.json
#                                              ^^^^ constant.language.json
#                                                              ^^ string.quoted.double.json meta.template.expression.hcl punctuation.section.interpolation.begin.hcl
#                                                                ^^^ string.quoted.double.json meta.template.expression.hcl meta.embedded.line.hcl variable.language.hcl
]
JSON
# <---- meta.heredoc.hcl keyword.control.heredoc.hcl - meta.embedded.block.json.hcl

resource "aws_ecr_repository_policy" "legacy" {
  repository = "legacy"
  policy     = <<-EOF
# ^^^^^^ variable.other.property.hcl
#              ^^^ keyword.operator.heredoc.hcl
#                 ^^^ keyword.control.heredoc.hcl
    {
#   ^ meta.heredoc.hcl meta.embedded.block.json.hcl punctuation.definition.dictionary.begin.json
      "Version": "2012-10-17",
#     ^^^^^^^^^ meta.embedded.block.json.hcl meta.structure.dictionary.json support.type.property-name.json
#                ^^^^^^^^^^^^ string.quoted.double.json
      "Statement": [
        %{ for account in var.accounts ~}
#       ^^ meta.embedded.block.json.hcl meta.template.directive.hcl punctuation.section.directive.begin.hcl
#          ^^^ meta.template.directive.hcl keyword.control.directive.hcl
#                         ^^^ meta.template.directive.hcl meta.embedded.line.hcl variable.language.hcl
#                                      ^ meta.template.directive.hcl keyword.operator.template.strip.hcl
        { "Principal": { "AWS": "arn:aws:iam::${account}:root" } },
#         ^^^^^^^^^^^ support.type.property-name.json
#                                               ^^^^^^^ meta.template.expression.hcl meta.embedded.line.hcl variable.other.hcl
#                                                       ^^^^^ string.quoted.double.json - meta.template.expression.hcl
        %{ endfor ~}
#          ^^^^^^ keyword.control.directive.hcl - invalid
        null
#       ^^^^ constant.language.json
      ]
    }
  EOF
# ^^^ meta.block.hcl meta.heredoc.hcl keyword.control.heredoc.hcl
}
# <- meta.block.hcl punctuation.section.block.end.hcl

assume_role_policy = <<POLICY
%{ if var.strict }{"Version": "2012-10-17"}%{ else }{}%{ endif }
# <-- meta.embedded.block.json.hcl meta.template.directive.hcl punctuation.section.directive.begin.hcl
#                  ^^^^^^^^^ meta.embedded.block.json.hcl support.type.property-name.json
POLICY
# <------ keyword.control.heredoc.hcl

broken_policy = <<EOF
{ "Version": "2012-10-17", "Statement": [ { "Effect":
EOF
# <--- meta.heredoc.hcl keyword.control.heredoc.hcl - meta.embedded.block.json.hcl
still_hcl = "unbalanced JSON ends at its marker"
# <--------- variable.other.property.hcl - meta.heredoc.hcl
#            ^^^^^^^^^^ string.quoted.double.hcl - meta.structure.dictionary.json

policy = <<END_OF-POLICY
%{ if var.public }
# <-- meta.embedded.block.json.hcl meta.template.directive.hcl punctuation.section.directive.begin.hcl
{"Statement": []}
#^^^^^^^^^^^ meta.embedded.block.json.hcl support.type.property-name.json
%{ endif }
END_OF-POLICY
# <------------- keyword.control.heredoc.hcl
bucket-policy = <<EOT
  ["not a first-line brace, still JSON by its name"]
# ^ meta.embedded.block.json.hcl punctuation.definition.array.begin.json
EOT
not_a_policy_doc = <<EOT
%{ if a }%{ for x in y }${x}%{ endfor }%{ endif }
#        ^^ string.unquoted.heredoc.hcl meta.template.directive.hcl punctuation.section.directive.begin.hcl
#                       ^^ string.unquoted.heredoc.hcl meta.template.expression.hcl punctuation.section.interpolation.begin.hcl
#                                         ^^^^^ keyword.control.directive.hcl
EOT
