import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { checkPolicies } from '../../server/src/core/analyze';
import { analyzeFile } from '../../server/src/core/batch';
import { PolicyDocument, Span } from '../../server/src/core/model';
import { planPolicies } from '../../server/src/core/terraformPlan/policies';

/** Broken, nested and ill-typed plans: nothing throws, and every span stays inside the text. */
const REAL_PLAN = fs.readFileSync(path.resolve(__dirname, '..', 'fixtures', 'terraform-plan', 'modules', 'plan.json'), 'utf8');
const POLICY = JSON.stringify(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }] }));

function withResources(resources: string): string {
  return `{"format_version":"1.2","planned_values":{"root_module":{"resources":[${resources}]}}}`;
}

function policyResource(policy: string, address = 'aws_ecr_repository_policy.x'): string {
  return `{"address":"${address}","type":"aws_ecr_repository_policy","values":{"policy":${policy}}}`;
}

function spansOf(document: PolicyDocument): Span[] {
  return [document.span, ...document.statements.flatMap((statement) => [
    statement.span,
    ...[statement.sid, statement.effect, statement.principalKey, statement.actionKey, statement.conditionKey].flatMap((item) => item ? [item.span] : []),
    ...statement.principals.map((principal) => principal.value.span),
    ...statement.actions.map((action) => action.span),
    ...statement.conditions.flatMap((clause) => [clause.operator.span, clause.key.span, ...clause.values.map((value) => value.span)]),
  ])];
}

/** Reads `text` the way the scan does, checking that it yields findings without throwing and with sane spans. */
function survives(text: string): PolicyDocument[] {
  const documents = planPolicies(text);
  for (const span of documents.flatMap(spansOf)) {
    assert.ok(span.offset >= 0 && span.length >= 0 && span.offset + span.length <= text.length, `span ${JSON.stringify(span)} outside a text of ${text.length}`);
  }
  checkPolicies(documents, {});
  analyzeFile({ name: 'plan.json', text }, {});
  return documents;
}

/** mulberry32, seeded: a failing mutant can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('Terraform plans: hostile input', () => {
  it('reads the real plan whole, and every truncation of it without throwing', () => {
    assert.strictEqual(survives(REAL_PLAN).length, 7);
    const policyStart = REAL_PLAN.indexOf('"policy":"{') + 20;
    const cuts = [policyStart, policyStart + 1, ...Array.from({ length: 200 }, (_, i) => Math.floor((i * REAL_PLAN.length) / 200))];
    let partial = 0;
    for (const cut of cuts) if (survives(REAL_PLAN.slice(0, cut)).length > 0) partial++;
    assert.ok(partial > 50, `truncated plans still yield the policies read before the cut (${partial} of ${cuts.length})`);
  });

  it('survives random mutations of the real plan', () => {
    const random = seeded(20260601);
    const pieces = ['{', '}', '[', ']', '"', '\\', ',', ':', '\\u00', 'null', '"policy":', '"child_modules":[', '"resources":'];
    for (let i = 0; i < 200; i++) {
      let text = REAL_PLAN;
      for (let edits = 1 + Math.floor(random() * 4); edits > 0; edits--) {
        const at = Math.floor(random() * text.length);
        const piece = pieces[Math.floor(random() * pieces.length)];
        text = random() < 0.5 ? text.slice(0, at) + piece + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 20));
      }
      survives(text);
    }
  });

  it('takes no policy from a value that is not a string, nor from a string that is not a policy', () => {
    for (const value of ['42', 'true', 'null', '{"Statement":[{"Principal":"*"}]}', `[${POLICY}]`, '""', '"not json"', JSON.stringify('['.repeat(5000)), '"{\\"Statement\\": \\"x\\"'])
      assert.deepStrictEqual(survives(withResources(policyResource(value))).filter((document) => document.statements.length > 0), [], value.slice(0, 40));
    assert.strictEqual(survives(withResources(policyResource(POLICY))).length, 1);
  });

  it('skips resources and fields of the wrong shape and keeps reading', () => {
    const text = withResources(['1', '"x"', 'null', '[]', '[{"type":"aws_ecr_repository_policy","values":{"policy":"{}"}}]', '{"type":7,"values":{"policy":7}}', '{"address":["a"],"type":"aws_ecr_repository_policy","values":[]}', policyResource(POLICY, 'aws_ecr_repository_policy.ok')].join(','));
    assert.deepStrictEqual(survives(text).map((document) => document.provenance?.resource), ['aws_ecr_repository_policy.ok']);
    for (const other of ['', '[]', '"plan"', '{"planned_values": 1}', '{"planned_values": {"root_module": []}}', '{"resource_changes": {"after_unknown": true}}'])
      assert.deepStrictEqual(survives(other), [], other);
  });

  it('follows child modules as deep as JSON nesting allows, and refuses nesting deeper than that without overflowing', () => {
    const nested = (depth: number): string => {
      let module = `{"resources":[${policyResource(POLICY, 'module.deep.aws_ecr_repository_policy.x')}]}`;
      for (let i = 0; i < depth; i++) module = `{"child_modules":[${module}]}`;
      return `{"format_version":"1.2","planned_values":{"root_module":${module}}}`;
    };
    assert.strictEqual(survives(nested(300)).length, 1);
    assert.deepStrictEqual(survives(nested(5000)), []);
  });
});
