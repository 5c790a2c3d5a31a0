import * as assert from 'assert';
import { fixAll, fixAllAsync, fixesFor, preferredFix } from '../../server/src/core/fixes';
import { checkPolicies } from '../../server/src/core/analyze';
import { extractJsonPolicies } from '../../server/src/core/json/extract';
import { TerraformParser } from '../../server/src/core/terraform';
import { parseTrustList, TrustList } from '../../server/src/core/trust';
import { Analysis, Analyzer, jsonAnalyzer, terraformAnalyzer } from './fixes-support';
import { CI_PUSH, jsonFile, ORGANIZATION, OWN, Random, randomPolicy, STAGING, StatementModel } from './fixes-generators';
import { loadWasmParser } from './support';

/**
 * Fix-all converges: a fix is kept only if it clears its finding and adds none, is never repeated, never
 * touches a half-typed statement, and costs a few analyses per round rather than one per fix. Code
 * actions are total: an odd shape drops only the fix that cannot be built.
 */
const NOW = new Date('2026-06-01T12:00:00Z');
const trust: TrustList = parseTrustList(JSON.stringify({
  ownAccounts: [OWN],
  organizationIds: [ORGANIZATION],
  trustedAccounts: { [STAGING]: { name: 'staging', access: 'pull' }, [CI_PUSH]: { name: 'ci', access: 'push' } },
}), 'trust.json').list;

const run = (analyzer: Analyzer, text: string): string => fixAll(text, (next) => analyzer.analyze(next));
const occurrences = (text: string, part: string): number => text.split(part).length - 1;

/** A healthy policy text of about `size` characters, written by the property test's generator. */
function largePolicy(size: number, seed: number): string {
  const random = new Random(seed);
  const statements: StatementModel[] = [];
  let text = '';
  while (text.length < size) {
    // A random policy's Deny guards its own statements; merged into one policy it would guard all of them.
    for (let index = 0; index < 50; index++) statements.push(...randomPolicy(random).statements.filter((statement) => statement.effect !== 'Deny'));
    text = jsonFile({ statements, singleObject: false }, new Random(seed), false).text;
  }
  return text;
}

/** Findings whose preferred fix needs no input and edits the document: what fix-all is meant to clear. */
function fixable(analysis: Pick<Analysis, 'source' | 'findings'>): number {
  return analysis.findings.filter((finding) => {
    const fix = preferredFix(finding, analysis.source);
    return fix?.edits && !fix.needs;
  }).length;
}

describe('fix-all converges (regressions of issue 9)', function () {
  this.timeout(180_000);
  const json = jsonAnalyzer({ trust, now: NOW });
  let terraform: TerraformParser;

  before(async () => {
    terraform = await loadWasmParser();
  });

  describe('a half-typed statement', () => {
    const HALF_TYPED = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Half",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "ecr:BatchGetImage",
      "Condition": {
        "StringEquals": { "aws:PrincipalOrgID": 
        }
      }
    },
    {
      "Sid": "Healthy",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "ecr:BatchGetImage"
    }
  ]
}
`;

    it('is left as it is (was: 200 copies of its condition key outside the Condition); the healthy statement is fixed', () => {
      const result = run(json, HALF_TYPED);
      assert.ok(result.length <= HALF_TYPED.length + 200, `grew from ${HALF_TYPED.length} to ${result.length} characters`);
      assert.strictEqual(occurrences(result, '"aws:PrincipalOrgID"'), 2, result);
      const half = HALF_TYPED.slice(HALF_TYPED.indexOf('    {'), HALF_TYPED.indexOf('    },') + 6);
      assert.ok(result.includes(half), `the half-typed statement is untouched:\n${result}`);
    });

    it('gets no quick fix that edits it; trust list fixes are still offered', () => {
      const analysis = json.analyze(HALF_TYPED);
      const half = analysis.findings.filter((finding) => finding.data.statementIndex === 0);
      assert.ok(half.length > 0, 'the half-typed statement still has its finding');
      for (const finding of half) assert.deepStrictEqual(fixesFor(finding, analysis.source).filter((fix) => fix.edits), []);
    });

    it('fix-all stops on a file cut off inside the condition, as the user types it', () => {
      const cut = HALF_TYPED.slice(0, HALF_TYPED.indexOf('"aws:PrincipalOrgID": ') + 22);
      const result = run(json, cut);
      assert.ok(result.length <= cut.length + 200, `grew from ${cut.length} to ${result.length} characters`);
      assert.strictEqual(occurrences(result, '"aws:PrincipalOrgID"'), 1, result);
    });
  });

  describe('odd shapes: a fix that cannot be built is not offered, the others are (was: every quick fix of the file was lost)', () => {
    const policyWith = (condition: string): string => `{"Statement": [
  {"Sid": "Odd", "Effect": "Allow", "Principal": "*", "Action": ["ecr:PutImage", "ecr:BatchGetImage"], "Condition": ${condition}},
  {"Sid": "Vendor", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::999988887777:root", "arn:aws:iam::${STAGING}:root"]}, "Action": "ecr:*"}
]}`;
    for (const [shape, condition] of [['a string', '"o-x"'], ['a number', '5'], ['an array', '["a"]'], ['null', 'null'], ['an operator whose value is a string', '{"StringEquals": "o-x"}']]) {
      it(`Condition is ${shape}`, () => {
        const text = policyWith(condition);
        const analysis = json.analyze(text);
        const offered = analysis.findings.map((finding) => `${finding.rule}: ${fixesFor(finding, analysis.source).map((fix) => fix.id).join(', ')}`);
        assert.deepStrictEqual(offered, [
          'wildcard-principal: remove-statement',
          'external-write: restrict-to-pull, remove-statement',
          'untrusted-account: trust-account, mark-own-account, remove-principal, remove-statement',
          'external-write: restrict-to-pull, remove-statement',
        ]);
        const result = run(json, text);
        assert.strictEqual(occurrences(result, '"Condition"'), 1, result);
        assert.ok(json.analyze(result).findings.length < analysis.findings.length);
      });
    }

    it('jsonencode: a Condition that is not an object gets no second Condition', () => {
      const tf = terraformAnalyzer(terraform, { trust, now: NOW });
      const text = `resource "aws_ecr_repository_policy" "app" {
  repository = "app"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "ecr:BatchGetImage"
      Condition = "o-x"
    }]
  })
}
`;
      const analysis = tf.analyze(text);
      const [finding] = analysis.findings.filter((candidate) => candidate.rule === 'wildcard-principal');
      assert.ok(finding);
      assert.deepStrictEqual(fixesFor(finding, analysis.source).map((fix) => fix.id), []);
      assert.strictEqual(run(tf, text), text);
    });

    it('heredoc: a ${...} interpolation outside JSON strings is Terraform, not a half-typed statement; its fixes stay', () => {
      const tf = terraformAnalyzer(terraform, { trust, now: NOW });
      const text = `resource "aws_ecr_repository_policy" "app" {
  repository = "app"
  policy = <<EOF
{
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::${STAGING}:root" },
      "Action": ["ecr:BatchGetImage", "ecr:PutImage"],
      "Resource": \${jsonencode(var.arns)}
    }
  ]
}
EOF
}
`;
      const analysis = tf.analyze(text);
      const [finding] = analysis.findings.filter((candidate) => candidate.rule === 'external-write');
      assert.ok(finding, 'the push grant is found');
      assert.ok(fixesFor(finding, analysis.source).some((fix) => fix.id === 'restrict-to-pull'));
      const result = run(tf, text);
      assert.ok(result.includes('"Resource": ${jsonencode(var.arns)}'), result);
      assert.ok(!tf.analyze(result).findings.some((candidate) => candidate.rule === 'external-write'), result);
    });
  });

  for (const [label, size] of [['100 KB', 100_000], ['1 MB', 1_000_000]] as const) {
    it(`a healthy generated policy of ${label}: fix-all leaves no finding its preferred fix would clear`, () => {
      const text = largePolicy(size, 20261129);
      // The server's analysis (the test analyzer also checks syntax, which would dominate at this size).
      const analyze = (next: string): Pick<Analysis, 'source' | 'findings'> => {
        const documents = extractJsonPolicies(next);
        return { source: { text: next, documents, trust }, findings: checkPolicies(documents, { trust, now: NOW }) };
      };
      const before = analyze(text);
      let analyses = 0;
      const started = Date.now();
      const result = fixAll(text, (next) => {
        analyses++;
        return analyze(next);
      });
      const elapsed = Date.now() - started;
      const after = analyze(result);
      console.log(`      ${label}: ${text.length} characters, ${before.findings.length} findings (${fixable(before)} fixable) -> ${after.findings.length} (${fixable(after)} fixable), ${analyses} analyses, ${elapsed} ms`);
      assert.ok(fixable(before) > 0);
      assert.strictEqual(fixable(after), 0);
      assert.ok(analyses <= 10, `${analyses} analyses: a few rounds, not one per fix`);
    });
  }

  it('fixAllAsync pauses between slices of work and gives the same text as fixAll', async () => {
    const text = largePolicy(50_000, 7);
    let pauses = 0;
    const result = await fixAllAsync(text, (next) => json.analyze(next), async () => {
      pauses++;
      return true;
    }, 0);
    assert.strictEqual(result, run(json, text));
    assert.ok(pauses > 10, `${pauses} pauses`);
  });

  it('fixAllAsync stops at the first pause that says stop (the document changed, the request was cancelled)', async () => {
    const text = largePolicy(50_000, 7);
    let analyses = 0;
    let pauses = 0;
    const result = await fixAllAsync(text, (next) => {
      analyses++;
      return json.analyze(next);
    }, async () => ++pauses < 3, 0);
    assert.strictEqual(result, undefined);
    assert.strictEqual(pauses, 3);
    assert.ok(analyses <= 2, `${analyses} analyses after being told to stop`);
  });
});
