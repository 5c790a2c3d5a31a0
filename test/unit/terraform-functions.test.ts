import * as assert from 'assert';
import { FUNCTIONS } from '../../server/src/core/terraform/eval/functions';
import { toJson } from '../../server/src/core/terraform/eval/functions/encoding';
import { EvalError } from '../../server/src/core/terraform/eval/value';
import { CASES, ERROR, FILES } from './terraform-functions/cases';
import { evaluate } from './terraform-functions/hcl';

/**
 * Terraform's built-in functions against what `terraform console` answered (v1.11.4, recorded in
 * ./terraform-functions/cases-*.ts; `npx tsx scripts/terraform-console-cases.mjs` re-asks Terraform).
 */

/** Where ECR Guard knowingly answers otherwise, and why. */
const DEVIATIONS: Record<string, { answer: string; why: string }> = {
  'replace("abc", "/(b/", "x")': { answer: 'unknown', why: 'a pattern not translated to JavaScript (here one RE2 rejects) is unknown, never guessed' },
  'format("%d|%d|%d", "7", -0, 12345678901234567890)': { answer: '"7|0|12345678901234567000"', why: 'a double holds 17 significant digits, Terraform 512 bits' },
};

/** The answer in the console's terms: the jsonencode text, ERROR, or "unknown". */
function answer(expression: string): string {
  try {
    return toJson(evaluate(expression, FILES))?.json ?? 'unknown';
  } catch (error) {
    if (error instanceof EvalError) return ERROR;
    throw error;
  }
}

function functionName(expression: string): string {
  return /^\w+/.exec(expression)![0];
}

describe('Terraform functions: the answers of terraform console', () => {
  const byFunction = new Map<string, [string, string][]>();
  for (const entry of CASES) byFunction.set(functionName(entry[0]), [...(byFunction.get(functionName(entry[0])) ?? []), entry]);

  for (const [name, cases] of byFunction) {
    it(`${name} (${cases.length} expression${cases.length === 1 ? '' : 's'})`, () => {
      for (const [expression, terraform] of cases) {
        const expected = DEVIATIONS[expression]?.answer ?? terraform;
        assert.strictEqual(answer(expression), expected, expression);
      }
    });
  }

  it('covers every function the evaluator offers', () => {
    assert.deepStrictEqual([...FUNCTIONS.keys()].filter((name) => !byFunction.has(name)), []);
  });

  it('each deviation is still one (Terraform answers otherwise)', () => {
    for (const [expression, deviation] of Object.entries(DEVIATIONS)) {
      const recorded = CASES.find(([candidate]) => candidate === expression);
      assert.ok(recorded, `${expression} is in the table`);
      assert.notStrictEqual(recorded[1], deviation.answer, deviation.why);
    }
  });
});
