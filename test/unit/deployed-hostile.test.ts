import * as assert from 'assert';
import { auditFindings, auditJson } from '../../server/src/cli/auditReport';
import { auditText } from '../../server/src/cli/auditText';
import { analyzeDeployed, WorkspacePolicy } from '../../server/src/core/deployed/analyze';
import { deployedResources } from '../../server/src/core/deployed/resources';
import { RegistrySnapshot } from '../../server/src/core/deployed/snapshot';
import { extractStrictJsonPolicy } from '../../server/src/core/json/fastExtract';
import { parseTrustList } from '../../server/src/core/trust';
import type { AuditReport } from '../../server/src/audit/runAudit';

/**
 * What an account returns is not ours to trust: a policy text AWS would never store (cut short, not JSON,
 * deeply nested, huge, with odd characters), a replication rule without destinations, a template without a
 * policy. The deployed path and the CLI's reports must judge or skip each, never throw.
 */
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

const ACCOUNT = '111122223333';
const BASE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: ['ecr:BatchGetImage', 'ecr:PutImage'] },
    { Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 'ecr:*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
  ],
}, null, 2);
const ODD = ['\u0000', '\uffff', '\ud800', '"', '\\', '{', '}', '[', ']', ',', ':', '*', '\u2028', 'null', '1e999', '-0'];

function mutant(random: () => number): string {
  const roll = random();
  if (roll < 0.1) return ['', 'null', '[]', '"text"', '{}', '{"Statement":null}', '{"Statement":[null, 1, "x"]}'][Math.floor(random() * 7)];
  if (roll < 0.2) return `${'['.repeat(5000)}${']'.repeat(5000)}`;
  if (roll < 0.3) return BASE.slice(0, Math.floor(random() * BASE.length));
  if (roll < 0.35) return BASE.replace('"Partner"', `"${'x'.repeat(200_000)}"`);
  let text = BASE;
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * text.length);
    const cut = Math.floor(random() * 4);
    text = text.slice(0, at) + ODD[Math.floor(random() * ODD.length)] + text.slice(at + cut);
  }
  return text;
}

function snapshot(random: () => number, count: number): RegistrySnapshot {
  const repositories = Array.from({ length: count }, (_, i) => ({ name: `repo-${i}`, arn: `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/repo-${i}`, policyText: mutant(random) }));
  return {
    account: ACCOUNT, region: 'eu-west-1', partition: 'aws', repositories, registryPolicy: mutant(random), registryPolicyScope: 'V2',
    replication: { rules: [{ destinations: [] }, { destinations: [{ region: '', registryId: 'not-an-account' }, { region: 'us-east-1', registryId: '999988887777' }] }] },
    creationTemplates: [{ prefix: 'ROOT', appliedFor: [] }, { prefix: 'team', appliedFor: ['CREATE_ON_PUSH'], repositoryPolicy: mutant(random) }],
    pullThroughCacheRules: [], errors: [],
  };
}

describe('deployed policies: hostile answers from an account', () => {
  const trust = parseTrustList(JSON.stringify({ ownAccounts: [ACCOUNT] }), '/w/.ecr-trust.json').list;
  // The workspace defines every repository with the intact policy, so that drift compares each mutant with it.
  const document = extractStrictJsonPolicy(BASE)![0];
  const workspace: WorkspacePolicy[] = Array.from({ length: 40 }, (_, i) => ({
    file: '/w/main.tf', text: BASE, document: { ...document, provenance: { source: 'terraform', resource: `aws_ecr_repository_policy.r${i}`, property: 'policy', repository: `repo-${i}` } },
  }));

  for (const seed of [1, 2, 3]) {
    it(`judges or skips 40 mutated repository policies, a registry policy and a template (seed ${seed}) without throwing`, () => {
      const random = seeded(seed);
      const taken = snapshot(random, 40);
      taken.repositories[0].policyText = BASE;
      const resources = deployedResources(taken);
      const results = analyzeDeployed(resources, { trust, now: new Date('2026-06-01T00:00:00Z') }, workspace);
      assert.strictEqual(results.length, resources.length, 'one result per resource');
      // The intact policy beside the mutants is judged as ever, and is no drift from its identical definition.
      const intact = results.find(({ resource }) => resource.repository === 'repo-0');
      // (the partner and the organisation, neither trusted, each may push)
      assert.deepStrictEqual(intact?.result.findings.map((finding) => finding.rule).sort(), ['external-write', 'external-write', 'untrusted-account', 'untrusted-account']);
      const report: AuditReport = { regions: ['eu-west-1'], accounts: [ACCOUNT], repositoriesScanned: 40, results, snapshots: [taken], errors: [] };
      const found = auditFindings(results);
      assert.ok(JSON.parse(auditJson(report, found)).findings.length === found.findings.length);
      assert.ok(auditText(report, found, { colour: false, failOn: 'error' }).length > 0);
      assert.ok(found.findings.some((finding) => finding.rule === 'external-replication'), 'the intact replication destination is still judged');
    });
  }
});
