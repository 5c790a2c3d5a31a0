/** Documents the protocol tests open, written as an editor buffer would hold them (2-space JSON). */

export const OWN_ACCOUNT = '111122223333';
export const STAGING_ACCOUNT = '222233334444';
export const VENDOR_ACCOUNT = '444455556666';
export const ORG_ID = 'o-a1b2c3d4e5';

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function trustList(extra: { trustedAccounts?: Record<string, { name?: string; access: string; expires?: string }>; ownAccounts?: string[] } = {}): string {
  return json({
    ownAccounts: extra.ownAccounts ?? [OWN_ACCOUNT],
    organizationIds: [ORG_ID],
    trustedAccounts: extra.trustedAccounts ?? { [STAGING_ACCOUNT]: { name: 'staging', access: 'pull' } },
  });
}

/** One public statement: wildcard-principal on `"*"`. */
export const PUBLIC_POLICY = json({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'PullForEveryone',
      Effect: 'Allow',
      Principal: '*',
      Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
    },
  ],
});

/** A trusted pull account, a vendor nobody approved, and a wildcard push grant to the trusted account. */
export const MIXED_POLICY = json({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'StagingPulls',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${STAGING_ACCOUNT}:root` },
      Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:Put*'],
    },
    {
      Sid: 'VendorScanner',
      Effect: 'Allow',
      Principal: { AWS: [`arn:aws:iam::${OWN_ACCOUNT}:root`, `arn:aws:iam::${VENDOR_ACCOUNT}:role/scanner`] },
      Action: ['ecr:BatchGetImage', 'ecr:DescribeImages'],
    },
  ],
});

/** Only the vendor account: untrusted-account until the trust list names it. */
export const VENDOR_POLICY = json({
  Version: '2012-10-17',
  Statement: {
    Sid: 'VendorScanner',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${VENDOR_ACCOUNT}:role/scanner` },
    Action: ['ecr:BatchGetImage', 'ecr:DescribeImages'],
  },
});

export const S3_POLICY = json({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-bucket/*' },
  ],
});

export const PACKAGE_JSON = json({
  name: 'some-app',
  version: '1.0.0',
  scripts: { build: 'tsc' },
  dependencies: { express: '^4.0.0' },
});

/** A module whose policy draws its principals from a local in another file: reading the module's siblings matters. */
export const MODULE_POLICIES_TF = `data "aws_iam_policy_document" "pull" {
  statement {
    sid = "Consumers"
    principals {
      type        = "AWS"
      identifiers = local.consumers
    }
    actions = ["ecr:BatchGetImage"]
  }
}

resource "aws_ecr_repository_policy" "app" {
  repository = "app"
  policy     = data.aws_iam_policy_document.pull.json
}
`;

export const MODULE_LOCALS_TF = `locals {\n  consumers = ["arn:aws:iam::${VENDOR_ACCOUNT}:root"]\n}\n`;

/** A CloudFormation template with the four grants the CloudFormation source must report (issue 10's "Done when"). */
export const CFN_TEMPLATE_YAML = `AWSTemplateFormatVersion: '2010-09-09'
Description: Repositories shared across accounts
Parameters:
  PartnerAccount:
    Type: String
    Default: '${VENDOR_ACCOUNT}'
Resources:
  # Base images everyone may pull
  PublicRepo:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryName: base-images
      RepositoryPolicyText:
        Version: '2012-10-17'
        Statement:
          - Sid: Public
            Effect: Allow
            Principal: '*'
            Action:
              - ecr:BatchGetImage
              - ecr:GetDownloadUrlForLayer
  AppRepo:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryName: app
      RepositoryPolicyText:
        Version: '2012-10-17'
        Statement:
          - Sid: StagingAdmin
            Effect: Allow
            Principal:
              AWS: arn:aws:iam::${STAGING_ACCOUNT}:root
            Action: ecr:*
          - Sid: Partner
            Effect: Allow
            Principal:
              AWS: !Ref PartnerAccount
            Action: ecr:BatchGetImage
  Registry:
    Type: AWS::ECR::RegistryPolicy
    Properties:
      PolicyText:
        Version: '2012-10-17'
        Statement:
          - Sid: Replication
            Effect: Allow
            Principal:
              AWS: arn:aws:iam::777788889999:root
            Action:
              - ecr:ReplicateImage
              - ecr:CreateRepository
            Resource: arn:aws:ecr:us-east-1:111122223333:repository/*
`;
