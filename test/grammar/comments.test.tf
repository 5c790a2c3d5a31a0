# SYNTAX TEST "source.ecr-guard.terraform" "comments and the ecr-guard-ignore directive"
x = 1 # a hash comment
#     ^ comment.line.hcl punctuation.definition.comment.hcl
#       ^^^^^^^^^^^^^^ comment.line.hcl
#   ^ constant.numeric.hcl - comment
y = 2 // a slash comment
#     ^^ comment.line.hcl punctuation.definition.comment.hcl
#        ^^^^^^^ comment.line.hcl
/* a block
# <-- comment.block.hcl punctuation.definition.comment.hcl
   comment */ z = 3
#  ^^^^^^^ comment.block.hcl
#          ^^ comment.block.hcl punctuation.definition.comment.hcl
#             ^ variable.other.property.hcl - comment
#                 ^ constant.numeric.hcl
data "aws_iam_policy_document" "base" {
  # ecr-guard-ignore wildcard-principal,external-write until=2027-03-31 -- reviewed
# ^ comment.line.hcl punctuation.definition.comment.hcl
#   ^^^^^^^^^^^^^^^^ comment.line.hcl keyword.other.directive.ecr-guard-ignore.hcl
#                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.hcl entity.name.tag.rule.ecr-guard.hcl
#                                                      ^^^^^ comment.line.hcl variable.parameter.until.ecr-guard.hcl
#                                                            ^^^^^^^^^^ comment.line.hcl constant.numeric.date.ecr-guard.hcl
#                                                                       ^^ comment.line.hcl punctuation.separator.reason.ecr-guard.hcl
#                                                                          ^^^^^^^^ comment.line.hcl - entity.name.tag.rule.ecr-guard.hcl
  principal = "*" // ecr-guard-ignore wildcard-principal -- public base image
#                 ^^ comment.line.hcl punctuation.definition.comment.hcl
#                    ^^^^^^^^^^^^^^^^ keyword.other.directive.ecr-guard-ignore.hcl
#                                     ^^^^^^^^^^^^^^^^^^ entity.name.tag.rule.ecr-guard.hcl
#                                                           ^^^^^^^^^^^^^^^^^ comment.line.hcl - entity.name.tag.rule.ecr-guard.hcl
  /* ecr-guard-ignore untrusted-account -- vendor */
# ^^ comment.block.hcl punctuation.definition.comment.hcl
#    ^^^^^^^^^^^^^^^^ comment.block.hcl keyword.other.directive.ecr-guard-ignore.hcl
#                     ^^^^^^^^^^^^^^^^^ comment.block.hcl entity.name.tag.rule.ecr-guard.hcl
#                                                 ^^ comment.block.hcl punctuation.definition.comment.hcl
  # a comment that mentions ecr-guard-ignore later is not a directive
#                           ^^^^^^^^^^^^^^^^ comment.line.hcl - keyword.other.directive.ecr-guard-ignore.hcl
  # ecr-guard-ignore -- a reason and no rule: still the directive
#   ^^^^^^^^^^^^^^^^ keyword.other.directive.ecr-guard-ignore.hcl
#                    ^^ punctuation.separator.reason.ecr-guard.hcl
#                       ^^^^^^^^ comment.line.hcl - entity.name.tag.rule.ecr-guard.hcl
}
# <- punctuation.section.block.end.hcl - comment
