# SYNTAX TEST "source.ecr-guard.terraform" "blocks, labels and attributes"
resource "aws_ecr_repository" "app" {
# <-------- entity.name.type.block.hcl
#        ^ string.quoted.double.hcl punctuation.definition.string.begin.hcl
#         ^^^^^^^^^^^^^^^^^^ string.quoted.double.hcl entity.name.label.hcl
#                              ^^^ string.quoted.double.hcl entity.name.label.hcl
#                                   ^ punctuation.section.block.begin.hcl
  name                 = "app"
# ^^^^ meta.block.hcl variable.other.property.hcl
#                      ^ meta.block.hcl keyword.operator.assignment.hcl
#                        ^^^^^ meta.block.hcl string.quoted.double.hcl
  image_tag_mutability = "IMMUTABLE"
# ^^^^^^^^^^^^^^^^^^^^ variable.other.property.hcl

  image_scanning_configuration {
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.block.hcl meta.block.hcl entity.name.type.block.hcl
    scan_on_push = true
#   ^^^^^^^^^^^^ meta.block.hcl meta.block.hcl variable.other.property.hcl
  }
# ^ meta.block.hcl meta.block.hcl punctuation.section.block.end.hcl
}
# <- meta.block.hcl punctuation.section.block.end.hcl

locals {
# <------ entity.name.type.block.hcl
  name-with-dashes = 1
# ^^^^^^^^^^^^^^^^ variable.other.property.hcl
}

provider aws { region = "eu-west-1" }
# <-------- entity.name.type.block.hcl
#        ^^^ entity.name.label.hcl
#              ^^^^^^ meta.block.hcl variable.other.property.hcl
#                                   ^ meta.block.hcl punctuation.section.block.end.hcl

dynamic "ingress" {
# <------- entity.name.type.block.hcl
#        ^^^^^^^ entity.name.label.hcl
  for_each = var.rules
# ^^^^^^^^ variable.other.property.hcl
  content {
# ^^^^^^^ meta.block.hcl meta.block.hcl entity.name.type.block.hcl
    port = ingress.value
#          ^^^^^^^ meta.block.hcl meta.block.hcl variable.other.hcl
#                  ^^^^^ variable.other.member.hcl
  }
}

after = "back in the body once a block closes"
# <----- variable.other.property.hcl - meta.block.hcl
