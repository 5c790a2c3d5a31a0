import * as assert from 'assert';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import { parseTrustList } from '../../server/src/core/trust';
import { Analysis, Analyzer, checkEveryFix, checkFixAll, checkOrganizationInput, jsonAnalyzer } from './fixes-support';
import { CI_PUSH, jsonFile, ORGANIZATION, OWN, PolicyModel, Random, randomPolicy, STAGING } from './fixes-generators';
import { jsonTemplate, yamlJsonTemplate, yamlTemplate } from './fixes-yaml-generators';
import { jsonTemplateAnalyzer, yamlAnalyzer } from './fixes-yaml-support';
import { templateData } from './yamlPolicies';
import { multisetMinus } from '../../server/src/core/fixes/fixAll';

/**
 * The fix property test (fixes-property.test.ts) over CloudFormation templates: random policies written
 * as YAML mappings in random layouts, as JSON in a YAML `|` block, and nested in a JSON template. Every fix
 * of every finding passes the same checks as in policy files; a YAML result must also still be a template
 * CloudFormation reads. FIXES_SEED and FIXES_CASES as there.
 */
type Form = 'yaml' | 'yaml-json' | 'json-template';
const FORMS: Form[] = ['yaml', 'yaml-json', 'json-template'];
const SEED = Number(process.env.FIXES_SEED ?? 20261201);
const DEFAULT_CASES: Record<Form, number> = { yaml: 300, 'yaml-json': 150, 'json-template': 150 };
const casesOf = (form: Form): number => Number(process.env.FIXES_CASES ?? DEFAULT_CASES[form]);
const NOW = new Date('2026-06-01T12:00:00Z');

function randomTrust(random: Random): { text?: string; variant: string } {
  const roll = random.next();
  const trustedAccounts = { [STAGING]: { name: 'staging', access: 'pull' }, [CI_PUSH]: { name: 'ci-builder', access: 'push', expires: '2027-03-31' } };
  const write = (organizationIds: string[]): string => `${JSON.stringify({ ownAccounts: [OWN], organizationIds, trustedAccounts }, null, 2)}\n`;
  if (roll < 0.6) return { text: write([ORGANIZATION]), variant: 'trust list with one organisation' };
  if (roll < 0.8) return { text: write([]), variant: 'trust list without organisations' };
  if (roll < 0.92) return { text: write([ORGANIZATION, 'o-f6g7h8i9j0']), variant: 'trust list with two organisations' };
  return { variant: 'no trust list' };
}

function render(form: Form, policy: PolicyModel, random: Random): string {
  switch (form) {
    case 'yaml': return yamlTemplate(policy, random).text;
    case 'yaml-json': return yamlJsonTemplate(policy, random).text;
    case 'json-template': return jsonTemplate(policy, random).text;
  }
}

describe('quick fixes on random policies in CloudFormation templates (property)', function () {
  this.timeout(120_000);
  const applied = new Map<Form, Map<string, number>>(FORMS.map((form) => [form, new Map()]));

  for (const form of FORMS) {
    const CASES = casesOf(form);
    it(`${CASES} ${form} templates (seed ${SEED})`, () => {
      const tallies = applied.get(form)!;
      const tally = (key: string): void => {
        tallies.set(key.replace(/^\S+ /, ''), (tallies.get(key.replace(/^\S+ /, '')) ?? 0) + 1);
      };
      const failures: string[] = [];
      let findings = 0;
      for (let index = 0; index < CASES && failures.length < 5; index++) {
        const random = new Random(SEED ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(FORMS.indexOf(form) + 1, 0x85ebca6b));
        const { text: trustText, variant } = randomTrust(random);
        const trust = trustText === undefined ? undefined : parseTrustList(trustText, 'trust.json').list;
        const policy = randomPolicy(random);
        const text = render(form, policy, random);
        const analyzer: Analyzer = form === 'json-template' ? jsonTemplateAnalyzer({ trust, now: NOW }) : yamlAnalyzer({ trust, now: NOW });
        const analysis = analyzer.analyze(text);
        const problems: string[] = [];
        if (analysis.syntax.lenient.length > 0 || analysis.syntax.strict.length > 0 || analysis.syntax.regions.some((errors) => errors.length > 0)) {
          problems.push(`the generated template does not parse: ${[...analysis.syntax.lenient, ...analysis.syntax.strict, ...analysis.syntax.regions.flat()].join('; ')}`);
        } else {
          findings += analysis.findings.length;
          problems.push(...checkEveryFix(analyzer, analysis, trustText, tally));
          if (variant === 'trust list with one organisation' || variant === 'no trust list') problems.push(...checkOrganizationInput(analyzer, text, trustText, tally).map((problem) => `(organisation typed in) ${problem}`));
          problems.push(...checkFixAll(analyzer, analysis, tally).map((problem) => `(fix all) ${problem}`));
          if (form !== 'json-template') problems.push(...stillATemplate(analyzer, text));
          // A `!Sub` principal beside the literal ones lets the last literal one go, which JSON cannot have.
          if (!text.includes('AccountId}:root')) problems.push(...offeredAsInJson(analysis, jsonAnalyzer({ trust, now: NOW }).analyze(jsonFile(policy, random, false).text)));
        }
        if (problems.length > 0) failures.push(`FIXES_SEED=${SEED} ${form} case ${index} (${variant}):\n  ${problems.join('\n  ')}\n--- template ---\n${text}---`);
      }
      assert.ok(failures.length === 0, `${failures.length}${failures.length === 5 ? '+' : ''} failing templates:\n\n${failures.join('\n\n')}`);
      assert.ok(findings >= CASES, `only ${findings} findings in ${CASES} ${form} templates: the generator is too tame`);
    });
  }

  it('applied every kind of fix in every form', () => {
    for (const form of FORMS) {
      const tallies = applied.get(form)!;
      const summary = JSON.stringify(Object.fromEntries([...tallies].sort()));
      for (const kind of ['restrict-to-pull', 'restrict-to-push-and-pull', 'add-organization-condition', 'not-principal-to-organization', 'remove-principal', 'remove-statement', 'trust-account', 'organization-id asked', 'fix all']) {
        assert.ok((tallies.get(kind) ?? 0) >= 5, `${form} ${kind}: applied ${tallies.get(kind) ?? 0} times: ${summary}`);
      }
    }
  });
});

/** Fix-all's result, read as CloudFormation reads it (short forms resolved), differs from the template only in RepositoryPolicyText. */
function stillATemplate(analyzer: Analyzer, text: string): string[] {
  const result = fixAll(text, (next) => analyzer.analyze(next));
  type Template = { Resources: { Repo: { Properties: Record<string, unknown> } } };
  const outside = (template: string): string => {
    const data = templateData(template) as Template;
    delete data.Resources.Repo.Properties.RepositoryPolicyText;
    return JSON.stringify(data);
  };
  return outside(result) === outside(text) ? [] : [`fix-all changed the template outside the policy:\n${result}`];
}

/** The same policy in a JSON policy file gets the same fixes, finding for finding: the template's syntax refuses none. */
function offeredAsInJson(template: Analysis, json: Analysis): string[] {
  const offered = (analysis: Analysis): string[] => analysis.findings.map((finding) => `${finding.rule}: ${fixesFor(finding, analysis.source)
    .map((fix) => `${fix.id}${fix.isPreferred ? '*' : ''}${fix.edits ? '' : fix.needs ? '?' : '!'}`).sort().join(' ')}`).sort();
  const [here, there] = [offered(template), offered(json)];
  return JSON.stringify(here) === JSON.stringify(there) ? [] : [`offered ${JSON.stringify(multisetMinus(here, there))} where a JSON file gets ${JSON.stringify(multisetMinus(there, here))}`];
}
