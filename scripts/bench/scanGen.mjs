// The generated workspace of the scan benchmark: 10,000 files of about 10 KB (about 100 MB), half of them
// ECR repository policies as teams write them (cross-account pulls, organisation-bound wildcards, CI pushes,
// conditions, Deny guards, and a few grants ECR Guard reports), the other half JSON that is not an ECR
// policy: S3 and KMS policies (they have Statement and Principal, so they pass the pre-filter and are
// parsed), package manifests, configuration, translations and data. Deterministic: the same files every run.
// Optionally Terraform modules, CloudFormation templates and YAML that is not CloudFormation on top
// (scripts/bench/scanYamlGen.mjs), from their own random stream so that the JSON files stay the same.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { account, ORG, OWN, random, trustList, TRUSTED_PULL, TRUSTED_PUSH } from './common.mjs';
import { cloudFormationFile, OTHER_YAML_KINDS, otherYamlFile } from './scanYamlGen.mjs';

function ecrStatement(i, r) {
  const sid = `Stmt${i}${Math.floor(r() * 1e6)}`;
  switch (i % 12) {
    case 0:
    case 1:
      return { Sid: sid, Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${TRUSTED_PULL}:root`, `arn:aws:iam::${OWN}:role/deploy-${i}`] }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'] };
    case 2:
      return { Sid: sid, Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } };
    case 3:
      return { Sid: sid, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TRUSTED_PUSH}:role/ci-builder` }, Action: ['ecr:BatchGetImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'] };
    case 4:
      return { Sid: sid, Effect: 'Deny', Principal: '*', Action: ['ecr:BatchDeleteImage', 'ecr:DeleteRepository', 'ecr:SetRepositoryPolicy'], Condition: { StringNotEquals: { 'aws:PrincipalAccount': [OWN] } } };
    case 5:
      return { Sid: sid, Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:codebuild:eu-west-1:${OWN}:project/build-${i}` }, StringEquals: { 'aws:SourceAccount': OWN } } };
    case 6:
      return r() < 0.3
        ? { Sid: sid, Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${account(i + Math.floor(r() * 1000))}:root`] }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:DescribeImages'] }
        : { Sid: sid, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWN}:role/reader-${i}` }, Action: ['ecr:DescribeImages', 'ecr:ListImages'] };
    case 7:
      return r() < 0.2
        ? { Sid: sid, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TRUSTED_PULL}:root` }, Action: ['ecr:BatchGetImage', 'ecr:Put*'] }
        : { Sid: sid, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TRUSTED_PULL}:role/puller` }, Action: 'ecr:BatchGetImage' };
    case 8:
      return { Sid: sid, Effect: 'Allow', Principal: { AWS: '*' }, Action: 'ecr:Describe*', Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': [`${ORG}/r-ab12/ou-ab12-11111111/*`] } } };
    case 9:
      return r() < 0.1
        ? { Sid: sid, Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::*:root' }, Action: ['ecr:BatchGetImage'], Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': ORG } } }
        : { Sid: sid, Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${OWN}:root`] }, Action: ['ecr:*'] };
    case 10:
      return { Sid: sid, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWN}:role/lifecycle` }, Action: ['ecr:PutLifecyclePolicy', 'ecr:GetLifecyclePolicy', 'ecr:StartLifecyclePolicyPreview'] };
    default:
      return { Sid: sid, Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${OWN}:role/scanner`, `arn:aws:iam::${TRUSTED_PULL}:role/scanner`] }, Action: ['ecr:DescribeImageScanFindings', 'ecr:DescribeImages'], Condition: { Bool: { 'aws:SecureTransport': 'true' } } };
  }
}

function s3Statement(i, r) {
  const bucket = `bucket-${Math.floor(r() * 1e6)}`;
  return i % 3 === 0
    ? { Sid: `S3Read${i}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TRUSTED_PULL}:root` }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`] }
    : i % 3 === 1
      ? { Sid: `DenyInsecure${i}`, Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `arn:aws:s3:::${bucket}/*`, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }
      : { Sid: `KmsUse${i}`, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWN}:role/app-${i}` }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*' };
}

/** Pretty-printed JSON of about `bytes` characters built from `make(i)` items. */
function sized(bytes, make, wrap) {
  const items = [];
  let text = '';
  for (let i = 0; text.length < bytes; i++) {
    items.push(make(i));
    if (i % 4 === 3) text = JSON.stringify(wrap(items), null, 2);
  }
  return `${JSON.stringify(wrap(items), null, 2)}\n`;
}

function nonPolicy(kind, r, bytes) {
  switch (kind) {
    case 0: return sized(bytes, (i) => [`@scope/package-${i}-${Math.floor(r() * 1e4)}`, `^${1 + (i % 9)}.${i % 20}.${Math.floor(r() * 30)}`],
      (items) => ({ name: 'service', version: '1.0.0', private: true, scripts: { build: 'tsc -p .', test: 'mocha' }, dependencies: Object.fromEntries(items) }));
    case 1: return sized(bytes, (i) => [`screen.${i}.title`, `Localised text number ${i} ${Math.floor(r() * 1e6)}, with some words in it.`], (items) => Object.fromEntries(items));
    case 2: return sized(bytes, (i) => ({ id: i, name: `item-${Math.floor(r() * 1e6)}`, enabled: r() < 0.5, weight: Math.round(r() * 1000) / 10, tags: ['a', 'b', `t${i % 7}`], owner: null }), (items) => items);
    default: return sized(bytes, (i) => ({ key: `setting.${i}`, value: r() < 0.5 ? `value-${i}` : i, description: 'A configuration entry of the service that is not a policy.' }), (items) => ({ settings: items }));
  }
}

/**
 * Writes the workspace under `root` and returns what it holds. `files` JSON files, half ECR policies, of about
 * `bytes` each; `terraformModules` Terraform modules (5 files each) in `terraform/` on top; `templates`
 * CloudFormation templates of about `templateBytes` and `otherYaml` other YAML files of about `yamlBytes`
 * (of `yamlKinds`) in the services' folders.
 */
export function generateScanWorkspace(root, { files = 10_000, bytes = 10 * 1024, terraformModules = 0, templates = 0, templateBytes = 12 * 1024, otherYaml = 0, yamlBytes = 3 * 1024, yamlKinds = OTHER_YAML_KINDS } = {}) {
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, '.ecr-trust.json'), trustList());
  const r = random(42);
  let total = 0;
  let policies = 0;
  let jsonFiles = 0;
  for (let i = 0; i < files; i++) {
    const folder = path.join(root, `service-${String(Math.floor(i / 100)).padStart(3, '0')}`, i % 2 === 0 ? 'ecr' : 'config');
    fs.mkdirSync(folder, { recursive: true });
    const size = Math.round(bytes * (0.5 + r()));
    let name;
    let text;
    if (i % 2 === 0) {
      name = `repository-${i}.json`;
      text = sized(size, (n) => ecrStatement(n + i, r), (statements) => ({ Version: '2012-10-17', Statement: statements }));
      policies++;
    } else if (i % 10 === 1) {
      name = `bucket-policy-${i}.json`;
      text = sized(size, (n) => s3Statement(n + i, r), (statements) => ({ Version: '2012-10-17', Statement: statements }));
    } else {
      name = `data-${i}.json`;
      text = nonPolicy(i % 4, r, size);
    }
    fs.writeFileSync(path.join(folder, name), text);
    total += text.length;
    jsonFiles++;
  }
  let terraformBytes = 0;
  let terraformFiles = 0;
  for (let m = 0; m < terraformModules; m++) {
    const folder = path.join(root, 'terraform', `module-${m}`);
    fs.mkdirSync(folder, { recursive: true });
    for (const [name, text] of Object.entries(terraformModule(m, r))) {
      fs.writeFileSync(path.join(folder, name), text);
      terraformBytes += text.length;
      terraformFiles++;
    }
  }
  return { files: jsonFiles, bytes: total, policies, terraformFiles, terraformBytes, ...writeYaml(root, { templates, templateBytes, otherYaml, yamlBytes, yamlKinds }) };
}

/** The templates and other YAML, spread over the same service folders as the JSON files. */
function writeYaml(root, { templates, templateBytes, otherYaml, yamlBytes, yamlKinds }) {
  const r = random(7);
  const service = (i, n) => path.join(root, `service-${String(Math.floor((i * 100) / Math.max(n, 100))).padStart(3, '0')}`);
  const written = { templates: 0, ecrTemplates: 0, templateBytes: 0, otherYaml: 0, otherYamlBytes: 0 };
  const write = (folder, name, text) => {
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, name), text);
  };
  for (let i = 0; i < templates; i++) {
    const file = cloudFormationFile(i, r, Math.round(templateBytes * (0.5 + r())));
    write(path.join(service(i, templates), 'infra'), file.name, file.text);
    written.templates++;
    written.templateBytes += file.text.length;
    if (file.ecr) written.ecrTemplates++;
  }
  for (let i = 0; i < otherYaml; i++) {
    const file = otherYamlFile(i, r, Math.round(yamlBytes * (0.5 + r())), yamlKinds);
    write(path.join(service(i, otherYaml), file.folder), file.name, file.text);
    written.otherYaml++;
    written.otherYamlBytes += file.text.length;
  }
  return written;
}

/** A module as teams split it: policy documents, repositories and their policies, locals, variables, other resources. */
function terraformModule(m, r) {
  const documents = [];
  const resources = [];
  for (let d = 0; d < 12; d++) {
    const name = `repo_${m}_${d}`;
    const principal = d % 4 === 0 ? '"*"' : d % 4 === 1 ? `"arn:aws:iam::${TRUSTED_PULL}:root"` : d % 4 === 2 ? 'local.consumers' : `"arn:aws:iam::${account(m * 13 + d)}:root"`;
    const identifiers = principal.startsWith('local.') ? principal : `[${principal}]`;
    const actions = d % 5 === 0 ? '["ecr:BatchGetImage", "ecr:Put*"]' : '["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]';
    const condition = d % 4 === 0 ? `\n    condition {\n      test     = "StringEquals"\n      variable = "aws:PrincipalOrgID"\n      values   = ["${ORG}"]\n    }` : '';
    documents.push(`data "aws_iam_policy_document" "${name}" {\n  statement {\n    sid     = "Pull${d}x${Math.floor(r() * 1e4)}"\n    effect  = "Allow"\n    actions = ${actions}\n    principals {\n      type        = "AWS"\n      identifiers = ${identifiers}\n    }${condition}\n  }\n}\n`);
    resources.push(`resource "aws_ecr_repository" "${name}" {\n  name                 = "${name.replace(/_/g, '-')}"\n  image_tag_mutability = "IMMUTABLE"\n}\n\nresource "aws_ecr_repository_policy" "${name}" {\n  repository = aws_ecr_repository.${name}.name\n  policy     = data.aws_iam_policy_document.${name}.json\n}\n`);
  }
  const vpc = Array.from({ length: 20 }, (_, n) => `resource "aws_subnet" "private_${n}" {\n  vpc_id            = aws_vpc.main.id\n  cidr_block        = "10.${m % 250}.${n}.0/24"\n  availability_zone = "eu-west-1${'abc'[n % 3]}"\n  tags = {\n    Name = "private-${n}"\n  }\n}\n`).join('\n');
  return {
    'policies.tf': documents.join('\n'),
    'ecr.tf': resources.join('\n'),
    'locals.tf': `locals {\n  consumers = ["arn:aws:iam::${TRUSTED_PULL}:root", "arn:aws:iam::${OWN}:role/ci"]\n}\n`,
    'variables.tf': `variable "region" {\n  type    = string\n  default = "eu-west-1"\n}\n`,
    'network.tf': `resource "aws_vpc" "main" {\n  cidr_block = "10.${m % 250}.0.0/16"\n}\n\n${vpc}`,
  };
}
