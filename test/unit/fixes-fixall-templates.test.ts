import * as assert from 'assert';
import { fixAll, fixAllAsync, preferredFix } from '../../server/src/core/fixes';
import { parseTrustList } from '../../server/src/core/trust';
import { Analyzer } from './fixes-support';
import { jsonTemplateAnalyzer, templateData, yamlAnalyzer } from './fixes-yaml-support';

/**
 * Fix-all on whole CloudFormation templates as the CloudFormation source reads them: every finding of
 * every ECR resource is fixed (each has a preferred fix that needs no answer), nothing outside the
 * policies changes, and every comment stays. Statements end with a comment on their last line, where the
 * Condition the fix adds starts the next line (was: fix-all skipped those fixes).
 */
const NOW = new Date('2026-06-01T12:00:00Z');
const ORG = 'o-a1b2c3d4e5';
const trust = parseTrustList(JSON.stringify({
  ownAccounts: ['111122223333'],
  organizationIds: [ORG],
  trustedAccounts: { '222233334444': { name: 'staging', access: 'pull' } },
}), 'trust.json').list;

const YAML = `# Two repositories and a bucket
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  RepoName:
    Type: String
    Default: app  # the default repository
Resources:
  Bucket:
    Type: AWS::S3::Bucket  # not ECR: left alone
    Properties:
      BucketName: !Sub '\${AWS::StackName}-logs'
  App:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryName: !Ref RepoName
      RepositoryPolicyText:
        Version: '2012-10-17'
        Statement:
          # anyone may pull (meant: anyone in the organisation)
          - Sid: Everyone
            Effect: Allow
            Principal: '*'
            Action: ecr:BatchGetImage  # pull only
          - Sid: Staging
            Effect: Allow
            Principal:
              AWS: arn:aws:iam::222233334444:root  # staging
            Action:
              - ecr:BatchGetImage
              - ecr:PutImage  # TODO: staging should not push
  Tools:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryName: tools
      RepositoryPolicyText:
        Statement:
          - {Sid: Outsiders, Effect: Allow, NotPrincipal: {AWS: '111122223333'}, Action: ecr:BatchGetImage}  # flow
          - Sid: Vendor
            Effect: Allow
            Principal: {AWS: arn:aws:iam::222233334444:root}
            NotAction: ecr:DeleteRepository
Outputs:
  AppArn:
    Value: !GetAtt App.Arn  # for the pipeline
`;

const JSON_TEMPLATE = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "App": {
      "Type": "AWS::ECR::Repository",
      "Properties": {
        "RepositoryName": "app",
        "RepositoryPolicyText": {
          "Version": "2012-10-17",
          "Statement": [
            { "Sid": "Everyone", "Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage" },
            {
              "Sid": "Staging",
              "Effect": "Allow",
              "Principal": { "AWS": "arn:aws:iam::222233334444:root" },
              "Action": ["ecr:BatchGetImage", "ecr:PutImage"]
            }
          ]
        }
      }
    },
    "Tools": {
      "Type": "AWS::ECR::Repository",
      "Properties": {
        "RepositoryPolicyText": {
          "Statement": [
            { "Effect": "Allow", "NotPrincipal": { "AWS": "111122223333" }, "Action": "ecr:BatchGetImage" }
          ]
        }
      }
    }
  }
}
`;

function comments(text: string): string[] {
  return text.split('\n').flatMap((line) => /(?:^|\s)(#.*)$/.exec(line)?.[1] ?? []);
}

/** The template as data with each repository's policy left out. */
function outsidePolicies(data: unknown): string {
  const copy = JSON.parse(JSON.stringify(data)) as { Resources: Record<string, { Properties?: Record<string, unknown> }> };
  for (const resource of Object.values(copy.Resources)) delete resource.Properties?.RepositoryPolicyText;
  return JSON.stringify(copy);
}

function checkFixedAll(analyzer: Analyzer, text: string, result: string, minimum: number): void {
  const before = analyzer.analyze(text);
  assert.ok(before.findings.length >= minimum, `${before.findings.length} findings`);
  assert.ok(before.findings.every((finding) => preferredFix(finding, before.source)?.edits), 'a finding without a preferred fix that edits');
  assert.deepStrictEqual(analyzer.analyze(result).findings.map((finding) => finding.rule), [], result);
}

describe('fix-all on CloudFormation templates', () => {
  const yaml = yamlAnalyzer({ trust, now: NOW });
  const json = jsonTemplateAnalyzer({ trust, now: NOW });

  it('a YAML template of several resources: every finding fixed, the rest and every comment kept', async () => {
    const result = fixAll(YAML, (next) => yaml.analyze(next));
    checkFixedAll(yaml, YAML, result, 4);
    assert.deepStrictEqual(comments(result), comments(YAML));
    assert.strictEqual(outsidePolicies(templateData(result)), outsidePolicies(templateData(YAML)));
    const data = templateData(result) as { Resources: Record<string, { Properties: { RepositoryPolicyText: { Statement: unknown[] } } }> };
    const binding = { StringEquals: { 'aws:PrincipalOrgID': ORG } };
    assert.deepStrictEqual(data.Resources.App.Properties.RepositoryPolicyText.Statement, [
      { Sid: 'Everyone', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: binding },
      { Sid: 'Staging', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222233334444:root' }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'] },
    ]);
    assert.deepStrictEqual(data.Resources.Tools.Properties.RepositoryPolicyText.Statement[0], { Sid: 'Outsiders', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: binding });
    assert.ok(result.includes(`            Action: ecr:BatchGetImage  # pull only\n            Condition:\n              StringEquals:\n                aws:PrincipalOrgID: ${ORG}\n          - Sid: Staging\n`), result);
    const paused = await fixAllAsync(YAML, (next) => yaml.analyze(next), async () => true, 0);
    assert.strictEqual(paused, result);
  });

  it('a JSON template: every finding fixed, in its layout', async () => {
    const result = fixAll(JSON_TEMPLATE, (next) => json.analyze(next));
    checkFixedAll(json, JSON_TEMPLATE, result, 3);
    const data = JSON.parse(result) as { Resources: Record<string, { Properties: { RepositoryPolicyText: { Statement: unknown[] } } }> };
    assert.strictEqual(outsidePolicies(data), outsidePolicies(JSON.parse(JSON_TEMPLATE)));
    assert.deepStrictEqual(data.Resources.Tools.Properties.RepositoryPolicyText.Statement, [
      { Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } },
    ]);
    assert.ok(result.includes(`"Principal": "*", "Action": "ecr:BatchGetImage", "Condition": { "StringEquals": { "aws:PrincipalOrgID": "${ORG}" } } },\n`), result);
    assert.strictEqual(await fixAllAsync(JSON_TEMPLATE, (next) => json.analyze(next), async () => true, 0), result);
  });
});
