import * as assert from 'assert';
import { inventoryRows } from '../../server/src/cli/inventory';
import { reportFindings } from '../../server/src/cli/report';
import { formatText } from '../../server/src/cli/textReport';
import { sarifFindings } from '../../server/src/cli/sarif';
import { analyzeBatch, FileResult } from '../../server/src/core/batch';
import { RULE_IDS } from '../../server/src/core/model';
import { fileGrants } from '../../server/src/core/replicationGrants';
import { replicationHoverAt } from '../../server/src/core/replicationHover';
import { TerraformParser } from '../../server/src/core/terraform';
import { parseTrustList } from '../../server/src/core/trust';
import { inventoryCsv } from '../../server/src/export/inventoryReport';
import { buildSarif } from '../../server/src/export/sarif';
import { sarifValidator } from './sarifSchema';
import { loadWasmParser } from './support';

/** Replication destinations in what the CLI and the editor report: findings, SARIF, the grants inventory. */
const NOW = new Date('2026-06-01T12:00:00Z');
const TRUST = parseTrustList(JSON.stringify({
  ownAccounts: ['111122223333'],
  trustedAccounts: { '222233334444': { name: 'staging', access: 'pull' }, '555566667777': { name: 'dr', access: 'replicate' } },
}, null, 2), '/w/.ecr-trust.json').list;

const JSON_TEXT = `{
  "rules": [
    {
      "destinations": [
        { "region": "eu-west-1", "registryId": "111122223333" },
        { "region": "us-west-2", "registryId": "555566667777" },
        { "region": "us-west-2", "registryId": "444455556666" },
        { "region": "us-east-2", "registryId": "222233334444" }
      ]
    }
  ]
}
`;

const TERRAFORM_TEXT = `variable "replica" {}

resource "aws_ecr_replication_configuration" "dr" {
  replication_configuration {
    rule {
      destination {
        region      = "us-west-2"
        registry_id = "444455556666"
      }
      destination {
        region      = "us-west-2"
        registry_id = var.replica
      }
    }
  }
}
`;

describe('replication in reports', () => {
  let parser: TerraformParser;
  let json: FileResult;
  let terraform: FileResult;

  before(async () => {
    parser = await loadWasmParser();
    json = analyzeBatch([{ name: '/w/replication.json', text: JSON_TEXT }], () => ({ trust: TRUST, now: NOW })).get('/w/replication.json')!;
    terraform = analyzeBatch([{ name: '/w/main.tf', text: TERRAFORM_TEXT }], () => ({ trust: TRUST, now: NOW }), { terraform: parser }).get('/w/main.tf')!;
  });

  it('counts a replication configuration as something checked, and reports its findings in the CLI text', () => {
    assert.strictEqual(json.policies, 1);
    const report = reportFindings('replication.json', JSON_TEXT, json.findings);
    assert.deepStrictEqual(report.map((finding) => [finding.rule, finding.line, finding.column]), [['external-replication', 7, 48], ['external-replication', 8, 48]]);
    const text = formatText({ filesScanned: 1, findings: report, suppressed: [] });
    assert.match(text, /^replication\.json\n {2}7:48 {2}error {2}Account 444455556666 \(untrusted\): receives replicated images \(us-west-2\) {2}external-replication$/m);
    assert.match(text, /^2 errors in 1 file \(1 file scanned\)\./m);
  });

  it('writes SARIF results for the rule, valid against the schema', () => {
    const log = buildSarif(sarifFindings('replication.json', JSON_TEXT, json.findings), { toolVersion: '0.0.0', baseUri: 'file:///w/' }) as { runs: { results: { ruleId: string; ruleIndex: number; level: string }[] }[] };
    assert.deepStrictEqual(sarifValidator()(log), []);
    assert.deepStrictEqual(log.runs[0].results.map((result) => [result.ruleId, result.ruleIndex, result.level]), [
      ['external-replication', RULE_IDS.indexOf('external-replication'), 'error'], ['external-replication', RULE_IDS.indexOf('external-replication'), 'error'],
    ]);
  });

  it('lists every destination outside the own account in the grants inventory, with its trust and findings', () => {
    const rows = inventoryRows('replication.json', JSON_TEXT, json, TRUST, NOW);
    assert.deepStrictEqual(rows.map((row) => [row.grantee.id, row.grantee.trust, row.via, row.sid, row.line, row.rules, row.severity ?? '']), [
      ['555566667777', 'replicate', 'replication', 'replication to us-west-2', 6, [], ''],
      ['444455556666', 'untrusted', 'replication', 'replication to us-west-2', 7, ['external-replication'], 'error'],
      ['222233334444', 'pull', 'replication', 'replication to us-east-2', 8, ['external-replication'], 'error'],
    ]);
    const csv = inventoryCsv(rows);
    assert.match(csv, /account,444455556666,,untrusted,pull,replication\.json,7,/);
  });

  it('Terraform: the unresolved destination is an unresolved grant, the literal one an untrusted grant of the resource', () => {
    assert.deepStrictEqual(terraform.findings.map((finding) => [finding.rule, TERRAFORM_TEXT.slice(finding.span.offset, finding.span.offset + finding.span.length)]), [
      ['external-replication', '"444455556666"'], ['unresolved-principal', 'var.replica'],
    ]);
    const grants = fileGrants(terraform, terraform.findings, { trust: TRUST, now: NOW });
    assert.deepStrictEqual(grants.map((grant) => [grant.grantee.kind, grant.grantee.id, grant.grantee.trust, grant.policy, grant.rules]), [
      ['account', '444455556666', 'untrusted', 'aws_ecr_replication_configuration.dr', ['external-replication']],
      ['unresolved', 'var.replica', 'unchecked', 'aws_ecr_replication_configuration.dr', ['unresolved-principal']],
    ]);
  });

  it('without a trust list every destination is a grant nobody checked', () => {
    const result = analyzeBatch([{ name: '/w/replication.json', text: JSON_TEXT }], () => ({ now: NOW })).get('/w/replication.json')!;
    assert.strictEqual(result.findings.length, 4);
    assert.ok(result.findings.every((finding) => finding.message.includes('(no trust list): receives replicated images')));
    assert.deepStrictEqual(fileGrants(result, result.findings, { now: NOW }).map((grant) => grant.grantee.trust), ['no-trust-list', 'no-trust-list', 'no-trust-list', 'no-trust-list']);
  });

  it('hovers a destination with its account\'s trust, and says when it cannot be checked', () => {
    const at = (needle: string): number => TERRAFORM_TEXT.indexOf(needle) + 1;
    const literal = replicationHoverAt(terraform.replications, at('"444455556666"'), { trust: TRUST, now: NOW });
    assert.match(literal?.contents ?? '', /^\*\*Account 444455556666\*\*: not on the trust list/);
    const unresolved = replicationHoverAt(terraform.replications, at('var.replica'), { trust: TRUST, now: NOW });
    assert.match(unresolved?.contents ?? '', /^`var\.replica`: not a literal/);
    assert.strictEqual(replicationHoverAt(terraform.replications, at('us-west-2'), { trust: TRUST, now: NOW }), undefined);
  });
});
