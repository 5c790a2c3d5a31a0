// Known hostile inputs, run before the mutants in every round (--quick included): each one made the
// server or the CLI misbehave once (issue 9), so a regression fails the round whatever the seed.
// Each is typed into an editor holding `base` (a healthy policy).
import { cloudFormationCorpus } from './cloudformation.mjs';

const PUBLIC_JSON = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": "*",\n      "Action": "ecr:BatchGetImage"\n    }\n  ]\n}\n';

const PUBLIC_TF = `resource "aws_ecr_repository_policy" "p" {
  repository = "r"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "ecr:BatchGetImage" }]
  })
}
`;

function statementJson(extra) {
  return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage"${extra}}]}`;
}

function encodedTf(statement) {
  return `resource "aws_ecr_repository_policy" "p" {\n  repository = "r"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ ${statement} }]\n  })\n}\n`;
}

function heredocTf(json) {
  return `resource "aws_ecr_repository_policy" "p" {\n  repository = "r"\n  policy = <<EOF\n${json}\nEOF\n}\n`;
}

const JSON_CASES = [
  ['fix-all repeats a fix on a half-typed statement', '{"Statement":{"Effect":"Allow""Principal":"*""Action":"ecr:'],
  ['fix-all on a half-typed org condition', PUBLIC_JSON.replace('"ecr:BatchGetImage"\n', '"ecr:BatchGetImage",\n      "Condition": { "StringEquals": { "aws:PrincipalOrgID": \n')],
  ['code actions on a broken statement list (reading offset)', '{"Statement":[{"Effect":"Allow""Principal":"*""Action":"ecr:\n}"'],
  ['code actions on a broken statement (overlapping edit)', '{"Statement":{"Effect":"Allow\n"Principal":"*""Action":"ecr:\n/*'],
  ['Condition as a string', statementJson(',"Condition":"x"')],
  ['Condition as a number', statementJson(',"Condition":7')],
  ['Condition as an array', statementJson(',"Condition":[{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}]')],
  ['operator value as a string', statementJson(',"Condition":{"StringEquals":"o-a1b2c3d4e5"}')],
  ['Principal as a number', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":5,"Action":"ecr:BatchGetImage"}]}'],
  ['action pattern "ecr:" + "a*" x 8000', `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:${'a*'.repeat(8000)}"}]}`],
  ['action pattern "ecr:" + "*?" x 30 (exponential backtracking)', `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:${'*?'.repeat(30)}"}]}`],
  ['fix-all on a truncated deep nesting', `{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": "*",\n      "Action": [\n        "ecr:BatchGetImage",\n        "ecr:GetDownloadUrlForLayer"${'{"a":'.repeat(250)}{"a"`],
  ['action of 100,000 characters', `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage","${'x'.repeat(100_000)}"]}]}`],
  ['CR-only line endings', '{"Version":"2012-10-17",\r"Statement":[{"Effect":"Allow",\r"Principal":"*",\r"Action":"ecr:BatchGetImage"}]}'],
  ['mixed line endings and a BOM', '\ufeff{"Version":"2012-10-17",\r\n"Statement":[{"Effect":"Allow",\r"Principal":"*",\n\r"Action":"ecr:BatchGetImage"}]}'],
];

const TF_CASES = [
  ['Condition as a string (jsonencode)', encodedTf('Effect = "Allow", Principal = "*", Action = "ecr:BatchGetImage", Condition = "x"')],
  ['operator value as a string (jsonencode)', encodedTf('Effect = "Allow", Principal = "*", Action = "ecr:BatchGetImage", Condition = { StringEquals = "o-a1b2c3d4e5" }')],
  ['action pattern "ecr:" + "a*" x 8000 (document)', `data "aws_iam_policy_document" "d" {\n  statement {\n    actions = ["ecr:${'a*'.repeat(8000)}"]\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n  }\n}\n\nresource "aws_ecr_repository_policy" "p" {\n  repository = "r"\n  policy     = data.aws_iam_policy_document.d.json\n}\n`],
  ['fix-all on deep nesting in a jsonencode condition', encodedTf(`Effect = "Allow", Principal = "*", Action = ["ecr:BatchGetImage"], Condition = { StringEquals = { "aws:SourceVpc" = "vpc-111bbb22" }\n   ${'['.repeat(170)}1${']'.repeat(170)} }`)],
  ['fix-all on a half-typed statement (heredoc)', heredocTf('{"Statement":{"Effect":"Allow""Principal":"*""Action":"ecr:')],
  ['CR-only line endings', PUBLIC_TF.replace(/\n/g, '\r')],
  ['a UTF-8 BOM before a heredoc policy (the CLI must read past it, as the editor does)', `\ufeff${heredocTf('{"Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage"}]}')}`],
];

/**
 * The corpus of `format` as test cases (indices c0, c1, ...), each compared with the CLI; the version
 * checks (a general protocol defect, not one of these inputs') run on the last one only.
 */
export function corpusCases(format, seed) {
  const cloudFormation = cloudFormationCorpus();
  const [cases, base] = format === 'json' ? [JSON_CASES, PUBLIC_JSON] : format === 'terraform' ? [TF_CASES, PUBLIC_TF] : [cloudFormation.cases, cloudFormation.base];
  const versions = ['repeated and lower didChange versions, a second didOpen', base.replace(/"\*"|'\*'/, format === 'cloudformation' ? "{ AWS: 'arn:aws:iam::999988887777:root' }" : '{ "AWS": "arn:aws:iam::999988887777:root" }')];
  return [...cases, versions].map(([name, text], i) => ({
    format, seed, index: `c${i}`, baseName: `corpus: ${name}`, base, text, operators: ['corpus'], versionsShare: i === cases.length ? 1 : 0, cliShare: 1,
  }));
}
