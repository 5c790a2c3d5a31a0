import * as assert from 'assert';
import { checkPolicies } from '../../server/src/core/analyze';
import { extractJsonPolicies } from '../../server/src/core/json/extract';
import { extractStrictJsonPolicy } from '../../server/src/core/json/fastExtract';
import { MAX_JSON_NESTING, nestsTooDeep } from '../../server/src/core/json/nesting';
import { parseTrustList } from '../../server/src/core/trust';

/** Runs `work` with about `frames` frames already on the stack, as a deep caller would. */
function fromDeepStack<T>(frames: number, work: () => T): T {
  return frames === 0 ? work() : fromDeepStack(frames - 1, work);
}

const PUBLIC = (inner: string): string =>
  `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"StringEquals":{"aws:Junk":${inner}}}}]}`;

describe('JSON nesting limit (issue 9: results that depended on the stack depth)', () => {
  it('counts brackets and braces outside strings and comments', () => {
    assert.strictEqual(nestsTooDeep('['.repeat(11), 10), true);
    assert.strictEqual(nestsTooDeep('['.repeat(10), 10), false);
    assert.strictEqual(nestsTooDeep(`"${'['.repeat(50)}"`, 10), false);
    assert.strictEqual(nestsTooDeep(`"\\"${'{'.repeat(50)}"`, 10), false);
    assert.strictEqual(nestsTooDeep(`// ${'['.repeat(50)}\n[]`, 10), false);
    assert.strictEqual(nestsTooDeep(`/* ${'['.repeat(50)} */ []`, 10), false);
    assert.strictEqual(nestsTooDeep(`${'[]'.repeat(50)}`, 10), false);
  });

  it('a policy nested deeper than the limit is no policy, wherever it is parsed: the same answer from a deep stack', () => {
    // 3,000 levels: jsonc-parser gets through them from a shallow stack, not from a deep one.
    const deep = PUBLIC(`${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`);
    const shallow = extractJsonPolicies(deep);
    assert.deepStrictEqual(shallow, []);
    assert.deepStrictEqual(fromDeepStack(5000, () => extractJsonPolicies(deep)), shallow);
    assert.strictEqual(extractStrictJsonPolicy(deep), undefined);
    assert.strictEqual(fromDeepStack(5000, () => extractStrictJsonPolicy(deep)), undefined);
  });

  it('a half-typed deep nesting (unclosed) is refused the same way', () => {
    const truncated = PUBLIC('{"a":'.repeat(MAX_JSON_NESTING * 4)).slice(0, -3);
    assert.deepStrictEqual(extractJsonPolicies(truncated), []);
    assert.deepStrictEqual(fromDeepStack(5000, () => extractJsonPolicies(truncated)), []);
  });

  it('nesting within the limit is still read: the public statement is found', () => {
    const nested = PUBLIC(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`);
    const findings = checkPolicies(extractJsonPolicies(nested), {});
    assert.deepStrictEqual(findings.map((finding) => finding.rule), ['wildcard-principal']);
    assert.deepStrictEqual(extractStrictJsonPolicy(nested), extractJsonPolicies(nested));
  });

  it('a trust list nested too deeply is an error, not an exception', () => {
    const parsed = parseTrustList(`{"trustedAccounts":${'['.repeat(MAX_JSON_NESTING + 1)}`, 'trust');
    assert.deepStrictEqual(parsed.problems.map((problem) => problem.message), ['Trust list is nested too deeply to read.']);
  });
});
