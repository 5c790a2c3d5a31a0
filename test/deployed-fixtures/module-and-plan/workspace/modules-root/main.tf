module "ecr" {
  source  = "terraform-aws-modules/ecr/aws"
  version = "~> 3.0"

  repository_name             = "mod-app"
  repository_read_access_arns = ["arn:aws:iam::222233334444:root"]
}
