import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { fixesFor } from '../../server/src/core/fixes';
import { grantingStatements } from '../../server/src/core/grants';
import { extractJsonPolicies } from '../../server/src/core/json/extract';
import { Finding, PolicyDocument, ReplicationConfiguration, RULE_IDS, RuleId } from '../../server/src/core/model';
import { jsonSource } from '../../server/src/core/sources/json';
import { analyzeDeployed } from '../../server/src/core/deployed/analyze';
import { COMMENT_RULE_IDS, DOCUMENT_RULES, DRIFT_RULES, REPLICATION_RULES, RULES } from '../../server/src/core/rules';
import { applySuppressions } from '../../server/src/core/suppressions';
import { RULE_METADATA } from '../../server/src/core/rules/metadata';
import { terraformModulePolicies } from '../../server/src/core/terraform';
import { parseTrustList } from '../../server/src/core/trust';
import { buildSarif } from '../../server/src/export/sarif';
import { loadWasmParser } from './support';

const TRUST = parseTrustList(JSON.stringify({ ownAccounts: ['111122223333'], trustedAccounts: { '222233334444': { name: 'staging', access: 'pull' } } }), '/w/.ecr-trust.json').list;
const CONTEXT = { trust: TRUST, trustFileHint: '.ecr-trust.json', now: new Date('2026-01-01T00:00:00Z') };

/** Public, a push by a pull-only account, an account nobody trusts, a service bound to no account and a misspelt action. */
const JSON_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' },
    { Sid: 'StagingPush', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222233334444:root' }, Action: ['ecr:BatchGetImage', 'ecr:PutImage'] },
    { Sid: 'Stranger', Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'ecr:BatchGetImage' },
    { Sid: 'Typo', Effect: 'Deny', Principal: '*', Action: 'ecr:BatchGetImages' },
    { Sid: 'Build', Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'ecr:BatchGetImage' },
  ],
}, null, 2);

/** A principal from a variable without a default: the fifth. */
const TERRAFORM = `variable "readers" {}
resource "aws_ecr_repository_policy" "app" {
  repository = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = var.readers }, Action = "ecr:BatchGetImage" }]
  })
}
`;

/** Replication to an account nobody trusts: the fifth, which reads replication rules, not statements. */
const REPLICATION = JSON.stringify({ rules: [{ destinations: [{ region: 'us-west-2', registryId: '444455556666' }] }] });
const REPLICATIONS: ReplicationConfiguration[] = jsonSource.extract(REPLICATION, {}).replications ?? [];

/** A suppression comment without a reason: the comment rule's finding. */
const BAD_SUPPRESSION = '// ecr-guard-ignore wildcard-principal';

/**
 * The drift rules judge a deployed policy (an audit's) against the workspace: the JSON policy deployed as
 * repository `app`, which the Terraform sample defines (drift), and as `other`, which nothing defines.
 */
function driftFindings(rule: RuleId, documents: PolicyDocument[]): Finding[] {
  // The JSON sample only (the Terraform one is the definition's kind of document, not a deployed one).
  if (documents.length === 0 || documents[0].provenance !== undefined) return [];
  const workspace = [{ file: '/w/main.tf', text: TERRAFORM, document: { ...documents[0], provenance: { source: 'terraform' as const, resource: 'aws_ecr_repository_policy.app', property: 'policy', repository: 'app' } } }];
  const deployed = (name: string) => ({ arn: `arn:aws:ecr:us-east-1:111122223333:repository/${name}`, kind: 'repository-policy' as const, account: '111122223333', region: 'us-east-1', repository: name, text: JSON_POLICY.replace('"Sid": "Public"', '"Sid": "Changed"') });
  const results = analyzeDeployed([deployed('app'), deployed('other')], CONTEXT, workspace);
  return results.flatMap((result) => result.result.findings.filter((finding) => finding.rule === rule));
}

/** Each rule module run alone over the statements (or replications), so a finding is the module's own. */
function findingsOf(rule: RuleId, documents: PolicyDocument[]): Finding[] {
  if (rule in DRIFT_RULES) return driftFindings(rule, documents);
  if (rule === 'invalid-suppression') return documents.length > 0 ? applySuppressions([], { text: BAD_SUPPRESSION, comments: [{ offset: 0, length: BAD_SUPPRESSION.length }], now: CONTEXT.now }) : [];
  if (rule in DOCUMENT_RULES) return documents.flatMap((document, index) => DOCUMENT_RULES[rule as keyof typeof DOCUMENT_RULES](document, index, CONTEXT));
  if (rule in REPLICATION_RULES) return documents.length > 0 ? REPLICATION_RULES[rule as keyof typeof REPLICATION_RULES](REPLICATIONS, CONTEXT) : [];
  return grantingStatements(documents).flatMap((facts) => RULES[rule as keyof typeof RULES](facts, CONTEXT));
}

describe('rule metadata', () => {
  let documents: { json: PolicyDocument[]; terraform: PolicyDocument[] };

  before(async () => {
    const parser = await loadWasmParser();
    documents = { json: extractJsonPolicies(JSON_POLICY), terraform: terraformModulePolicies(parser, [{ name: '/w/main.tf', text: TERRAFORM }]).get('/w/main.tf')?.documents ?? [] };
  });

  it('covers every rule, each under its own ID', () => {
    assert.deepStrictEqual(Object.keys(RULE_METADATA), [...RULE_IDS]);
    assert.deepStrictEqual([...Object.keys(RULES), ...Object.keys(DOCUMENT_RULES), ...Object.keys(REPLICATION_RULES), ...Object.keys(DRIFT_RULES), ...COMMENT_RULE_IDS].sort(), [...RULE_IDS].sort());
    for (const id of RULE_IDS) assert.strictEqual(RULE_METADATA[id].id, id);
  });

  for (const id of RULE_IDS) {
    it(`${id}: the rule module's findings carry the metadata's severity`, () => {
      const findings = [...findingsOf(id, documents.json), ...findingsOf(id, documents.terraform)];
      assert.ok(findings.length > 0, `the sample policies trigger ${id}`);
      for (const finding of findings) {
        assert.strictEqual(finding.rule, id);
        assert.strictEqual(finding.severity, RULE_METADATA[id].severity, finding.message);
      }
    });
  }

  it('offers fixes exactly for the rules it calls fixable', () => {
    const samples: [PolicyDocument[], string][] = [[documents.json, JSON_POLICY], [documents.terraform, TERRAFORM]];
    for (const id of RULE_IDS) {
      const fixes = samples.flatMap(([policies, text]) => findingsOf(id, policies).flatMap((finding) => fixesFor(finding, { text, documents: policies })));
      // Removing the statement fixes anything: a fixable rule has fixes of its own besides.
      const own = fixes.filter((fix) => fix.id !== 'remove-statement');
      assert.strictEqual(own.length > 0, RULE_METADATA[id].fixable, `${id}: ${fixes.map((fix) => fix.title).join(', ')}`);
      if (!RULE_METADATA[id].fixable) assert.deepStrictEqual(fixes, []);
    }
  });

  it('links each rule to a README section, listed with its severity in the rules table', () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');
    for (const { id, docsAnchor, severity } of Object.values(RULE_METADATA)) {
      assert.match(readme, new RegExp(`^### ${docsAnchor}$`, 'm'), `README section #${docsAnchor}`);
      const label = severity[0].toUpperCase() + severity.slice(1);
      assert.ok(readme.includes(`| [\`${id}\`](#${docsAnchor}) | ${label} |`), `${id} in the table as ${label}`);
    }
  });

  it('is what SARIF describes the rules with', () => {
    const log = buildSarif([], { toolVersion: '0.0.0' }) as { runs: { tool: { driver: { rules: { id: string; name: string; shortDescription: { text: string }; fullDescription: { text: string } }[] } } }[] };
    assert.deepStrictEqual(log.runs[0].tool.driver.rules.map((rule) => [rule.id, rule.name, rule.shortDescription.text, rule.fullDescription.text]),
      RULE_IDS.map((id) => [id, RULE_METADATA[id].sarifName, RULE_METADATA[id].summary, RULE_METADATA[id].description]));
  });
});
