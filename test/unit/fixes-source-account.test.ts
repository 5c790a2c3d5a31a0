import * as assert from 'assert';
import { addOwnAccount, applyEdits, Fix, FixAnswers, fixesFor } from '../../server/src/core/fixes';
import { parseTrustList, TrustList } from '../../server/src/core/trust';
import { Analyzer, coverKey, jsonAnalyzer, terraformAnalyzer } from './fixes-support';
import { jsonTemplateAnalyzer, yamlAnalyzer } from './fixes-yaml-support';
import { loadWasmParser } from './support';

/**
 * The unscoped-service-principal fix: an aws:SourceAccount condition naming an own account, in every
 * syntax, in the file's layout; the edited text, analysed again, has no unscoped-service-principal finding.
 */
const NOW = new Date('2026-06-01T12:00:00Z');
const OWN = '111122223333';
const trustOf = (ownAccounts: string[] = [OWN]): TrustList => parseTrustList(JSON.stringify({ ownAccounts, organizationIds: [], trustedAccounts: {} }), 'trust.json').list;
const SERVICE = '"codebuild.amazonaws.com"';

type Kind = 'json' | 'terraform' | 'yaml' | 'json-template';

describe('quick fixes: an aws:SourceAccount condition for a service principal', () => {
  let analyzerFor: (kind: Kind, trust: TrustList) => Analyzer;

  before(async () => {
    const parser = await loadWasmParser();
    analyzerFor = (kind, trust) => {
      const options = { trust, now: NOW };
      switch (kind) {
        case 'json': return jsonAnalyzer(options);
        case 'terraform': return terraformAnalyzer(parser, options);
        case 'yaml': return yamlAnalyzer(options);
        case 'json-template': return jsonTemplateAnalyzer(options);
      }
    };
  });

  function fixesOf(kind: Kind, text: string, trust = trustOf(), answers?: FixAnswers): Fix[] {
    const analysis = analyzerFor(kind, trust).analyze(text);
    const finding = analysis.findings.find((candidate) => candidate.rule === 'unscoped-service-principal' && text.slice(candidate.span.offset, candidate.span.offset + candidate.span.length) === SERVICE);
    assert.ok(finding, `no unscoped-service-principal finding: ${analysis.findings.map((candidate) => coverKey(text, candidate)).join(', ')}`);
    return fixesFor(finding, analysis.source, answers);
  }

  /** The text after the source-account fix; analysed again (with the account saved as own), the finding is gone. */
  function fixed(kind: Kind, text: string, trust = trustOf(), answers?: FixAnswers): string {
    const fix = fixesOf(kind, text, trust, answers).find((candidate) => candidate.id === 'add-source-account-condition');
    assert.ok(fix?.edits, 'add-source-account-condition with edits is not offered');
    const after = applyEdits(text, fix.edits);
    const saved = answers?.account ? parseTrustList(addOwnAccount(JSON.stringify({ ownAccounts: [...trust.ownAccounts.keys()] }), answers.account), 'trust.json').list : trust;
    const left = analyzerFor(kind, saved).analyze(after).findings.map((candidate) => coverKey(after, candidate));
    assert.deepStrictEqual(left, [], after);
    return after;
  }

  function replaced(text: string, from: string, to: string): string {
    assert.ok(text.includes(from), from);
    return text.replace(from, to);
  }

  describe('JSON', () => {
    const POLICY = [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Sid": "CodeBuildPull",',
      '      "Effect": "Allow",',
      '      "Principal": { "Service": "codebuild.amazonaws.com" },',
      '      "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]',
      '    }',
      '  ]',
      '}',
      '',
    ].join('\n');

    it('one own account: the preferred fix names it, in a new Condition formatted like the file', () => {
      // The policy's only statement cannot be removed: the one fix is the condition.
      assert.deepStrictEqual(fixesOf('json', POLICY).map((fix) => [fix.id, fix.title, fix.isPreferred, Boolean(fix.edits)]), [
        ['add-source-account-condition', `Add an aws:SourceAccount condition (${OWN})`, true, true],
      ]);
      assert.strictEqual(fixed('json', POLICY), replaced(POLICY, '"ecr:GetDownloadUrlForLayer"]\n',
        `"ecr:GetDownloadUrlForLayer"],\n      "Condition": {\n        "StringEquals": {\n          "aws:SourceAccount": "${OWN}"\n        }\n      }\n`));
    });

    it('JSONC: a weak IfExists clause on aws:SourceAccount is replaced; comments, other clauses and trailing commas stay', () => {
      const text = [
        '{',
        '  // CI pulls base images',
        '  "Statement": [',
        '    {',
        '      "Effect": "Allow",',
        '      "Principal": { "Service": "codebuild.amazonaws.com" }, // the build service',
        '      "Action": "ecr:BatchGetImage",',
        '      "Condition": {',
        `        "StringEqualsIfExists": { "aws:SourceAccount": "${OWN}" },`,
        '        "Bool": { "aws:SecureTransport": "true" },',
        '      },',
        '    },',
        '  ],',
        '}',
      ].join('\n');
      assert.strictEqual(fixed('json', text), replaced(text,
        `        "StringEqualsIfExists": { "aws:SourceAccount": "${OWN}" },\n        "Bool": { "aws:SecureTransport": "true" },\n`,
        `        "Bool": { "aws:SecureTransport": "true" },\n        "StringEquals": {\n          "aws:SourceAccount": "${OWN}"\n        },\n`));
    });

    it('several own accounts: one fix each, none preferred (fix-all must not choose)', () => {
      const fixes = fixesOf('json', POLICY, trustOf([OWN, '999988887777']));
      assert.deepStrictEqual(fixes.map((fix) => [fix.title, fix.isPreferred, Boolean(fix.edits)]), [
        [`Add an aws:SourceAccount condition (${OWN})`, false, true],
        ['Add an aws:SourceAccount condition (999988887777)', false, true],
      ]);
    });

    it('no own account on the trust list: the fix asks for one; answered, it edits', () => {
      const [question] = fixesOf('json', POLICY, trustOf([]));
      assert.deepStrictEqual(question, { id: 'add-source-account-condition', title: 'Add an aws:SourceAccount condition', isPreferred: true, needs: { kind: 'account-id' }, rule: 'unscoped-service-principal' });
      const answered = fixed('json', POLICY, trustOf([]), { account: '444455556666' });
      assert.ok(answered.includes('"StringEquals": {\n          "aws:SourceAccount": "444455556666"\n        }'), answered);
    });

    it('not offered beside other principals, which the condition would shut out (the key is absent from their requests)', () => {
      const mixed = replaced(POLICY, '{ "Service": "codebuild.amazonaws.com" }', `{ "Service": "codebuild.amazonaws.com", "AWS": "arn:aws:iam::${OWN}:root" }`);
      assert.deepStrictEqual(fixesOf('json', mixed).filter((fix) => fix.id === 'add-source-account-condition'), []);
      assert.deepStrictEqual(fixesOf('json', mixed, trustOf([])).filter((fix) => fix.id === 'add-source-account-condition'), []);
    });
  });

  describe('Terraform', () => {
    it('a policy document: a condition block after the statement\'s last attribute', () => {
      const text = [
        'data "aws_iam_policy_document" "ecr" {',
        '  statement {',
        '    principals {',
        '      type        = "Service"',
        '      identifiers = ["codebuild.amazonaws.com"]',
        '    }',
        '    actions = ["ecr:BatchGetImage"]',
        '  }',
        '}',
        '',
      ].join('\n');
      assert.strictEqual(fixed('terraform', text), replaced(text, '    actions = ["ecr:BatchGetImage"]\n',
        `    actions = ["ecr:BatchGetImage"]\n    condition {\n      test     = "StringEquals"\n      variable = "aws:SourceAccount"\n      values   = ["${OWN}"]\n    }\n`));
    });

    it('a policy document: a weak StringLike block on the key becomes the binding, not a second block', () => {
      const text = [
        'data "aws_iam_policy_document" "ecr" {',
        '  statement {',
        '    principals {',
        '      type        = "Service"',
        '      identifiers = ["codebuild.amazonaws.com"]',
        '    }',
        '    actions = ["ecr:BatchGetImage"]',
        '    condition {',
        '      test     = "StringLike"',
        '      variable = "aws:SourceAccount"',
        '      values   = ["*"]',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n');
      assert.strictEqual(fixed('terraform', text), replaced(text, '      test     = "StringLike"\n      variable = "aws:SourceAccount"\n      values   = ["*"]',
        `      test     = "StringEquals"\n      variable = "aws:SourceAccount"\n      values   = ["${OWN}"]`));
    });

    it('jsonencode: an HCL object Condition in the statement\'s layout', () => {
      const text = [
        'resource "aws_ecr_repository_policy" "app" {',
        '  repository = "app"',
        '  policy = jsonencode({',
        '    Version = "2012-10-17"',
        '    Statement = [{',
        '      Effect    = "Allow"',
        '      Principal = { Service = "codebuild.amazonaws.com" }',
        '      Action    = "ecr:BatchGetImage"',
        '    }]',
        '  })',
        '}',
        '',
      ].join('\n');
      assert.strictEqual(fixed('terraform', text), replaced(text, '      Action    = "ecr:BatchGetImage"\n',
        `      Action    = "ecr:BatchGetImage"\n      Condition = { StringEquals = { "aws:SourceAccount" = "${OWN}" } }\n`));
    });

    it('heredoc JSON is edited as JSON, in the heredoc\'s layout', () => {
      const text = [
        'resource "aws_ecr_repository_policy" "legacy" {',
        '  repository = "legacy"',
        '  policy     = <<-EOF',
        '    {',
        '      "Statement": [{',
        '        "Effect": "Allow",',
        '        "Principal": { "Service": "codebuild.amazonaws.com" },',
        '        "Action": "ecr:BatchGetImage",',
        '        "Condition": { "Bool": { "aws:SecureTransport": "true" } }',
        '      }]',
        '    }',
        '  EOF',
        '}',
        '',
      ].join('\n');
      assert.strictEqual(fixed('terraform', text), replaced(text, '{ "Bool": { "aws:SecureTransport": "true" } }',
        `{ "Bool": { "aws:SecureTransport": "true" }, "StringEquals": { "aws:SourceAccount": "${OWN}" } }`));
    });
  });

  describe('CloudFormation', () => {
    it('YAML: a block-style Condition written like the template, comments kept; the account quoted, so it stays a string', () => {
      // The service quoted, so that the finding covers the same text as in JSON.
      const text = [
        'Resources:',
        '  Repo:',
        '    Type: AWS::ECR::Repository',
        '    Properties:',
        '      RepositoryPolicyText:',
        '        Version: "2012-10-17"',
        '        Statement:',
        '          - Sid: CodeBuildPull # CI',
        '            Effect: Allow',
        '            Principal:',
        '              Service: "codebuild.amazonaws.com"',
        '            Action:',
        '              - ecr:BatchGetImage',
        'Outputs:',
        '  Arn:',
        '    Value: !GetAtt Repo.Arn',
        '',
      ].join('\n');
      assert.strictEqual(fixed('yaml', text), replaced(text, '              - ecr:BatchGetImage\n',
        `              - ecr:BatchGetImage\n            Condition:\n              StringEquals:\n                aws:SourceAccount: '${OWN}'\n`));
    });

    it('JSON template: the Condition takes the nested object\'s depth', () => {
      const text = [
        '{',
        '  "Resources": {',
        '    "Repo": {',
        '      "Type": "AWS::ECR::Repository",',
        '      "Properties": {',
        '        "RepositoryPolicyText": {',
        '          "Statement": [',
        '            {',
        '              "Effect": "Allow",',
        '              "Principal": { "Service": "codebuild.amazonaws.com" },',
        '              "Action": "ecr:BatchGetImage"',
        '            }',
        '          ]',
        '        }',
        '      }',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n');
      assert.strictEqual(fixed('json-template', text), replaced(text, '              "Action": "ecr:BatchGetImage"\n',
        `              "Action": "ecr:BatchGetImage",\n              "Condition": {\n                "StringEquals": {\n                  "aws:SourceAccount": "${OWN}"\n                }\n              }\n`));
    });
  });

  it('the answer is saved into ownAccounts, inline like the list; already there, unchanged', () => {
    const trust = '{\n  "ownAccounts": ["111122223333"],\n  "organizationIds": []\n}\n';
    assert.strictEqual(addOwnAccount(trust, '444455556666'), trust.replace('["111122223333"]', '["111122223333", "444455556666"]'));
    assert.strictEqual(addOwnAccount(trust, OWN), trust);
    assert.strictEqual(addOwnAccount(undefined, OWN), `{\n  "ownAccounts": ["${OWN}"],\n  "organizationIds": [],\n  "trustedAccounts": {}\n}\n`);
  });
});
