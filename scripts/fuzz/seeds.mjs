// What the mutants start from: the repository's own fixtures and examples (every shape the tests know,
// broken ones included) and a few generated policies that carry one finding of each rule.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedCloudFormation } from './cloudformation.mjs';

export const OWN = '111122223333';
export const TRUSTED_PULL = '222233334444';
export const TRUSTED_PUSH = '333344445555';
export const STRANGER = '999988887777';
export const ORG = 'o-a1b2c3d4e5';

export function trustList() {
  return `${JSON.stringify({
    ownAccounts: [OWN],
    organizationIds: [ORG],
    trustedAccounts: { [TRUSTED_PULL]: { name: 'staging', access: 'pull' }, [TRUSTED_PUSH]: { name: 'ci', access: 'push' } },
  }, null, 2)}\n`;
}

const SKIP_NAMES = new Set(['expected.json', '.ecr-trust.json', 'package.json', 'tsconfig.json']);

function walk(folder, found = []) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) walk(full, found);
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

function fixtureFiles(root, accept) {
  return ['test/fixtures', 'examples']
    .flatMap((folder) => (fs.existsSync(path.join(root, folder)) ? walk(path.join(root, folder)) : []))
    .filter((file) => !SKIP_NAMES.has(path.basename(file)) && accept(file))
    .sort();
}

const STATEMENTS = [
  { Sid: 'Public', Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] },
  { Sid: 'OrgPull', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } },
  { Sid: 'Stranger', Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${STRANGER}:root`] }, Action: ['ecr:BatchGetImage'] },
  { Sid: 'PushToPull', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TRUSTED_PULL}:root` }, Action: ['ecr:BatchGetImage', 'ecr:Put*'] },
  { Sid: 'CI', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TRUSTED_PUSH}:role/ci` }, Action: ['ecr:PutImage', 'ecr:UploadLayerPart'] },
  { Sid: 'IfExists', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::*:root' }, Action: 'ecr:*', Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': ORG } } },
  { Sid: 'Guard', Effect: 'Deny', Principal: '*', Action: 'ecr:DeleteRepository', Condition: { StringNotEquals: { 'aws:PrincipalAccount': [OWN] } } },
  { Sid: 'Service', Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: ['ecr:BatchGetImage'] },
];

function generatedJson() {
  const all = JSON.stringify({ Version: '2012-10-17', Statement: STATEMENTS }, null, 2);
  const single = JSON.stringify({ Version: '2012-10-17', Statement: STATEMENTS[0] }, null, 4);
  const compact = JSON.stringify({ Version: '2012-10-17', Statement: STATEMENTS.slice(0, 4) });
  return [['generated/all.json', `${all}\n`], ['generated/single.json', single], ['generated/compact.json', compact]];
}

function hclList(values) {
  return `[${values.map((value) => JSON.stringify(value)).join(', ')}]`;
}

function generatedTerraform() {
  const documents = STATEMENTS.map((statement, i) => {
    const principal = statement.Principal === '*' ? { type: '*', identifiers: ['*'] } : { type: Object.keys(statement.Principal)[0], identifiers: [].concat(Object.values(statement.Principal)[0]) };
    const conditions = Object.entries(statement.Condition ?? {}).flatMap(([test, keys]) => Object.entries(keys).map(([variable, values]) => (
      `    condition {\n      test     = "${test}"\n      variable = "${variable}"\n      values   = ${hclList([].concat(values))}\n    }\n`)));
    return `data "aws_iam_policy_document" "d${i}" {\n  statement {\n    sid     = "${statement.Sid}"\n    effect  = "${statement.Effect}"\n    actions = ${hclList([].concat(statement.Action))}\n`
      + `    principals {\n      type        = "${principal.type}"\n      identifiers = ${hclList(principal.identifiers)}\n    }\n${conditions.join('')}  }\n}\n\n`
      + `resource "aws_ecr_repository_policy" "r${i}" {\n  repository = "repo-${i}"\n  policy     = data.aws_iam_policy_document.d${i}.json\n}\n`;
  });
  const encoded = `resource "aws_ecr_repository_policy" "encoded" {\n  repository = "x"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect = "Allow"\n      Principal = "*"\n      Action = ["ecr:BatchGetImage"]\n    }]\n  })\n}\n`;
  const heredoc = `resource "aws_ecr_repository_policy" "heredoc" {\n  repository = "x"\n  policy = <<EOF\n${JSON.stringify({ Version: '2012-10-17', Statement: STATEMENTS.slice(0, 3) }, null, 2)}\nEOF\n}\n`;
  return [['generated/documents.tf', documents.join('\n')], ['generated/encoded.tf', encoded], ['generated/heredoc.tf', heredoc]];
}

/** Seeds per format, each `{ name, text }`, in a stable order (the PRNG picks by index). */
export function loadSeeds(root) {
  const read = (file) => ({ name: path.relative(root, file), text: fs.readFileSync(file, 'utf8') });
  const json = fixtureFiles(root, (file) => /\.jsonc?$/.test(file)).map(read);
  const terraform = fixtureFiles(root, (file) => file.endsWith('.tf')).map(read);
  const cloudFormation = fixtureFiles(root, (file) => file.includes(`${path.sep}cloudformation${path.sep}`) && /\.(ya?ml|json)$/.test(file)).map(read);
  return {
    json: [...json, ...generatedJson().map(([name, text]) => ({ name, text }))],
    terraform: [...terraform, ...generatedTerraform().map(([name, text]) => ({ name, text }))],
    cloudformation: [...cloudFormation, ...generatedCloudFormation(STATEMENTS).map(([name, text]) => ({ name, text }))],
  };
}
