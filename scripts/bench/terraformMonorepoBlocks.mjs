// The non-ECR resources of the generated Terraform monorepo (the 95%): VPCs and subnets, security groups,
// IAM roles and S3 buckets with their documents (terraformMonorepoIdentity.mjs), Lambda functions, queues,
// topics, tables, alarms, DNS records and parameters.
import { bucket, iamRole } from './terraformMonorepoIdentity.mjs';

const pick = (r, items) => items[Math.floor(r() * items.length)];

const vpc = (n) => `resource "aws_vpc" "main_${n}" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = merge(local.tags, { Name = "\${local.name_prefix}-vpc-${n}" })
}

resource "aws_subnet" "private_${n}" {
  for_each = { for index, az in var.availability_zones : az => index }

  vpc_id            = aws_vpc.main_${n}.id
  availability_zone = each.key
  cidr_block        = cidrsubnet(var.vpc_cidr, 4, each.value)

  tags = merge(local.tags, { Name = "\${local.name_prefix}-private-\${each.key}", Tier = "private" })
}

resource "aws_route_table" "private_${n}" {
  vpc_id = aws_vpc.main_${n}.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.main_${n}.id
  }

  tags = local.tags
}

resource "aws_nat_gateway" "main_${n}" {
  allocation_id = aws_eip.nat_${n}.id
  subnet_id     = values(aws_subnet.private_${n})[0].id
  tags          = local.tags
}

resource "aws_eip" "nat_${n}" {
  domain = "vpc"
}
`;

const securityGroup = (n, r) => `resource "aws_security_group" "app_${n}" {
  name_prefix = "\${local.name_prefix}-app-${n}-"
  description = "Application traffic ${n}"
  vpc_id      = var.vpc_id

  ingress {
    description     = "HTTPS from the load balancer"
    from_port       = ${pick(r, [443, 8080, 8443, 3000])}
    to_port         = ${pick(r, [443, 8080, 8443, 3000])}
    protocol        = "tcp"
    security_groups = [var.alb_security_group_id]
  }

  egress {
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  lifecycle {
    create_before_destroy = true
  }
}
`;

const lambda = (n, r) => `data "archive_file" "handler_${n}" {
  type        = "zip"
  source_dir  = "\${path.module}/src"
  output_path = "\${path.module}/build/handler-${n}.zip"
}

resource "aws_lambda_function" "handler_${n}" {
  function_name    = "\${local.name_prefix}-handler-${n}"
  role             = var.lambda_role_arn
  runtime          = "${pick(r, ['python3.12', 'nodejs20.x', 'java21', 'provided.al2023'])}"
  handler          = "index.handler"
  filename         = data.archive_file.handler_${n}.output_path
  source_code_hash = data.archive_file.handler_${n}.output_base64sha256
  memory_size      = ${pick(r, [128, 256, 512, 1024])}
  timeout          = ${pick(r, [3, 10, 30, 60, 300])}

  environment {
    variables = {
      STAGE      = var.environment
      LOG_LEVEL  = "info"
      TABLE_NAME = var.table_name
    }
  }

  vpc_config {
    subnet_ids         = var.private_subnet_ids
    security_group_ids = var.security_group_ids
  }

  tracing_config {
    mode = "Active"
  }

  tags = local.tags
}

resource "aws_lambda_permission" "handler_${n}" {
  statement_id  = "AllowEventBridge"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.handler_${n}.function_name
  principal     = "events.amazonaws.com"
  source_arn    = var.event_rule_arn
}
`;

const queue = (n, r) => `resource "aws_sqs_queue" "jobs_${n}" {
  name                       = "\${local.name_prefix}-jobs-${n}"
  visibility_timeout_seconds = ${pick(r, [30, 60, 300, 900])}
  message_retention_seconds  = 1209600
  kms_master_key_id          = var.kms_key_arn

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.jobs_${n}_dlq.arn
    maxReceiveCount     = 5
  })
}

resource "aws_sqs_queue" "jobs_${n}_dlq" {
  name                      = "\${local.name_prefix}-jobs-${n}-dlq"
  message_retention_seconds = 1209600
}

resource "aws_sns_topic" "events_${n}" {
  name              = "\${local.name_prefix}-events-${n}"
  kms_master_key_id = var.kms_key_arn
}

resource "aws_sns_topic_subscription" "events_${n}" {
  topic_arn = aws_sns_topic.events_${n}.arn
  protocol  = "sqs"
  endpoint  = aws_sqs_queue.jobs_${n}.arn
}
`;

const table = (n, r) => `resource "aws_dynamodb_table" "items_${n}" {
  name         = "\${local.name_prefix}-items-${n}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  range_key    = "sk"

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  point_in_time_recovery {
    enabled = ${r() < 0.7}
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.kms_key_arn
  }

  tags = local.tags
}
`;

const alarm = (n, r) => `resource "aws_cloudwatch_metric_alarm" "errors_${n}" {
  alarm_name          = "\${local.name_prefix}-errors-${n}"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = ${pick(r, [1, 2, 3, 5])}
  metric_name         = "${pick(r, ['Errors', 'Throttles', '5XXError', 'ApproximateAgeOfOldestMessage'])}"
  namespace           = "${pick(r, ['AWS/Lambda', 'AWS/ApiGateway', 'AWS/SQS'])}"
  period              = 300
  statistic           = "Sum"
  threshold           = ${pick(r, [1, 5, 10, 100])}
  alarm_actions       = [var.alarm_topic_arn]
  treat_missing_data  = "notBreaching"
}

resource "aws_ssm_parameter" "setting_${n}" {
  name  = "/\${local.name_prefix}/setting-${n}"
  type  = "String"
  value = "${Math.floor(r() * 1e6)}"
}

resource "aws_route53_record" "service_${n}" {
  zone_id = var.zone_id
  name    = "svc-${n}.\${var.domain}"
  type    = "CNAME"
  ttl     = 300
  records = [var.alb_dns_name]
}
`;

/** Resource builders by the file they usually live in; each call gives a block group numbered `n`. */
export const BLOCKS = {
  'network.tf': vpc, 'security_groups.tf': securityGroup, 'iam.tf': iamRole, 's3.tf': bucket, 'lambda.tf': lambda,
  'messaging.tf': queue, 'dynamodb.tf': table, 'monitoring.tf': alarm,
};
