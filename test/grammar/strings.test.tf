# SYNTAX TEST "source.ecr-guard.terraform" "quoted strings, escapes, interpolation and template directives"
arn = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"
#      ^^^^ string.quoted.double.hcl
#                   ^^ string.quoted.double.hcl meta.template.expression.hcl punctuation.section.interpolation.begin.hcl
#                     ^^^^ meta.template.expression.hcl meta.embedded.line.hcl variable.language.hcl
#                                                      ^^^^^^^^^^ meta.template.expression.hcl variable.other.member.hcl
#                                                                ^ string.quoted.double.hcl meta.template.expression.hcl punctuation.section.interpolation.end.hcl
#                                                                 ^^^^^ string.quoted.double.hcl - meta.template.expression.hcl
escapes = "a \"quoted\" \\ \n \u00e9 \U0001F600 $${literal} %%{literal}"
#            ^^ constant.character.escape.hcl
#                       ^^ constant.character.escape.hcl
#                          ^^ constant.character.escape.hcl
#                             ^^^^^^ constant.character.escape.hcl
#                                    ^^^^^^^^^^ constant.character.escape.hcl
#                                               ^^^ constant.character.escape.template.hcl
#                                                  ^^^^^^^^ string.quoted.double.hcl - meta.template.expression.hcl
#                                                           ^^^ constant.character.escape.template.hcl
nested = "${join(",", [for a in var.accounts : "arn:aws:iam::${a}:root"])}"
#           ^^^^ meta.template.expression.hcl meta.function-call.hcl support.function.hcl
#                ^^^ meta.function-call.hcl string.quoted.double.hcl
#                      ^^^ keyword.control.for.hcl
#                            ^^ keyword.control.for.hcl
#                               ^^^ variable.language.hcl
#                                            ^ keyword.operator.conditional.hcl
#                                                            ^^ meta.template.expression.hcl string.quoted.double.hcl meta.template.expression.hcl punctuation.section.interpolation.begin.hcl
#                                                              ^ meta.template.expression.hcl string.quoted.double.hcl meta.template.expression.hcl meta.embedded.line.hcl variable.other.hcl
#                                                                ^^^^^ meta.template.expression.hcl string.quoted.double.hcl
#                                                                        ^ string.quoted.double.hcl meta.template.expression.hcl punctuation.section.interpolation.end.hcl
after = 1
# <----- variable.other.property.hcl - string
directives = "%{ if var.public ~}public%{ else }private%{~ endif }"
#             ^^ string.quoted.double.hcl meta.template.directive.hcl punctuation.section.directive.begin.hcl
#                ^^ meta.template.directive.hcl keyword.control.directive.hcl
#                   ^^^ meta.template.directive.hcl meta.embedded.line.hcl variable.language.hcl
#                              ^ meta.template.directive.hcl keyword.operator.template.strip.hcl
#                                ^^^^^^ string.quoted.double.hcl - meta.template.directive.hcl
#                                         ^^^^ keyword.control.directive.hcl
#                                                        ^^^^^^^ meta.template.directive.hcl
#                                                          ^^^^^ keyword.control.directive.hcl
loop = "%{ for k, v in var.tags }${k}=${v};%{ endfor }"
#          ^^^ keyword.control.directive.hcl
#                   ^^ keyword.control.directive.hcl
#                          ^^^^ variable.other.member.hcl
#                                  ^ meta.template.expression.hcl variable.other.hcl
#                                             ^^^^^^ keyword.control.directive.hcl
object_in_interpolation = "${jsonencode({ a = "}" })} still a string"
#                            ^^^^^^^^^^ support.function.hcl
#                                         ^ meta.braces.hcl variable.other.property.key.hcl
#                                             ^^^ meta.braces.hcl string.quoted.double.hcl
#                                                     ^^^^^^^^^^^^^^ string.quoted.double.hcl - meta.template.expression.hcl
unterminated = "a quote missing at the line's end
#               ^^^^^^^ string.quoted.double.hcl
recovered = "the next line is HCL again"
# <--------- variable.other.property.hcl - string
