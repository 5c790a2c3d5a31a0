// The YAML and template files of the scan benchmark's workspace. CloudFormation templates in YAML and JSON,
// some with ECR repository policies and some without (S3 and Lambda stacks: a template the cheap look claims
// but that cannot hold an ECR policy, so it is never parsed), and YAML that is not CloudFormation, as
// repositories hold it: Kubernetes manifests, GitHub workflows, docker-compose files and Helm values. Only
// the templates that name an ECR resource type should ever reach the YAML parser.
import { account, ORG, OWN, TRUSTED_PULL, TRUSTED_PUSH } from './common.mjs';

/** Repeats `make(i)` until the text is about `bytes` long. */
function grow(head, bytes, make) {
  let text = head;
  for (let i = 0; text.length < bytes; i++) text += make(i);
  return text;
}

function pick(r, values) {
  return values[Math.floor(r() * values.length)];
}

function ecrPrincipal(i, r) {
  switch (i % 6) {
    case 0: return `AWS: arn:aws:iam::${TRUSTED_PULL}:root`;
    case 1: return "AWS: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root'";
    case 2: return "'*'";
    case 3: return `AWS: arn:aws:iam::${TRUSTED_PUSH}:role/ci-builder`;
    case 4: return r() < 0.3 ? `AWS: '${account(i)}'` : 'AWS: !Ref AWS::AccountId';
    default: return 'AWS: !Ref PartnerAccount';
  }
}

function yamlRepository(n, i, r) {
  const condition = (i / 3 + n / 3) % 6 === 2 ? `\n            Condition:\n              StringEquals: { 'aws:PrincipalOrgID': ${ORG} }` : '';
  return `  Repo${n}:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: !Sub '\${AWS::StackName}-app-${n}'\n      ImageScanningConfiguration: { ScanOnPush: true }\n      RepositoryPolicyText:\n        Version: '2012-10-17'\n        Statement:\n          - Sid: Pull${n}x${Math.floor(r() * 1e5)}\n            Effect: Allow\n            Principal:\n              ${ecrPrincipal(i / 3 + n / 3, r)}\n            Action: [ecr:BatchGetImage, ecr:GetDownloadUrlForLayer]${condition}\n`;
}

function yamlOther(n, r) {
  return n % 2 === 0
    ? `  Bucket${n}:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub '\${AWS::StackName}-data-${n}-${Math.floor(r() * 1e6)}'\n      VersioningConfiguration: { Status: Enabled }\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault: { SSEAlgorithm: aws:kms }\n`
    : `  Handler${n}:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs20.x\n      Handler: index.handler\n      Role: !GetAtt HandlerRole.Arn\n      Timeout: ${3 + (n % 27)}\n      Environment:\n        Variables:\n          TABLE: !Ref Table\n          STAGE: !Ref Stage\n      Code: { S3Bucket: artifacts-${OWN}, S3Key: handler-${n}.zip }\n`;
}

const YAML_HEAD = "AWSTemplateFormatVersion: '2010-09-09'\nDescription: Service stack.\nParameters:\n  PartnerAccount: { Type: String, Default: '444455556666' }\n  Stage: { Type: String, AllowedValues: [prod, test] }\nResources:\n";

/** A YAML template; `ecr` ones have a repository policy every third resource, the others S3 and Lambda only. */
function yamlTemplate(i, r, bytes, ecr) {
  return grow(YAML_HEAD, bytes, (n) => (ecr && n % 3 === 0 ? yamlRepository(n, i, r) : yamlOther(n, r)));
}

/** A JSON template (CDK output, `*.template.json`): as a YAML one, in JSON. */
function jsonTemplate(i, r, bytes, ecr) {
  const resources = {};
  let approximate = 200;
  for (let n = 0; approximate < bytes; n++) {
    const resource = ecr && n % 3 === 0
      ? { Type: 'AWS::ECR::Repository', Properties: { RepositoryName: `app-${i}-${n}`, RepositoryPolicyText: { Version: '2012-10-17', Statement: [{ Sid: `Pull${n}`, Effect: 'Allow', Principal: { AWS: n % 2 === 0 ? `arn:aws:iam::${TRUSTED_PULL}:root` : { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] }] } } }
      : n % 2 === 0
        ? { Type: 'AWS::S3::Bucket', Properties: { BucketName: `data-${i}-${n}-${Math.floor(r() * 1e6)}`, VersioningConfiguration: { Status: 'Enabled' } } }
        : { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: { 'Fn::GetAtt': ['HandlerRole', 'Arn'] }, Timeout: 3 + (n % 27), Code: { S3Bucket: `artifacts-${OWN}`, S3Key: `handler-${n}.zip` } } };
    resources[`Resource${n}${ecr && n % 3 === 0 ? 'Repo' : ''}`] = resource;
    approximate += JSON.stringify(resource, null, 1).length * 1.6;
  }
  return `${JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 2)}\n`;
}

/**
 * The `i`th template: YAML three times in four, JSON otherwise; one in three names an ECR resource (the
 * others are S3/Lambda stacks). Returns its file name and text.
 */
export function cloudFormationFile(i, r, bytes) {
  const ecr = i % 3 === 0;
  const stack = ecr ? 'registry' : i % 2 === 0 ? 'storage' : 'functions';
  return i % 4 === 3
    ? { name: `${stack}-${i}.template.json`, text: jsonTemplate(i, r, bytes, ecr), ecr }
    : { name: `${stack}-${i}.${i % 8 === 1 ? 'yml' : 'yaml'}`, text: yamlTemplate(i, r, bytes, ecr), ecr };
}

function kubernetes(i, r, bytes) {
  const app = `app-${i}`;
  return grow('', bytes, (n) => (n % 2 === 0
    ? `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}-${n}\n  labels: { app: ${app} }\nspec:\n  replicas: ${1 + (n % 4)}\n  selector:\n    matchLabels: { app: ${app} }\n  template:\n    metadata:\n      labels: { app: ${app} }\n    spec:\n      containers:\n        - name: ${app}\n          image: ${OWN}.dkr.ecr.eu-west-1.amazonaws.com/${app}:${Math.floor(r() * 1e6)}\n          ports: [{ containerPort: 8080 }]\n          resources:\n            requests: { cpu: 100m, memory: 128Mi }\n            limits: { cpu: 500m, memory: 512Mi }\n          env:\n            - name: STAGE\n              value: prod\n`
    : `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}-${n}\nspec:\n  type: ClusterIP\n  selector: { app: ${app} }\n  ports:\n    - port: 80\n      targetPort: 8080\n`));
}

function workflow(i, r, bytes) {
  const head = `name: build-${i}\non:\n  push:\n    branches: [main]\n  pull_request:\npermissions:\n  id-token: write\n  contents: read\njobs:\n`;
  return grow(head, bytes, (n) => `  job-${n}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::${OWN}:role/ci\n          aws-region: eu-west-1\n      - uses: aws-actions/amazon-ecr-login@v2\n      - run: docker build -t app-${i}:\${{ github.sha }} .\n      - run: npm ci && npm test -- --grep "suite ${Math.floor(r() * 1e4)}"\n`);
}

function compose(i, r, bytes) {
  return grow("services:\n", bytes, (n) => `  service-${n}:\n    image: ${OWN}.dkr.ecr.eu-west-1.amazonaws.com/app-${i}:${pick(r, ['latest', '1.4.2', 'main'])}\n    restart: unless-stopped\n    ports: ['${8000 + n}:8080']\n    environment:\n      - DATABASE_URL=postgres://db:5432/app${n}\n      - LOG_LEVEL=info\n    depends_on: [db]\n`);
}

function helmValues(i, r, bytes) {
  const head = `replicaCount: 2\nimage:\n  repository: ${OWN}.dkr.ecr.eu-west-1.amazonaws.com/app-${i}\n  tag: "${Math.floor(r() * 1e6)}"\n  pullPolicy: IfNotPresent\nresources:\n  limits: { cpu: 500m, memory: 512Mi }\ningress:\n  enabled: true\n  hosts:\n`;
  return grow(head, bytes, (n) => `    - host: app-${i}-${n}.example.com\n      paths:\n        - path: /api/v${n % 3}\n          pathType: Prefix\n      annotations:\n        alb.ingress.kubernetes.io/scheme: internet-facing\n`);
}

export const OTHER_YAML_KINDS = ['kubernetes', 'workflow', 'compose', 'helm'];

/**
 * The `i`th YAML file that is not CloudFormation, of about `bytes`: Kubernetes manifests half the time, then
 * GitHub workflows, docker-compose files and Helm values. `kinds` narrows the mix (a Kubernetes-only repository).
 */
export function otherYamlFile(i, r, bytes, kinds = OTHER_YAML_KINDS) {
  const kind = kinds.length === 1 ? kinds[0] : i % 2 === 0 ? 'kubernetes' : kinds[1 + ((i >> 1) % (kinds.length - 1))];
  switch (kind) {
    case 'kubernetes': return { folder: 'deploy', name: `manifest-${i}.yaml`, text: kubernetes(i, r, bytes) };
    case 'workflow': return { folder: '.github/workflows', name: `build-${i}.yml`, text: workflow(i, r, bytes) };
    case 'compose': return { folder: '.', name: `docker-compose-${i}.yml`, text: compose(i, r, bytes) };
    default: return { folder: 'chart', name: `values-${i}.yaml`, text: helmValues(i, r, bytes) };
  }
}
