import * as assert from 'assert';
import { cloudFormationSource } from '../../server/src/core/sources/cloudformation';
import { sourceFor } from '../../server/src/core/sources/registry';

/** Which files the CloudFormation source claims: a substring look, so YAML and JSON of other kinds stay out. */
const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Repo:\n    Type: AWS::ECR::Repository\n`;
const NO_VERSION = `Resources:\n  Repo:\n    Type: "AWS::ECR::Repository"\n`;
const SAM = `Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Timeout: 3\n`;
const CDK = JSON.stringify({ Resources: { Repo1234: { Type: 'AWS::ECR::Repository', Properties: {} } }, Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>' } } }, null, 1);

const KUBERNETES = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/app
spec:
  template:
    spec:
      containers:
        - name: app
          image: 111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1
          resources:
            limits:
              memory: 128Mi
`;
const WORKFLOW = `name: deploy
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
      - run: aws cloudformation deploy --template-file template.yaml --stack-name app
      - run: aws ecr describe-repositories # AWS::ECR::Repository resources
`;
const COMPOSE = `services:\n  app:\n    image: app\n    deploy:\n      resources:\n        limits:\n          cpus: '0.5'\n`;
const JSON_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:*', Resource: '*' }] });
const TERRAFORM_JSON = JSON.stringify({ resource: { aws_ecr_repository_policy: { app: { repository: 'app', policy: '{}' } } } });
const CFN_IN_TERRAFORM_JSON = JSON.stringify({ resource: { aws_cloudformation_stack: { s: { template_body: JSON.stringify({ Resources: { R: { Type: 'AWS::ECR::Repository' } } }) } } } });

describe('CloudFormation source: recognition', () => {
  it('claims templates with AWSTemplateFormatVersion, Resources of AWS types, the SAM transform, and CDK output', () => {
    for (const text of [TEMPLATE, NO_VERSION, SAM, CDK]) assert.strictEqual(cloudFormationSource.claims!(text), true, text);
  });

  it('does not claim Kubernetes manifests, workflows, compose files, JSON policies or Terraform JSON', () => {
    for (const text of [KUBERNETES, WORKFLOW, COMPOSE, JSON_POLICY, TERRAFORM_JSON, CFN_IN_TERRAFORM_JSON, '', 'Resources: {}']) {
      assert.strictEqual(cloudFormationSource.claims!(text), false, text);
    }
  });

  it('is asked before the JSON source, so a .json template is its and a JSON policy is not', () => {
    assert.strictEqual(sourceFor('cdk.out/AppStack.template.json', CDK)?.id, 'cloudformation');
    assert.strictEqual(sourceFor('policy.json', JSON_POLICY)?.id, 'json');
    assert.strictEqual(sourceFor('main.tf.json', TERRAFORM_JSON)?.id, 'json');
    assert.strictEqual(sourceFor('stack.template', TEMPLATE)?.id, 'cloudformation');
    assert.strictEqual(sourceFor('deploy.yml', WORKFLOW), undefined);
    assert.strictEqual(sourceFor('k8s/deployment.yaml', KUBERNETES), undefined);
    assert.strictEqual(sourceFor('untitled:1', TEMPLATE, 'yaml')?.id, 'cloudformation');
  });

  it('may hold a policy only when an ECR type is named', () => {
    assert.strictEqual(cloudFormationSource.mayHold(TEMPLATE), true);
    assert.strictEqual(cloudFormationSource.mayHold(SAM), false);
    assert.strictEqual(cloudFormationSource.mayHold(`Resources:\n  B:\n    Type: AWS::S3::Bucket\n`), false);
  });
});
