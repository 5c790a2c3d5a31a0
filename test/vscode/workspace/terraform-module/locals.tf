locals {
  consumers = ["arn:aws:iam::444455556666:root"]
}
