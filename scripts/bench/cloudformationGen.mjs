// A generated CloudFormation template for the benchmark: ECR repositories with their policies as teams write
// them (cross-account pulls, organisation-bound wildcards, the stack's own account through !Sub, a partner
// account from a parameter Default, Fn::If per stage, CI pushes) plus a few that ECR Guard reports, between
// other resources (log groups) that cost nothing to skip.
import { account, ORG, TRUSTED_PULL, TRUSTED_PUSH } from './common.mjs';

function principal(i) {
  switch (i % 8) {
    case 0: return `AWS: arn:aws:iam::${TRUSTED_PULL}:root`;
    case 1: return `AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root'`;
    case 2: return "'*'";
    case 3: return `AWS: arn:aws:iam::${TRUSTED_PUSH}:role/ci-builder`;
    case 4: return 'AWS: !Ref PartnerAccount';
    case 5: return `AWS: !If [IsProd, '${TRUSTED_PULL}', '${account(i)}']`;
    case 6: return `AWS: '${account(i)}'`;
    default: return `AWS: [!Ref AWS::AccountId, '${TRUSTED_PULL}']`;
  }
}

function actions(i) {
  switch (i % 8) {
    case 3: return '[ecr:BatchGetImage, ecr:PutImage, ecr:InitiateLayerUpload]';
    case 6: return 'ecr:*';
    default: return '[ecr:BatchGetImage, ecr:GetDownloadUrlForLayer]';
  }
}

/** The Sid the edits toggle ends in "A"; each Sid is unique. */
export function sidOf(i) {
  return `Pull${String(i).padStart(5, '0')}A`;
}

function repository(i) {
  const condition = i % 8 === 2 ? `\n            Condition:\n              StringEquals: { 'aws:PrincipalOrgID': ${ORG} }` : '';
  return `  Repo${i}:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText:
        Statement:
          - Sid: ${sidOf(i)}
            Effect: Allow
            Principal:
              ${principal(i)}
            Action: ${actions(i)}${condition}
`;
}

/** A template of `repositories` repository policies, with a log group after every twentieth. */
export function generateTemplate(repositories) {
  let text = `AWSTemplateFormatVersion: '2010-09-09'
Description: Generated for the ECR Guard benchmark.
Parameters:
  PartnerAccount:
    Type: String
    Default: '${account(7)}'
  Stage:
    Type: String
    AllowedValues: [prod, test]
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
`;
  for (let i = 0; i < repositories; i++) {
    text += repository(i);
    if (i % 20 === 19) text += `  Logs${i}:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 7\n`;
  }
  return text;
}
