# SYNTAX TEST "source.ecr-guard.terraform" "numbers, constants, operators, function calls, for expressions, references"
n = [1, 2.5, 6.02e23, 1E-3]
#    ^ constant.numeric.hcl
#       ^^^ constant.numeric.hcl
#            ^^^^^^^ constant.numeric.hcl
#                     ^^^^ constant.numeric.hcl
#     ^ punctuation.separator.hcl
#   ^ punctuation.section.brackets.begin.hcl
b = [true, false, null, true-ish]
#    ^^^^ constant.language.boolean.hcl
#          ^^^^^ constant.language.boolean.hcl
#                 ^^^^ constant.language.null.hcl
#                       ^^^^^^^^ variable.other.hcl
ops = !a && b || c == d && e != f && g <= 1 && h >= 2 && i < 3 && j > 4 ? k + l - m * n / o % p : q
#     ^ keyword.operator.logical.hcl
#        ^^ keyword.operator.logical.hcl
#             ^^ keyword.operator.logical.hcl
#                  ^^ keyword.operator.comparison.hcl
#                            ^^ keyword.operator.comparison.hcl
#                                      ^^ keyword.operator.comparison.hcl
#                                                ^^ keyword.operator.comparison.hcl
#                                                          ^ keyword.operator.comparison.hcl
#                                                                       ^ keyword.operator.conditional.hcl
#                                                                           ^ keyword.operator.arithmetic.hcl
#                                                                               ^ keyword.operator.arithmetic.hcl
#                                                                                           ^ keyword.operator.arithmetic.hcl
#                                                                                               ^ keyword.operator.conditional.hcl
calls = merge(local.base, { extra = lookup(var.m, "k", null) }, provider::aws::arn_parse(var.arn))
#       ^^^^^ meta.function-call.hcl support.function.hcl
#            ^ punctuation.section.arguments.begin.hcl
#             ^^^^^ variable.language.hcl
#                  ^ punctuation.accessor.hcl
#                   ^^^^ variable.other.member.hcl
#                           ^^^^^ meta.braces.hcl variable.other.property.key.hcl
#                                   ^^^^^^ meta.function-call.hcl meta.braces.hcl meta.function-call.hcl support.function.hcl
#                                                               ^^^^^^^^^^^^^^^^^^^^^^^^ support.function.hcl
#                                                          ^ punctuation.section.arguments.end.hcl
list = [for s in var.statements : upper(s.sid) if s.enabled]
#       ^^^ keyword.control.for.hcl
#             ^^ keyword.control.for.hcl
#                ^^^ variable.language.hcl
#                    ^^^^^^^^^^ variable.other.member.hcl
#                                 ^^^^^ support.function.hcl
#                                              ^^ keyword.control.for.hcl
map = {for k, v in var.m : k => v...}
#      ^^^ meta.braces.hcl keyword.control.for.hcl
#                            ^^ keyword.operator.arrow.hcl
#                                ^^^ keyword.operator.ellipsis.hcl
refs = [data.aws_iam_policy_document.pull.json, module.ecr.arn, each.value, count.index, path.module, self.id, aws_ecr_repository.app[0].name]
#       ^^^^ variable.language.hcl
#            ^^^^^^^^^^^^^^^^^^^^^^^ variable.other.member.hcl
#                                         ^^^^ variable.other.member.hcl
#                                               ^^^^^^ variable.language.hcl
#                                                               ^^^^ variable.language.hcl
#                                                                           ^^^^^ variable.language.hcl
#                                                                                        ^^^^ variable.language.hcl
#                                                                                                     ^^^^ variable.language.hcl
#                                                                                                              ^^^^^^^^^^^^^^^^^^ variable.other.hcl
#                                                                                                                                        ^^^^ variable.other.member.hcl
splat = aws_instance.web[*].id
#                       ^^^ keyword.operator.splat.hcl
#                           ^^ variable.other.member.hcl
legacy_splat = aws_instance.web.*.id
#                               ^ variable.other.member.hcl
tuple_of_objects = [
  {
    Sid    = "Pull"
#   ^^^ meta.braces.hcl variable.other.property.key.hcl
#          ^ keyword.operator.assignment.hcl
    Action = ["ecr:BatchGetImage"]
#   ^^^^^^ meta.braces.hcl variable.other.property.key.hcl
  },
]
for_each = toset(var.names)
# <-------- variable.other.property.hcl - keyword
