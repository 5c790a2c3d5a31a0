import { extractCloudFormation } from '../cloudformation/extract';
import { claimsCloudFormation, cloudFormationMayHold } from '../cloudformation/recognize';
import { FileSource } from './types';

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
  extract: (text) => extractCloudFormation(text),
};
