import type { AccessLevel } from './actions';

/**
 * Amazon ECR Public actions by access level, from the AWS Service Authorization Reference "Actions,
 * resources, and condition keys for Amazon Elastic Container Registry Public" (project copy:
 * docs/aws-ecr-policy-facts.md). They act on `arn:aws:ecr-public::ACCOUNT:repository/NAME` (us-east-1 only).
 * AWS classes DeleteRepositoryPolicy as Write here, where private ECR has it as Permissions management.
 */
export const PUBLIC_CATALOGUE: Record<AccessLevel, readonly string[]> = {
  write: [
    'BatchDeleteImage', 'CompleteLayerUpload', 'CreateRepository', 'DeleteRepository', 'DeleteRepositoryPolicy',
    'InitiateLayerUpload', 'PutImage', 'PutRegistryCatalogData', 'PutRepositoryCatalogData', 'UploadLayerPart',
  ],
  permissions: ['SetRepositoryPolicy'],
  tagging: ['TagResource', 'UntagResource'],
  read: [
    'BatchCheckLayerAvailability', 'DescribeImages', 'GetAuthorizationToken', 'GetRegistryCatalogData',
    'GetRepositoryCatalogData', 'GetRepositoryPolicy', 'ListTagsForResource',
  ],
  list: ['DescribeImageTags', 'DescribeRegistries', 'DescribeRepositories'],
};

/**
 * What a push to a public repository needs: AWS's "Allow another account" example of the Amazon ECR Public
 * User Guide ("Public repository policy examples"). Pulling needs no grant: public images are anyone's.
 */
export const PUBLIC_PUSH_ACTIONS: readonly string[] = [
  'ecr-public:BatchCheckLayerAvailability', 'ecr-public:InitiateLayerUpload', 'ecr-public:UploadLayerPart',
  'ecr-public:CompleteLayerUpload', 'ecr-public:PutImage',
];
