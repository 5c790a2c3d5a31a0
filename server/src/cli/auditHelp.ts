import { TRUST_FILE_NAME } from './trust';

export const AUDIT_USAGE_LINE = 'Usage: ecr-guard audit --regions REGION[,REGION...]|all [OPTION]...';

export const AUDIT_HELP = `${AUDIT_USAGE_LINE}

Reads the ECR registries of an AWS account (read-only calls) and checks what is deployed: every
repository policy, the registry policy, replication rules and repository creation templates, with the
same rules, trust list and suppressions as files. Compares each deployed policy with its definition in
the workspace's Terraform or CloudFormation (policy-drift, unmanaged-policy). Findings name the resource
by ARN. Network requests go only to the ECR and Account APIs, only when this command runs.

Options:
  --regions LIST|all           the regions to read, comma-separated, or all regions enabled for the
                               account (Account API ListRegions)
  --profile NAME               a profile of ~/.aws/config and ~/.aws/credentials (default: the SDK's
                               credential chain: environment, shared files, SSO, roles)
  --trust FILE                 the trust list (default: the nearest ${TRUST_FILE_NAME} in the workspace
                               folder or above); the audited account is your own only if it says so
  --workspace DIR              the IaC to compare deployed policies with (default .)
  --no-drift                   do not read the workspace or report drift
  --format FORMAT              text (default), json, sarif (the ARN as the artifact location), markdown or
                               csv (every cross-account grant, for an access review)
  --output FILE                write the report to FILE and print only the summary line
  --fail-on LEVEL              error (default), warning, information or never
  --concurrency N              calls in flight at once, across all regions (default 16, at most 64)
  -h, --help                   print this help

Endpoint and credentials are the AWS SDK's standard settings: AWS_PROFILE, AWS_ACCESS_KEY_ID...,
AWS_ENDPOINT_URL_ECR, AWS_ENDPOINT_URL or a profile's endpoint_url (for VPC endpoints and LocalStack).
Credentials and request signatures are never printed. Throttled calls are retried with back-off; a call
that still fails (access denied) is reported and the audit goes on.

Examples:
  ecr-guard audit --regions us-east-1,eu-west-1
  ecr-guard audit --regions all --profile security-audit --format sarif --output ecr-audit.sarif
  ecr-guard audit --regions eu-west-1 --workspace infra --format markdown --output access-review.md

Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage errors, no credentials, a trust list with errors, or a call that failed (the findings of what
     could be read are still reported)`;
