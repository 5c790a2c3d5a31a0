import * as assert from 'assert';
import { TerraformParser } from '../../server/src/core/terraform';
import { parseTrustList } from '../../server/src/core/trust';
import { Analyzer, checkEveryFix, checkAccountInput, checkFixAll, checkOrganizationInput, jsonAnalyzer, terraformAnalyzer } from './fixes-support';
import { CI_PUSH, documentFile, heredocFile, jsonencodeFile, jsonFile, ORGANIZATION, OWN, Random, randomPolicy, STAGING } from './fixes-generators';
import { loadWasmParser } from './support';

/**
 * Property test of the quick fixes: many random policies (fixes-generators.ts: wildcards, principal lists,
 * NotPrincipal/NotAction, weak and binding conditions, random layout, comments in JSONC and HCL, CRLF,
 * trailing commas) in every syntax the fixes edit; every fix of every finding must pass the checks the
 * fixture test applies (fixes-support.ts). Deterministic: FIXES_SEED picks another run, FIXES_CASES the
 * number of policies per syntax. A failure names the seed and case, and shows the policy.
 */
type Form = 'json' | 'jsonc' | 'document' | 'jsonencode' | 'heredoc';
const FORMS: Form[] = ['json', 'jsonc', 'document', 'jsonencode', 'heredoc'];
const SEED = Number(process.env.FIXES_SEED ?? 20260601);
/** Policies per form; Terraform forms re-parse on every fix step, so they get fewer (700 Terraform, 800 JSON). */
const DEFAULT_CASES: Record<Form, number> = { json: 400, jsonc: 400, document: 200, jsonencode: 200, heredoc: 300 };
const casesOf = (form: Form): number => Number(process.env.FIXES_CASES ?? DEFAULT_CASES[form]);
const NOW = new Date('2026-06-01T12:00:00Z');


/** The trust lists a policy is checked against: the usual one, one without organisations, one with two, none. */
function randomTrust(random: Random): { text?: string; variant: string } {
  const roll = random.next();
  const trustedAccounts = { [STAGING]: { name: 'staging', access: 'pull' }, [CI_PUSH]: { name: 'ci-builder', access: 'push', expires: '2027-03-31' } };
  const write = (organizationIds: string[]): string => `${JSON.stringify({ ownAccounts: [OWN], organizationIds, trustedAccounts }, null, random.pick([2, 4]))}\n`;
  if (roll < 0.6) return { text: write([ORGANIZATION]), variant: 'trust list with one organisation' };
  if (roll < 0.8) return { text: write([]), variant: 'trust list without organisations' };
  if (roll < 0.92) return { text: write([ORGANIZATION, 'o-f6g7h8i9j0']), variant: 'trust list with two organisations' };
  return { variant: 'no trust list' };
}

function render(form: Form, random: Random): { name: string; text: string } {
  const policy = randomPolicy(random);
  switch (form) {
    case 'json': return jsonFile(policy, random, false);
    case 'jsonc': return jsonFile(policy, random, true);
    case 'document': return { name: 'main.tf', text: documentFile(policy, random).text };
    case 'jsonencode': return { name: 'main.tf', text: jsonencodeFile(policy, random).text };
    case 'heredoc': return { name: 'main.tf', text: heredocFile(policy, random).text };
  }
}

describe('quick fixes on random policies (property)', function () {
  this.timeout(60_000);
  let terraform: TerraformParser;
  const applied = new Map<string, number>();
  const tally = (key: string): void => {
    applied.set(key, (applied.get(key) ?? 0) + 1);
  };

  before(async () => {
    terraform = await loadWasmParser();
  });

  for (const form of FORMS) {
    const CASES = casesOf(form);
    it(`${CASES} ${form} policies (seed ${SEED})`, () => {
      const failures: string[] = [];
      let findings = 0;
      for (let index = 0; index < CASES && failures.length < 5; index++) {
        const random = new Random(SEED ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(FORMS.indexOf(form) + 1, 0x85ebca6b));
        const { text: trustText, variant } = randomTrust(random);
        const trust = trustText === undefined ? undefined : parseTrustList(trustText, 'trust.json').list;
        const { name, text } = render(form, random);
        const analyzer: Analyzer = form === 'json' || form === 'jsonc' ? jsonAnalyzer({ trust, now: NOW }) : terraformAnalyzer(terraform, { trust, now: NOW });
        const analysis = analyzer.analyze(text);
        const problems: string[] = [];
        // The generator writes valid files; a fix is then held to keeping them valid.
        if (analysis.syntax.lenient.length > 0 || (form === 'json' && analysis.syntax.strict.length > 0) || analysis.syntax.regions.some((errors) => errors.length > 0)) {
          problems.push(`the generated ${name} does not parse: ${[...analysis.syntax.lenient, ...analysis.syntax.strict, ...analysis.syntax.regions.flat()].join('; ')}`);
        } else {
          findings += analysis.findings.length;
          problems.push(...checkEveryFix(analyzer, analysis, trustText, tally));
          if (variant === 'trust list with one organisation' || variant === 'no trust list') {
            problems.push(...checkOrganizationInput(analyzer, text, trustText, tally).map((problem) => `(organisation typed in) ${problem}`));
            problems.push(...checkAccountInput(analyzer, text, trustText, tally).map((problem) => `(own account typed in) ${problem}`));
          }
          problems.push(...checkFixAll(analyzer, analysis, tally).map((problem) => `(fix all) ${problem}`));
        }
        if (problems.length > 0) {
          failures.push(`FIXES_SEED=${SEED} ${form} case ${index} (${variant}):\n  ${problems.join('\n  ')}\n--- ${name} ---\n${text}---`);
        }
      }
      assert.ok(failures.length === 0, `${failures.length}${failures.length === 5 ? '+' : ''} failing policies:\n\n${failures.join('\n\n')}`);
      assert.ok(findings >= CASES, `only ${findings} findings in ${CASES} ${form} policies: the generator is too tame`);
    });
  }

  it('applied every kind of fix in every syntax', () => {
    const summary = JSON.stringify(Object.fromEntries([...applied].sort()), null, 1);
    for (const syntax of ['json', 'terraform']) {
      for (const kind of ['restrict-to-pull', 'restrict-to-push-and-pull', 'add-organization-condition', 'not-principal-to-organization', 'add-source-account-condition', 'remove-principal', 'remove-statement', 'trust-account', 'organization-id asked', 'account-id asked', 'fix all']) {
        assert.ok((applied.get(`${syntax} ${kind}`) ?? 0) >= 20, `${syntax} ${kind}: applied ${applied.get(`${syntax} ${kind}`) ?? 0} times: ${summary}`);
      }
    }
  });
});
