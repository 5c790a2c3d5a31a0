import * as assert from 'assert';
import { checkPolicies } from '../../server/src/core/analyze';
import { didYouMean, editDistance } from '../../server/src/core/didYouMean';
import { applyEdits, fixesFor, FixSource } from '../../server/src/core/fixes';
import { extractJsonPolicies } from '../../server/src/core/json/extract';
import { Finding, PolicyDocument, PolicyStatement, Str } from '../../server/src/core/model';
import { DOCUMENT_RULES } from '../../server/src/core/rules';
import { renderedLength } from '../../server/src/core/rules/policyLength';
import { cloudFormationSource } from '../../server/src/core/sources/cloudformation';
import { TerraformParser, terraformModulePolicies } from '../../server/src/core/terraform';
import { loadWasmParser } from './support';

const CONTEXT = { trustFileHint: '.ecr-trust.json', now: new Date('2026-01-01T00:00:00Z') };
const invalidPolicy = DOCUMENT_RULES['invalid-policy'];

describe('invalid-policy: did you mean', () => {
  it('counts an insertion, a deletion, a substitution and a swap of neighbours as one edit each', () => {
    assert.strictEqual(editDistance('batchgetimages', 'batchgetimage', 2), 1);
    assert.strictEqual(editDistance('putimage', 'ptuimage', 2), 1);
    assert.strictEqual(editDistance('listimages', 'listimagez', 2), 1);
    assert.strictEqual(editDistance('putimage', 'putimage', 2), 0);
    assert.strictEqual(editDistance('abc', 'cab', 2), 2);
  });

  it('stops at the limit, for long hostile names too', () => {
    assert.strictEqual(editDistance('PutImage', 'DescribeRepositories', 2), 3);
    assert.strictEqual(editDistance('x'.repeat(50_000), 'PutImage', 2), 3);
    assert.strictEqual(editDistance(`${'a'.repeat(500)}b`, `${'a'.repeat(500)}c`, 2), 1);
  });

  it('suggests the one closest name, case-insensitively, and nothing when two are as close or none is close', () => {
    const names = ['BatchGetImage', 'PutImage', 'ListImages', 'DescribeImages'];
    assert.strictEqual(didYouMean('BatchGetImages', names), 'BatchGetImage');
    assert.strictEqual(didYouMean('PTUIMAGE', names), 'PutImage');
    assert.strictEqual(didYouMean('Frobnicate', names), undefined);
    assert.strictEqual(didYouMean('ab', ['ax', 'ay']), undefined, 'a tie is no single suggestion');
    assert.strictEqual(didYouMean('allow', ['Allow', 'Deny']), 'Allow');
  });
});

/** The invalid-policy findings of a text, as (covered text, message). */
function found(text: string, documents: readonly PolicyDocument[]): [string, string][] {
  return checkPolicies(documents, {}).filter((finding) => finding.rule === 'invalid-policy').map((finding) => [text.slice(finding.span.offset, finding.span.offset + finding.span.length), finding.message]);
}

function replaced(source: FixSource, finding: Finding): string | undefined {
  const fix = fixesFor(finding, source).find((candidate) => candidate.id === 'replace-action');
  return fix?.edits && applyEdits(source.text, fix.edits);
}

function typoFinding(documents: readonly PolicyDocument[]): Finding {
  const finding = checkPolicies(documents, {}).find((candidate) => candidate.rule === 'invalid-policy' && candidate.data.suggestion !== undefined);
  assert.ok(finding, 'a misspelt action is reported with a suggestion');
  return finding;
}

describe('invalid-policy: the replace-action fix', () => {
  let parser: TerraformParser;
  before(async () => {
    parser = await loadWasmParser();
  });
  const terraform = (text: string): FixSource => {
    const documents = terraformModulePolicies(parser, [{ name: '/w/main.tf', text }]).get('/w/main.tf')?.documents ?? [];
    return { text, documents, parseTerraform: (next) => parser.parse(next) };
  };

  it('JSON: replaces the literal, and only it; not preferred, so fix-all leaves it', () => {
    const text = '{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": ["ecr:BatchGetImage", "ecr:PtuImage"]}]}';
    const documents = extractJsonPolicies(text);
    const finding = typoFinding(documents);
    assert.strictEqual(replaced({ text, documents }, finding), text.replace('ecr:PtuImage', 'ecr:PutImage'));
    assert.ok(fixesFor(finding, { text, documents }).every((fix) => !fix.isPreferred));
  });

  it('Terraform: in a policy document, in jsonencode, and not where the value is a local', () => {
    const document = `data "aws_iam_policy_document" "p" {
  statement {
    principals {
      type        = "AWS"
      identifiers = ["111122223333"]
    }
    actions = ["ecr:BatchGetImages"]
  }
}
resource "aws_ecr_repository_policy" "app" {
  repository = "app"
  policy     = data.aws_iam_policy_document.p.json
}
`;
    const first = terraform(document);
    assert.strictEqual(replaced(first, typoFinding(first.documents)), document.replace('ecr:BatchGetImages', 'ecr:BatchGetImage'));
    const encoded = `resource "aws_ecr_repository_policy" "app" {
  repository = "app"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "111122223333" }, Action = "ecr:ListImage" }]
  })
}
`;
    const second = terraform(encoded);
    assert.strictEqual(replaced(second, typoFinding(second.documents)), encoded.replace('ecr:ListImage"', 'ecr:ListImages"'));
    const local = `locals {
  action = "ecr:BatchGetImages"
}
${encoded.replace('"ecr:ListImage"', 'local.action')}`;
    const third = terraform(local);
    assert.strictEqual(replaced(third, typoFinding(third.documents)), undefined, 'the local is written elsewhere: no edit at its use');
  });

  it('Terraform: no fix in a statement a dynamic block generates, but the finding stays', () => {
    const text = `data "aws_iam_policy_document" "p" {
  dynamic "statement" {
    for_each = ["111122223333", "222233334444"]
    content {
      principals {
        type        = "AWS"
        identifiers = [statement.value]
      }
      actions = ["ecr:BatchGetImages"]
    }
  }
}
resource "aws_ecr_repository_policy" "app" {
  repository = "app"
  policy     = data.aws_iam_policy_document.p.json
}
`;
    const source = terraform(text);
    const findings = checkPolicies(source.documents, {}).filter((finding) => finding.rule === 'invalid-policy');
    assert.strictEqual(findings.length, 2, 'one per generated statement');
    for (const finding of findings) assert.strictEqual(replaced(source, finding), undefined);
  });

  it('CloudFormation YAML: plain and quoted scalars keep their style', () => {
    const text = `Resources:
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText:
        Statement:
          - Effect: Allow
            Principal:
              AWS: '111122223333'
            Action:
              - ecr:BatchGetImages
              - 'ecr:PtuImage'
`;
    const { documents, damaged } = cloudFormationSource.extract(text, {});
    const source: FixSource = { text, documents, damaged };
    const results = checkPolicies(documents, {}).filter((finding) => finding.rule === 'invalid-policy').map((finding) => replaced(source, finding));
    assert.deepStrictEqual(results, [text.replace('ecr:BatchGetImages', 'ecr:BatchGetImage'), text.replace("'ecr:PtuImage'", "'ecr:PutImage'")]);
  });
});

describe('invalid-policy: what is judged', () => {
  it('judges Deny statements and statements without a principal in an ECR policy, never non-ECR policies', () => {
    const policy = JSON.stringify({ Statement: [
      { Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'ecr:BatchGetImage' },
      { Effect: 'Deny', Action: 'ecr:DeleteRepositry' },
    ] });
    assert.deepStrictEqual(found(policy, extractJsonPolicies(policy)).map(([covered]) => covered), ['"ecr:DeleteRepositry"']);
    const bucket = JSON.stringify({ Statement: [{ Effect: 'allow', Principal: '123456789012', Action: 's3:GetObjct' }] });
    assert.deepStrictEqual(found(bucket, extractJsonPolicies(bucket)), []);
  });

  it('does not judge the placeholder statements sources make for what they cannot read', () => {
    const unknown: Str = { value: 'var.policy', span: { offset: 0, length: 10 }, origin: 'unresolved' };
    const placeholder: PolicyStatement = { index: 0, span: unknown.span, effect: { value: 'Allow', span: unknown.span }, notPrincipal: false, principals: [{ kind: 'AWS', value: unknown }], notAction: false, actions: [], conditions: [] };
    assert.deepStrictEqual(invalidPolicy({ span: unknown.span, syntax: { kind: 'opaque' }, statements: [placeholder], ecrRelevant: true }, 0, CONTEXT), []);
  });
});

describe('invalid-policy: fuzz safety and the length bound', () => {
  /** A small deterministic generator (mulberry32), so a failure can be replayed. */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const VALUES: unknown[] = ['ecr:BatchGetImages', 'ecr:', 'ecr:*', 'ECR:PUTIMAGE', 'ecr-public:PutImages', 'allow', 'Allow', 'Deny', '*', '', '111122223333',
    'x'.repeat(3000), 'ecr:\u0000', 7, true, null, [], {}, ['ecr:PtuImage', 3], { AWS: [] }, { AWS: ['*', 1] }, { '': 'ecr:X' }];

  it('never throws on odd models, and the rendered length never exceeds the JSON it was read from', () => {
    const next = random(12);
    const pick = (): unknown => VALUES[Math.floor(next() * VALUES.length)];
    for (let round = 0; round < 400; round++) {
      const statements = Array.from({ length: 1 + Math.floor(next() * 4) }, () => {
        const statement: Record<string, unknown> = { Principal: { AWS: '111122223333' }, Action: 'ecr:BatchGetImage' };
        for (const key of ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Condition']) {
          if (next() < 0.5) statement[key] = key === 'Condition' ? { StringEquals: { 'aws:PrincipalOrgID': pick() } } : pick();
        }
        return statement;
      });
      const text = JSON.stringify({ Statement: statements });
      const documents = extractJsonPolicies(text);
      for (const [index, document] of documents.entries()) {
        assert.doesNotThrow(() => invalidPolicy(document, index, CONTEXT), text);
        assert.ok(renderedLength(document.statements) <= text.length, `rendered ${renderedLength(document.statements)} > ${text.length}: ${text.slice(0, 200)}`);
      }
    }
  });

  it('survives a model with missing parts the types promise', () => {
    const broken = { span: { offset: 0, length: 1 }, syntax: { kind: 'json', span: { offset: 0, length: 1 } }, statements: [{ index: 0, span: { offset: 0, length: 1 } }] } as unknown as PolicyDocument;
    assert.doesNotThrow(() => invalidPolicy(broken, 0, CONTEXT));
  });
});
