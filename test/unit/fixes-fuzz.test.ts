import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import { TerraformParser } from '../../server/src/core/terraform';
import { parseTrustList, TrustList } from '../../server/src/core/trust';
import { CI_PUSH, ORGANIZATION, OWN, Random, STAGING } from './fixes-generators';
import { Analyzer, jsonAnalyzer, terraformAnalyzer } from './fixes-support';
import { loadWasmParser } from './support';

/**
 * Fix-all and the quick fixes on broken input: random mutations of the fixture files (cuts, duplicated
 * ranges, stray braces, commas and quotes, truncation). Whatever the text, building fixes never throws,
 * and fix-all never throws, never leaves more findings than it found and grows the text by at most one
 * fix per finding. Deterministic: FUZZ_SEED picks another run, FUZZ_CASES the mutants per syntax.
 */
const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const CASES = Number(process.env.FUZZ_CASES ?? 250);
const NOW = new Date('2026-06-01T12:00:00Z');
/** More than any one fix writes (the longest is a Terraform condition block with its indentation). */
const GROWTH_PER_FINDING = 400;
const TOKENS = ['{', '}', '[', ']', ',', ':', '"', '\n', '"aws:PrincipalOrgID": ', '"Condition": ', '"StringEquals": { ', '= ', '<<EOF\n', '${', '#', '//', '/*'];

function files(folder: string, accept: (name: string) => boolean): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return files(full, accept);
    return accept(entry.name) ? [full] : [];
  }).sort();
}

function mutate(text: string, random: Random): string {
  let result = text;
  for (let count = 1 + random.int(3); count > 0; count--) {
    const at = random.int(result.length + 1);
    const to = Math.min(result.length, at + random.int(40));
    switch (random.int(5)) {
      case 0: result = result.slice(0, at) + result.slice(to); break;
      case 1: result = result.slice(0, at) + random.pick(TOKENS) + result.slice(at); break;
      case 2: result = result.slice(0, to) + result.slice(at, to) + result.slice(to); break;
      case 3: result = result.slice(0, at); break;
      default: result = result.slice(0, at) + result.slice(random.int(result.length + 1)).slice(0, 30) + result.slice(at);
    }
  }
  return result;
}

const trust: TrustList = parseTrustList(JSON.stringify({
  ownAccounts: [OWN],
  organizationIds: [ORGANIZATION],
  trustedAccounts: { [STAGING]: { name: 'staging', access: 'pull' }, [CI_PUSH]: { name: 'ci', access: 'push' } },
}), 'trust.json').list;

function problemsOf(analyzer: Analyzer, text: string): string[] {
  const before = analyzer.analyze(text);
  const problems: string[] = [];
  for (const finding of before.findings) {
    try {
      fixesFor(finding, before.source);
    } catch (error) {
      problems.push(`fixesFor threw on ${finding.rule} at ${finding.span.offset}: ${String(error)}`);
    }
  }
  let result: string;
  try {
    result = fixAll(text, (next) => analyzer.analyze(next));
  } catch (error) {
    return [...problems, `fixAll threw: ${error instanceof Error ? error.stack : String(error)}`];
  }
  const after = analyzer.analyze(result);
  if (after.findings.length > before.findings.length) problems.push(`fixAll left ${after.findings.length} findings of ${before.findings.length}`);
  if (result.length > text.length + GROWTH_PER_FINDING * before.findings.length) problems.push(`fixAll grew ${text.length} characters to ${result.length}`);
  return problems;
}

describe('fix-all and quick fixes on mutated fixtures (fuzz)', function () {
  this.timeout(120_000);
  let terraform: TerraformParser;

  before(async () => {
    terraform = await loadWasmParser();
  });

  for (const syntax of ['json', 'terraform'] as const) {
    it(`${CASES} mutated ${syntax} fixtures (seed ${SEED}): no throw, no more findings, bounded growth`, () => {
      const inputs = files(FIXTURES, syntax === 'json' ? (name) => name.endsWith('.json') && name !== 'expected.json' && !name.startsWith('.') : (name) => name.endsWith('.tf'));
      const analyzer = syntax === 'json' ? jsonAnalyzer({ trust, now: NOW }) : terraformAnalyzer(terraform, { trust, now: NOW });
      const random = new Random(SEED ^ (syntax === 'json' ? 0 : 0x5bd1e995));
      const failures: string[] = [];
      for (let index = 0; index < CASES && failures.length < 5; index++) {
        const file = random.pick(inputs);
        const text = mutate(fs.readFileSync(file, 'utf8'), random);
        const problems = problemsOf(analyzer, text);
        if (problems.length > 0) failures.push(`case ${index}, ${path.relative(FIXTURES, file)} mutated to:\n${text}\n${problems.join('\n')}`);
      }
      assert.deepStrictEqual(failures, []);
    });
  }
});
