import { includesAny } from '../sources/cheapLook';

// `Type: AWS::S3::Bucket`, `"Type": "AWS::ECR::Repository"`, `Type: 'AWS::...'`: a resource of AWS's own.
const AWS_TYPED = /\bType["']?[ \t]*:[ \t]*["']?AWS::/;
// SAM's transform names the format even before any resource is written.
const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/**
 * Whether a text is a CloudFormation template: it says `AWSTemplateFormatVersion` (optional in templates,
 * absent from CDK output), declares SAM's transform, or has `Resources` and a resource whose type is one
 * of AWS's. Kubernetes manifests (`resources:`), workflows, compose files, JSON policies (`Resource`) and
 * Terraform JSON (`resource`, `aws_*` types) have neither. Substring searches, no parse.
 */
export function claimsCloudFormation(text: string): boolean {
  if (text.includes('AWSTemplateFormatVersion') || text.includes(SAM_TRANSFORM)) return true;
  return text.includes('Resources') && AWS_TYPED.test(text);
}

// JSON and YAML double-quoted strings may spell any character as a \u escape: such text is always parsed.
const ECR_TYPES = ['AWS::ECR::', '\\u'];

/** Whether a template can hold an ECR policy: it names an ECR resource type. */
export function cloudFormationMayHold(text: string): boolean {
  return includesAny(text, ECR_TYPES);
}
