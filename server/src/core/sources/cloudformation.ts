import { extractCloudFormation } from '../cloudformation/extract';
import { claimsCloudFormation, cloudFormationMayHold } from '../cloudformation/recognize';
import { jsoncComments, yamlComments } from '../suppressions/comments';
import { FileSource } from './types';

/**
 * Largest template read, in characters. CloudFormation takes templates of at most 1 MB (from S3; 51,200
 * bytes inline: AWS CloudFormation User Guide, "CloudFormation quotas"), and the yaml library reads about a
 * megabyte a second.
 */
export const CLOUDFORMATION_MAX_CHARS = 2_000_000;

/**
 * CloudFormation templates in YAML or JSON, SAM templates and CDK output (`cdk.out/*.template.json`): the
 * policies of ECR repositories, public repositories, registry policies and repository creation templates.
 * Other YAML and JSON files are not claimed (a substring look decides) and cost nothing more.
 */
export const cloudFormationSource: FileSource = {
  id: 'cloudformation',
  label: 'CloudFormation',
  grouping: 'file',
  extensions: ['.yaml', '.yml', '.template', '.json'],
  languageIds: ['yaml', 'json', 'jsonc', 'cloudformation'],
  claims: claimsCloudFormation,
  mayHold: cloudFormationMayHold,
  maxChars: CLOUDFORMATION_MAX_CHARS,
  // A JSON template is JSON (with comments, as the editor's jsonc allows); anything else is read as YAML.
  comments: (text) => isJsonTemplate(text) ? jsoncComments(text) : yamlComments(text),
  suppressionComment: (text) => isJsonTemplate(text) ? undefined : '#',
  extract: (text) => extractCloudFormation(text),
};

function isJsonTemplate(text: string): boolean {
  return /^\uFEFF?\s*\{/.test(text);
}
