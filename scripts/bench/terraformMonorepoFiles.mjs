// The ordinary files of every folder of the generated Terraform monorepo: versions.tf, variables.tf,
// outputs.tf, locals.tf, terraform.tfvars, .auto.tfvars, README.md, and for root modules the backend, the
// provider, the lock file and a main.tf of calls to the child modules.
import { OWN } from './common.mjs';

const pick = (r, items) => items[Math.floor(r() * items.length)];

export function versionsTf(r) {
  return `terraform {
  required_version = ">= 1.${pick(r, [5, 6, 7, 9])}.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.${pick(r, [40, 60, 80])}"
    }
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.4"
    }
  }
}
`;
}

export function backendTf(env, stack) {
  return `terraform {
  backend "s3" {
    bucket         = "acme-terraform-state-${OWN}"
    key            = "${env}/${stack}/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "terraform-locks"
    encrypt        = true
  }
}
`;
}

export function providersTf() {
  return `provider "aws" {
  region = var.region

  assume_role {
    role_arn     = "arn:aws:iam::\${var.account_id}:role/terraform-deployer"
    session_name = "terraform"
  }

  default_tags {
    tags = local.tags
  }
}
`;
}

export function lockFile(r) {
  const hash = () => Array.from({ length: 44 }, () => pick(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split(''))).join('');
  const provider = (name, version) => `provider "registry.terraform.io/hashicorp/${name}" {
  version     = "${version}"
  constraints = "~> ${version.split('.').slice(0, 2).join('.')}"
  hashes = [
${Array.from({ length: 12 }, () => `    "h1:${hash()}=",`).join('\n')}
  ]
}
`;
  return `# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

${provider('aws', `5.${pick(r, [40, 60, 80])}.0`)}
${provider('archive', '2.4.2')}`;
}

const VARIABLES = [
  ['region', 'string', '"eu-west-1"', 'The AWS region.'],
  ['environment', 'string', undefined, 'dev, staging, prod or sandbox.'],
  ['name_prefix', 'string', undefined, 'Prefix of every resource name.'],
  ['tags', 'map(string)', '{}', 'Tags added to every resource.'],
  ['vpc_id', 'string', '""', 'The VPC of the workload.'],
  ['vpc_cidr', 'string', '"10.0.0.0/16"', 'The VPC address range.'],
  ['availability_zones', 'list(string)', '["eu-west-1a", "eu-west-1b", "eu-west-1c"]', 'Zones the subnets span.'],
  ['private_subnet_ids', 'list(string)', '[]', 'Subnets of the workload.'],
  ['security_group_ids', 'list(string)', '[]', 'Extra security groups.'],
  ['kms_key_arn', 'string', 'null', 'The key for encryption at rest.'],
  ['lambda_role_arn', 'string', '""', 'The execution role of the functions.'],
  ['alarm_topic_arn', 'string', '""', 'Where alarms are sent.'],
  ['table_name', 'string', '""', 'The table the service reads.'],
  ['zone_id', 'string', '""', 'The hosted zone of the service records.'],
  ['domain', 'string', '"internal.example.com"', 'The domain of the service records.'],
];

export function variablesTf(r, extra = '') {
  const count = 5 + Math.floor(r() * (VARIABLES.length - 4));
  return VARIABLES.slice(0, count).map(([name, type, fallback, description]) => `variable "${name}" {
  description = "${description}"
  type        = ${type}${fallback === undefined ? '' : `\n  default     = ${fallback}`}${name === 'environment' ? `

  validation {
    condition     = contains(["dev", "staging", "prod", "sandbox"], var.environment)
    error_message = "environment must be dev, staging, prod or sandbox."
  }` : ''}
}
`).join('\n') + extra;
}

export function outputsTf(name, extra = '') {
  return `output "name_prefix" {
  description = "The prefix of the ${name} resources."
  value       = local.name_prefix
}

output "tags" {
  value = local.tags
}
${extra}`;
}

export function localsTf(name, r) {
  return `locals {
  name_prefix = "\${var.environment}-${name}"

  tags = merge(var.tags, {
    Component   = "${name}"
    Environment = var.environment
    ManagedBy   = "terraform"
    CostCenter  = "${pick(r, ['platform', 'data', 'payments', 'growth', 'security'])}"
  })

  subnet_cidrs = [for index in range(${2 + Math.floor(r() * 4)}) : cidrsubnet("10.0.0.0/16", 8, index)]
}
`;
}

export function tfvars(env, r, extra = '') {
  return `environment = "${env}"
region      = "${pick(r, ['eu-west-1', 'eu-central-1', 'us-east-1'])}"
vpc_cidr    = "10.${Math.floor(r() * 250)}.0.0/16"

tags = {
  Owner = "${pick(r, ['team-platform', 'team-data', 'team-payments', 'team-web'])}"
}
${extra}`;
}

export function autoTfvars(kind, r) {
  return kind === 'sizing'
    ? `instance_count = ${1 + Math.floor(r() * 6)}\nmemory_size    = ${pick(r, [256, 512, 1024, 2048])}\nmin_capacity   = 1\nmax_capacity   = ${2 + Math.floor(r() * 10)}\n`
    : `extra_tags = {\n  DataClassification = "${pick(r, ['internal', 'confidential', 'public'])}"\n  Backup             = "${pick(r, ['daily', 'weekly', 'none'])}"\n}\n`;
}

export function readme(name, kind) {
  return `# ${name}

The ${kind} module. Inputs are in \`variables.tf\`, outputs in \`outputs.tf\`.

\`\`\`hcl
module "${name.replace(/[^a-z0-9]/g, '_')}" {
  source      = "../../modules/${name}"
  environment = "dev"
}
\`\`\`
`;
}

/** A root module's main.tf: the network module, then calls to some of the other child modules. */
export function rootMainTf(network, modules, depth, r) {
  const call = (label, name, inputs) => `module "${label}" {
  source = "${'../'.repeat(depth)}modules/${name}"

${inputs}
}
`;
  const picked = [...new Set(Array.from({ length: 2 + Math.floor(r() * 5) }, () => pick(r, modules)))];
  // Aligned as terraform fmt aligns them, to the longest name of the call.
  const common = (width) => [['environment', 'var.environment'], ['name_prefix', 'local.name_prefix'], ['tags', 'local.tags']]
    .map(([name, value]) => `  ${name.padEnd(width)} = ${value}`).join('\n');
  const placed = `${common(18)}\n  vpc_id             = module.network.vpc_id\n  private_subnet_ids = module.network.private_subnet_ids`;
  return [call('network', network, `${common(11)}\n  vpc_cidr    = var.vpc_cidr`), ...picked.map((name) => call(name.replace(/[^a-z0-9]/g, '_'), name, placed))].join('\n');
}
