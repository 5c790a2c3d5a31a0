import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeDeployed, DeployedResult } from '../../server/src/core/deployed/analyze';
import { driftNote } from '../../server/src/core/drift/compare';
import { deployedResources, resourceKey } from '../../server/src/core/deployed/resources';
import { RegistrySnapshot } from '../../server/src/core/deployed/snapshot';
import { TerraformParser } from '../../server/src/core/terraform';
import { parseTrustList } from '../../server/src/core/trust';
import { loadWasmParser } from './support';
import { workspacePolicies } from './deployedSupport';

/**
 * Drift, one case per folder of test/deployed-fixtures: `snapshot.json` (a RegistrySnapshot; a policy
 * given as an object stands for its JSON text, as AWS returns it), the workspace's IaC under `workspace/`,
 * and `expected.json`: each resource's drift status by key (resourceKey) and the drift rules' findings.
 */
const CASES = path.resolve(__dirname, '..', 'deployed-fixtures');
const NOW = new Date('2026-06-01T12:00:00Z');
const DRIFT_RULES = new Set(['policy-drift', 'unmanaged-policy']);
const TRUST = parseTrustList(JSON.stringify({ ownAccounts: ['111122223333'] }), '/w/.ecr-trust.json').list;

interface Expected {
  description: string;
  drift: Record<string, string>;
  /** For resources not compared (`unknown`): what driftNote tells the user, in part. */
  notes?: Record<string, string>;
  findings: { resource: string; rule: string; messageIncludes?: string[] }[];
}

/** The snapshot with object policies turned into the text AWS would return. */
function readSnapshot(file: string): RegistrySnapshot {
  const text = (value: unknown): string | undefined => (value === undefined || typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  return {
    ...raw,
    repositories: raw.repositories.map((repository: { policyText?: unknown }) => ({ ...repository, policyText: text(repository.policyText) })),
    registryPolicy: text(raw.registryPolicy),
    creationTemplates: (raw.creationTemplates ?? []).map((template: { repositoryPolicy?: unknown }) => ({ ...template, repositoryPolicy: text(template.repositoryPolicy) })),
    pullThroughCacheRules: raw.pullThroughCacheRules ?? [],
    errors: raw.errors ?? [],
  };
}

function runCase(folder: string, terraform: TerraformParser): DeployedResult[] {
  const snapshot = readSnapshot(path.join(folder, 'snapshot.json'));
  return analyzeDeployed(deployedResources(snapshot), { trust: TRUST, now: NOW }, workspacePolicies(path.join(folder, 'workspace'), terraform));
}

describe('drift: deployed policies against the workspace (test/deployed-fixtures)', () => {
  let terraform: TerraformParser;
  before(async () => {
    terraform = await loadWasmParser();
  });

  const folders = fs.readdirSync(CASES).filter((name) => fs.existsSync(path.join(CASES, name, 'expected.json'))).sort();
  it('has cases', () => assert.ok(folders.length >= 9, folders.join(', ')));

  for (const name of folders) {
    const expected: Expected = JSON.parse(fs.readFileSync(path.join(CASES, name, 'expected.json'), 'utf8'));
    it(`${name}: ${expected.description}`, () => {
      const results = runCase(path.join(CASES, name), terraform);
      const statuses = Object.fromEntries(results.filter((result) => result.drift).map((result) => [resourceKey(result.resource), result.drift?.status]));
      assert.deepStrictEqual(statuses, expected.drift);
      const notes = Object.fromEntries(results.flatMap((result) => (result.drift && driftNote(result.drift) ? [[resourceKey(result.resource), driftNote(result.drift)]] : [])));
      assert.deepStrictEqual(Object.keys(notes), Object.keys(expected.notes ?? {}), 'a note for each resource not compared, and only those');
      for (const [key, part] of Object.entries(expected.notes ?? {})) assert.ok(notes[key]?.includes(part), `${notes[key]} should include ${part}`);
      const findings = results.flatMap((result) => result.result.findings.filter((finding) => DRIFT_RULES.has(finding.rule)).map((finding) => ({ result, finding })));
      assert.deepStrictEqual(findings.map(({ result, finding }) => [resourceKey(result.resource), finding.rule]), expected.findings.map((item) => [item.resource, item.rule]));
      findings.forEach(({ finding }, index) => {
        for (const part of expected.findings[index].messageIncludes ?? []) assert.ok(finding.message.includes(part), `${finding.message} should include ${part}`);
        assert.ok(finding.message.length <= 120, finding.message);
      });
    });
  }
});
