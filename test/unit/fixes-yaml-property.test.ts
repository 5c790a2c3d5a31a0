import * as assert from 'assert';
import { fixAll, fixesFor } from '../../server/src/core/fixes';
import { YamlStatementEditor } from '../../server/src/core/fixes/yamlEditor';
import { parseTrustList } from '../../server/src/core/trust';
import { Analysis, Analyzer, checkAccountInput, checkEveryFix, checkFixAll, checkOrganizationInput, jsonAnalyzer } from './fixes-support';
import { CI_PUSH, jsonFile, ORGANIZATION, OWN, PolicyModel, Random, randomPolicy, STAGING } from './fixes-generators';
import { jsonTemplate, yamlJsonTemplate, yamlTemplate } from './fixes-yaml-generators';
import { jsonTemplateAnalyzer, templateData, yamlAnalyzer } from './fixes-yaml-support';
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
const DEFAULT_CASES: Record<Form, number> = { yaml: 250, 'yaml-json': 120, 'json-template': 120 };
const casesOf = (form: Form): number => Number(process.env.FIXES_CASES ?? DEFAULT_CASES[form]);
const NOW = new Date('2026-06-01T12:00:00Z');
const FUZZ_CASES = Number(process.env.FUZZ_CASES ?? 150);
const TOKENS = [':', '- ', '{', '}', '[', ']', ',', "'", '"', '#', '\n', '\t', '  ', '&a ', '*a', '<<: ', '!Ref ', '|\n', 'Condition:\n  ', 'StringEquals: '];

/** Cuts, stray indicators and quotes, re-indented or duplicated ranges: half-typed YAML. */
function mutate(text: string, random: Random): string {
  let result = text;
  for (let count = 1 + random.int(3); count > 0; count--) {
    const at = random.int(result.length + 1);
    const to = Math.min(result.length, at + random.int(40));
    switch (random.int(4)) {
      case 0: result = result.slice(0, at) + result.slice(to); break;
      case 1: result = result.slice(0, at) + random.pick(TOKENS) + result.slice(at); break;
      case 2: result = result.slice(0, to) + result.slice(at, to) + result.slice(to); break;
      default: result = result.slice(0, at);
    }
  }
  return result;
}

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
          if (variant === 'trust list with one organisation' || variant === 'no trust list') {
            problems.push(...checkOrganizationInput(analyzer, text, trustText, tally).map((problem) => `(organisation typed in) ${problem}`));
            problems.push(...checkAccountInput(analyzer, text, trustText, tally).map((problem) => `(own account typed in) ${problem}`));
          }
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

  it(`${FUZZ_CASES} mutated yaml templates (seed ${SEED}): the editor never throws, fix-all never leaves more findings`, () => {
    const trust = parseTrustList(randomTrust(new Random(SEED)).text ?? '{}', 'trust.json').list;
    const analyzer = yamlAnalyzer({ trust, now: NOW });
    const failures: string[] = [];
    for (let index = 0; index < FUZZ_CASES && failures.length < 5; index++) {
      const random = new Random(SEED ^ Math.imul(index + 1, 0x27d4eb2f));
      const text = mutate(render('yaml', randomPolicy(random), random), random);
      const problems: string[] = [];
      const before = analyzer.analyze(text);
      for (const finding of before.findings) {
        const document = before.source.documents[finding.data.documentIndex];
        const statement = document.statements[finding.data.statementIndex];
        try {
          const editor = YamlStatementEditor.create(before.source, statement);
          editor?.setActions(['ecr:BatchGetImage']);
          editor?.addOrganizationCondition(ORGANIZATION, statement.conditions);
          editor?.notPrincipalToOrganization(ORGANIZATION, []);
          for (const principal of statement.principals) editor?.removePrincipal(principal.value);
          editor?.removeStatement();
        } catch (error) {
          problems.push(`the editor threw on the statement at ${statement.span.offset}: ${error instanceof Error ? error.stack : String(error)}`);
        }
      }
      const after = analyzer.analyze(fixAll(text, (next) => analyzer.analyze(next)));
      if (after.findings.length > before.findings.length) problems.push(`fix-all left ${after.findings.length} findings of ${before.findings.length}`);
      if (problems.length > 0) failures.push(`case ${index}:\n${text}\n${problems.join('\n')}`);
    }
    assert.deepStrictEqual(failures, []);
  });

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
