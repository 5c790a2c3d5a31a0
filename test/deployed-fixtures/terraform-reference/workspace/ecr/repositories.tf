variable "team" {
  default = "payments"
}

resource "aws_ecr_repository" "app" {
  name = "${var.team}/app"
}
