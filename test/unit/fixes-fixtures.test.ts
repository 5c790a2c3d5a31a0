import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeBatch } from '../../server/src/core/batch';
import { TerraformParser } from '../../server/src/core/terraform';
import { parseTrustList } from '../../server/src/core/trust';
import { isSuppressed } from '../../server/src/core/model';
import { Analyzer, checkAccountInput, checkEveryFix, checkFixAll, checkOrganizationInput, jsonAnalyzer, terraformAnalyzer } from './fixes-support';
import { fixtureKind, loadWasmParser } from './support';

/**
 * Every fixture case (test/fixtures, read as test/unit/fixtures.test.ts reads them) that yields a finding
 * with a fix: each offered fix is applied and must leave a file that parses, without the targeted finding,
 * with no new finding, and with the text outside the statement unchanged (fixes-support.ts defines each
 * precisely). Trust-account fixes edit the trust list instead; the organisation fix is also taken down the
 * path where the trust list names no organisation and the user types one; source.fixAll runs on each file.
 */
const FIXTURES = path.resolve(__dirname, '..', 'fixtures');

interface ExpectedCase {
  trust?: 'none';
  now?: string;
}

function caseFolders(folder: string): string[] {
  const entries = fs.readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return entries.flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return fs.existsSync(path.join(full, 'expected.json')) ? [full] : caseFolders(full);
  });
}

function inputFiles(folder: string): string[] {
  return fs.readdirSync(folder).filter((name) => name !== 'expected.json' && !name.startsWith('.') && fixtureKind(name)).sort();
}

function trustFileFor(folder: string): string | undefined {
  for (let current = folder; current.startsWith(FIXTURES); current = path.dirname(current)) {
    const candidate = path.join(current, '.ecr-trust.json');
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** How many fixes of each kind the cases exercised, checked at the end so that a silent skip fails. */
const applied = new Map<string, number>();
const tally = (key: string): void => {
  applied.set(key, (applied.get(key) ?? 0) + 1);
};

const KINDS = ['restrict-to-pull', 'restrict-to-push-and-pull', 'add-organization-condition', 'not-principal-to-organization', 'add-source-account-condition', 'remove-principal', 'remove-statement', 'replace-action', 'trust-account', 'mark-own-account', 'organization-id asked', 'account-id asked', 'fix all'];

describe('quick fixes on every fixture case', () => {
  const folders = caseFolders(FIXTURES);
  let terraform: TerraformParser;

  before(async () => {
    terraform = await loadWasmParser();
  });

  for (const folder of folders) {
    it(path.relative(FIXTURES, folder), () => {
      const expected = JSON.parse(fs.readFileSync(path.join(folder, 'expected.json'), 'utf8')) as ExpectedCase;
      // CloudFormation templates get their fixes from the YAML and JSON editors of their own tests; a Terraform
      // plan's policies are escaped strings, which get none (test/unit/terraform-plan.test.ts).
      const files = inputFiles(folder).map((file) => ({ name: file, text: fs.readFileSync(path.join(folder, file), 'utf8') }))
        .filter((file) => !['cloudformation', 'terraform-plan'].includes(fixtureKind(file.name, file.text) ?? ''));
      const trustFile = expected.trust === 'none' ? undefined : trustFileFor(folder);
      const trustText = trustFile ? fs.readFileSync(trustFile, 'utf8') : undefined;
      const trust = trustText ? parseTrustList(trustText, trustFile!).list : undefined;
      // The checks re-read edited trust lists as trust.json beside the files: the original is matched from there too.
      if (trust) trust.location = 'trust.json';
      const now = new Date(`${expected.now ?? '2026-06-01'}T12:00:00Z`);
      const engine = analyzeBatch(files, () => ({ trust, now }), { terraform });
      const problems: string[] = [];
      for (const file of files) {
        const otherFiles = files.filter((other) => other !== file).map((other) => other.text);
        const analyzer: Analyzer = fixtureKind(file.name) === 'json' ? jsonAnalyzer({ trust, now }) : terraformAnalyzer(terraform, { trust, now, otherFiles });
        const analysis = analyzer.analyze(file.text);
        // The fixes are built from the analysis the language server makes, which must be the engine's.
        const ours = analysis.findings.map((finding) => `${finding.rule}@${finding.span.offset}`).sort();
        const theirs = (engine.get(file.name)?.findings ?? []).filter((finding) => !isSuppressed(finding)).map((finding) => `${finding.rule}@${finding.span.offset}`).sort();
        assert.deepStrictEqual(ours, theirs, `${file.name}: the analysis for fixes disagrees with analyzeBatch`);
        problems.push(...checkEveryFix(analyzer, analysis, trustText, tally).map((problem) => `${file.name}: ${problem}`));
        problems.push(...checkOrganizationInput(analyzer, file.text, trustText, tally).map((problem) => `${file.name} (trust list without organizationIds): ${problem}`));
        problems.push(...checkAccountInput(analyzer, file.text, trustText, tally).map((problem) => `${file.name} (trust list without ownAccounts): ${problem}`));
        problems.push(...checkFixAll(analyzer, analysis, tally).map((problem) => `${file.name} (fix all): ${problem}`));
      }
      assert.deepStrictEqual(problems, []);
    });
  }

  it('applied every kind of fix, in JSON and in Terraform', () => {
    const summary = JSON.stringify(Object.fromEntries([...applied].sort()), null, 1);
    for (const kind of KINDS) {
      for (const syntax of ['json', 'terraform']) assert.ok((applied.get(`${syntax} ${kind}`) ?? 0) >= 1, `${syntax} ${kind} never applied: ${summary}`);
    }
  });
});
