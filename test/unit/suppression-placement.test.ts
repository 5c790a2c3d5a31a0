import * as assert from 'assert';
import { analyzeBatch, FileResult } from '../../server/src/core/batch';
import { addSuppression, applyEdits } from '../../server/src/core/fixes';
import { Finding, RuleId } from '../../server/src/core/model';
import { sourceFor } from '../../server/src/core/sources/registry';
import { SourceEnvironment } from '../../server/src/core/sources/types';
import { suppressionCommentEdit, suppressionPlace } from '../../server/src/core/suppressions/placement';
import { parseTrustList } from '../../server/src/core/trust';
import { trustSuppressionFor } from '../../server/src/core/trustSuppressions';
import { suppressionReasonProblem, suppressionUntilProblem } from '../../server/src/protocol';
import { loadWasmParser } from './support';

/**
 * Where "Suppress RULE for this statement..." writes: a comment above the statement in Terraform and YAML
 * (checked by analysing the edited text: the finding is then suppressed), the trust list for JSON.
 */
const NOW = new Date('2026-11-30T12:00:00Z');

let environment: SourceEnvironment = {};

function analyse(name: string, text: string): FileResult {
  const result = analyzeBatch([{ name, text }], () => ({ now: NOW }), environment).get(name);
  assert.ok(result);
  return result;
}

/** Writes the comment for the first finding of `rule` and returns the edited text and its findings of that rule. */
function suppress(name: string, text: string, rule: RuleId, answer: { reason: string; until?: string } = { reason: 'accepted' }): { text: string; findings: Finding[] } {
  const result = analyse(name, text);
  const finding = result.findings.find((candidate) => candidate.rule === rule);
  assert.ok(finding, `a ${rule} finding in ${result.findings.map((candidate) => candidate.rule).join(', ')}`);
  const source = sourceFor(name, text)!;
  const opener = source.suppressionComment?.(text);
  assert.deepStrictEqual(suppressionPlace(finding, result.documents, text, opener), { kind: 'comment' });
  const comments = source.comments?.(text, environment) ?? [];
  const after = applyEdits(text, [suppressionCommentEdit(text, finding, comments, opener!, { rule, ...answer })]);
  return { text: after, findings: analyse(name, after).findings.filter((candidate) => candidate.rule === rule) };
}

const TF = `data "aws_iam_policy_document" "public" {
  statement {
    sid = "Public"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions = ["ecr:BatchGetImage"]
  }
}
`;

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText:
        Version: '2012-10-17'
        Statement:
          - Sid: Public
            Effect: Allow
            Principal: '*'
            Action: ecr:BatchGetImage
`;

const JSON_POLICY = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage" }\n  ]\n}\n';

describe('core/suppressions: writing a suppression', () => {
  before(async () => {
    environment = { terraform: await loadWasmParser() };
  });

  it('Terraform: a # line above the statement block, indented like it, suppresses the finding', () => {
    const { text, findings } = suppress('/w/main.tf', TF, 'wildcard-principal', { reason: 'public base image', until: '2027-06-30' });
    assert.strictEqual(text, TF.replace('  statement {', '  # ecr-guard-ignore wildcard-principal until=2027-06-30 -- public base image\n  statement {'));
    assert.deepStrictEqual(findings.map((finding) => finding.suppression && { reason: finding.suppression.reason, until: finding.suppression.until, expired: finding.suppression.expired }), [{ reason: 'public base image', until: '2027-06-30', expired: false }]);
  });

  it('Terraform: a directive with the same reason above takes the rule; one with another reason gets a line of its own', () => {
    const same = TF.replace('  statement {', '  # ecr-guard-ignore external-write -- accepted\n  # a note\n  statement {');
    assert.strictEqual(suppress('/w/main.tf', same, 'wildcard-principal').text, same.replace('external-write -- accepted', 'external-write,wildcard-principal -- accepted'));
    const other = TF.replace('  statement {', '  # ecr-guard-ignore external-write -- other reason\n  statement {');
    const { text, findings } = suppress('/w/main.tf', other, 'wildcard-principal');
    assert.strictEqual(text, other.replace('  statement {', '  # ecr-guard-ignore wildcard-principal -- accepted\n  statement {'));
    assert.ok(findings.every((finding) => finding.suppression?.reason === 'accepted'));
  });

  it('Terraform: CRLF files get a CRLF line', () => {
    const crlf = TF.replace(/\n/g, '\r\n');
    assert.strictEqual(suppress('/w/main.tf', crlf, 'wildcard-principal').text, crlf.replace('  statement {', '  # ecr-guard-ignore wildcard-principal -- accepted\r\n  statement {'));
  });

  it('Terraform: a dynamic "statement" block gets the comment above it, which suppresses every statement it generates', () => {
    const dynamic = `data "aws_iam_policy_document" "p" {
  dynamic "statement" {
    for_each = ["ecr:BatchGetImage", "ecr:DescribeImages"]
    content {
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions = [statement.value]
    }
  }
}
`;
    assert.strictEqual(analyse('/w/main.tf', dynamic).findings.filter((finding) => finding.rule === 'wildcard-principal').length, 2);
    const { text, findings } = suppress('/w/main.tf', dynamic, 'wildcard-principal');
    assert.strictEqual(text, dynamic.replace('  dynamic "statement" {', '  # ecr-guard-ignore wildcard-principal -- accepted\n  dynamic "statement" {'));
    assert.deepStrictEqual(findings.map((finding) => finding.suppression?.reason), ['accepted', 'accepted']);
  });

  it('YAML: above the sequence item, at the dash', () => {
    const { text, findings } = suppress('/w/template.yaml', TEMPLATE, 'wildcard-principal');
    assert.strictEqual(text, TEMPLATE.replace('          - Sid: Public', '          # ecr-guard-ignore wildcard-principal -- accepted\n          - Sid: Public'));
    assert.strictEqual(findings.length, 1);
    assert.strictEqual(findings[0].suppression?.kind, 'inSource');
  });

  it('JSON policy files, heredocs and statements sharing a line go to the trust list, with the Sid when there is one', () => {
    const json = analyse('/w/policy.json', JSON_POLICY);
    assert.deepStrictEqual(suppressionPlace(json.findings[0], json.documents, JSON_POLICY, undefined), { kind: 'trust', sid: 'Public' });
    const heredoc = `resource "aws_ecr_repository_policy" "p" {\n  repository = "p"\n  policy = <<EOF\n{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage"}]}\nEOF\n}\n`;
    const tf = analyse('/w/main.tf', heredoc);
    assert.deepStrictEqual(suppressionPlace(tf.findings[0], tf.documents, heredoc, '#'), { kind: 'trust' });
    const flow = TEMPLATE.replace(/ {10}- Sid: Public[\s\S]*$/, '          [{Sid: A, Effect: Allow, Principal: "*", Action: ecr:BatchGetImage}, {Sid: B, Effect: Allow, Principal: "*", Action: ecr:BatchGetImage}]\n');
    const yaml = analyse('/w/template.yaml', flow);
    assert.strictEqual(yaml.findings.length, 2, yaml.findings.map((finding) => finding.message).join('\n'));
    assert.deepStrictEqual(suppressionPlace(yaml.findings[0], yaml.documents, flow, '#'), { kind: 'trust', sid: 'A' });
  });

  it('the trust list entry: appended to suppressions (created when missing), and it suppresses the finding', () => {
    const entry = { file: 'policies/policy.json', sid: 'Public', rule: 'wildcard-principal', reason: 'public base image', until: '2027-06-30' };
    const created = addSuppression(undefined, entry);
    assert.deepStrictEqual(JSON.parse(created).suppressions, [entry]);
    const existing = '{\n  "ownAccounts": [],\n  "suppressions": [\n    { "file": "a.json", "rule": "external-write", "reason": "x" }\n  ]\n}\n';
    assert.strictEqual(addSuppression(existing, { file: 'b.json', rule: 'wildcard-principal', reason: 'y' }),
      existing.replace('"reason": "x" }', '"reason": "x" },\n    { "file": "b.json", "rule": "wildcard-principal", "reason": "y" }'));
    assert.strictEqual(addSuppression(existing, { file: 'b.json', rule: 'wildcard-principal', reason: 'y' }, true),
      existing.replace('[\n    {', '[\n    { "file": "b.json", "rule": "wildcard-principal", "reason": "y" },\n    {'), 'first: before the others');
    assert.strictEqual(addSuppression('{"suppressions": [{"file": "a.json", "rule": "external-write", "reason": "x"}]}', { file: 'b.json', rule: 'wildcard-principal', reason: 'y' }, true),
      '{"suppressions": [{ "file": "b.json", "rule": "wildcard-principal", "reason": "y" }, {"file": "a.json", "rule": "external-write", "reason": "x"}]}');
    const { list, problems } = parseTrustList(created, '/w/.ecr-trust.json');
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(trustSuppressionFor(list, '/w/policies/policy.json', 'wildcard-principal', 'Public')?.reason, 'public base image');
  });

  it('answers: a reason is required and one line; a date is real and not past', () => {
    assert.match(suppressionReasonProblem('  ') ?? '', /why/i);
    assert.match(suppressionReasonProblem('a\nb') ?? '', /one line/);
    assert.strictEqual(suppressionReasonProblem('reviewed -- ok'), undefined);
    assert.strictEqual(suppressionUntilProblem('', NOW), undefined);
    assert.strictEqual(suppressionUntilProblem('2026-11-30', NOW), undefined, 'today still counts');
    assert.match(suppressionUntilProblem('2026-11-29', NOW) ?? '', /past/);
    assert.match(suppressionUntilProblem('2027-02-30', NOW) ?? '', /YYYY-MM-DD/);
  });
});
