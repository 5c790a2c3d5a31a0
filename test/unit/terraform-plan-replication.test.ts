import * as assert from 'assert';
import { analyzeBatch } from '../../server/src/core/batch';
import { parseTrustList } from '../../server/src/core/trust';

/**
 * A plan's replication destinations. The plan is written by hand in the shape `terraform show -json`
 * prints (format 1.2): a root-module configuration and one in a child module, the prior state and the
 * configuration naming other accounts that must not count, and a registry_id known only after apply.
 */
const NOW = new Date('2026-06-01T12:00:00Z');
const TRUST = parseTrustList(JSON.stringify({ ownAccounts: ['111122223333'], trustedAccounts: { '555566667777': { access: 'replicate' } } }), '/w/.ecr-trust.json').list;

function destination(region: string, registryId: string | null): object {
  return { region, registry_id: registryId };
}

function resource(address: string, destinations: object[]): object {
  return {
    address, mode: 'managed', type: 'aws_ecr_replication_configuration', name: 'this', provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0,
    values: { replication_configuration: [{ rule: [{ destination: destinations, repository_filter: [{ filter: 'prod', filter_type: 'PREFIX_MATCH' }] }] }] },
    sensitive_values: {},
  };
}

const PLAN = JSON.stringify({
  format_version: '1.2',
  terraform_version: '1.11.4',
  planned_values: {
    root_module: {
      resources: [resource('aws_ecr_replication_configuration.this', [destination('eu-west-1', '111122223333'), destination('us-west-2', '444455556666')])],
      child_modules: [{
        address: 'module.dr',
        resources: [{ ...resource('module.dr.aws_ecr_replication_configuration.this', [destination('us-east-2', '555566667777')]) }, resource('module.dr.aws_ecr_replication_configuration.late', [{ region: 'us-east-1' }])],
      }],
    },
  },
  resource_changes: [{ address: 'aws_ecr_replication_configuration.this', type: 'aws_ecr_replication_configuration', change: { before: resource('x', [destination('eu-west-1', '999988887777')]) } }],
  prior_state: { values: { root_module: { resources: [resource('aws_ecr_replication_configuration.this', [destination('eu-west-1', '999988887777')])] } } },
}, null, 1);

describe('Terraform plan: replication destinations', () => {
  it('reports planned destinations outside the own and trusted accounts, and one known only after apply', () => {
    const result = analyzeBatch([{ name: '/w/plan.json', text: PLAN }], () => ({ trust: TRUST, now: NOW })).get('/w/plan.json')!;
    assert.strictEqual(result.source, 'terraform-plan');
    assert.deepStrictEqual(result.replications.map((replication) => replication.provenance?.resource), [
      'aws_ecr_replication_configuration.this', 'module.dr.aws_ecr_replication_configuration.this', 'module.dr.aws_ecr_replication_configuration.late',
    ]);
    assert.deepStrictEqual(result.findings.map((finding) => [finding.rule, PLAN.slice(finding.span.offset, finding.span.offset + finding.span.length)]), [
      ['external-replication', '"444455556666"'],
      ['unresolved-principal', '"us-east-1"'],
    ]);
    assert.match(result.findings[1].message, /module\.dr\.aws_ecr_replication_configuration\.late registry_id \(known after apply\)/);
  });

  it('reads no replication from a plan that names none', () => {
    const result = analyzeBatch([{ name: '/w/plan.json', text: JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: [] } } }) }], () => ({ trust: TRUST, now: NOW })).get('/w/plan.json')!;
    assert.deepStrictEqual(result.replications, []);
  });
});
