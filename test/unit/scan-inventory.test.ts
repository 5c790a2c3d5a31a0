import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Grant, grantsInventory } from '../../server/src/core/inventory';
import { analyzeBatch, analyzeFile } from '../../server/src/core/batch';
import { lineOf, lineStarts } from '../../server/src/core/text';
import { parseTrustList, TrustList } from '../../server/src/core/trust';
import { inventoryRows } from '../../server/src/cli/inventory';
import { loadWasmParser } from './support';

/** The grants inventory: who gets in, what the trust list says about them, and which findings concern them. */
const ROOT = path.resolve(__dirname, '..', '..');
const NOW = new Date('2026-06-01T12:00:00Z');
const TRUST = parseTrustList(JSON.stringify({
  ownAccounts: ['111122223333'],
  organizationIds: ['o-a1b2c3d4e5'],
  trustedAccounts: {
    '222233334444': { name: 'staging', access: 'pull' },
    '333344445555': { name: 'ci-builder', access: 'push' },
    '555566667777': { name: 'old-vendor', access: 'pull', expires: '2025-12-31' },
  },
}, null, 2), '.ecr-trust.json').list;

/** `trust`: null for no trust list at all. */
function grantsOf(statements: object[], list: TrustList | null = TRUST): { grants: Grant[]; text: string } {
  const trust = list ?? undefined;
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  const result = analyzeFile({ name: 'policy.json', text }, { trust, now: NOW });
  return { grants: grantsInventory(result.documents, result.findings, { trust, now: NOW }), text };
}

/** The fields a reviewer reads, with the grantee's text as the anchor. */
function summary(grants: Grant[], text: string): object[] {
  return grants.map((grant) => ({
    grantee: `${grant.grantee.kind}:${grant.grantee.id}`, trust: grant.grantee.trust, ...(grant.grantee.name ? { name: grant.grantee.name } : {}),
    at: text.slice(grant.span.offset, grant.span.offset + grant.span.length), via: grant.via, access: grant.access, rules: grant.rules, ...(grant.severity ? { severity: grant.severity } : {}),
  }));
}

describe('inventory: grants of a policy', () => {
  it('lists other accounts with their trust and unbound services, and leaves out own accounts', () => {
    const { grants, text } = grantsOf([
      { Sid: 'Mixed', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::222233334444:role/puller', '444455556666'], Service: 'codebuild.amazonaws.com' }, Action: ['ecr:BatchGetImage'] },
    ]);
    assert.deepStrictEqual(summary(grants, text), [
      { grantee: 'account:222233334444', trust: 'pull', name: 'staging', at: '"arn:aws:iam::222233334444:role/puller"', via: 'principal', access: 'pull', rules: [] },
      { grantee: 'account:444455556666', trust: 'untrusted', at: '"444455556666"', via: 'principal', access: 'pull', rules: ['untrusted-account'], severity: 'warning' },
      { grantee: 'service:codebuild.amazonaws.com', trust: 'unchecked', at: '"codebuild.amazonaws.com"', via: 'principal', access: 'pull', rules: ['unscoped-service-principal'], severity: 'warning' },
    ]);
    assert.strictEqual(grants[0].sid, 'Mixed');
    assert.deepStrictEqual(grants[0].granted, ['ecr:BatchGetImage']);
  });

  it('puts external-write on the grantees that may not write, and names the access given', () => {
    const { grants, text } = grantsOf([
      { Sid: 'Push', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::333344445555:root', 'arn:aws:iam::222233334444:root'] }, Action: ['ecr:BatchGetImage', 'ecr:PutImage', 'ecr:InitiateLayerUpload'] },
      { Sid: 'Everything', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333344445555:root' }, Action: 'ecr:*' },
      { Sid: 'Tags', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333344445555:root' }, Action: ['ecr:TagResource'] },
    ]);
    assert.deepStrictEqual(summary(grants, text), [
      { grantee: 'account:333344445555', trust: 'push', name: 'ci-builder', at: '"arn:aws:iam::333344445555:root"', via: 'principal', access: 'push', rules: [] },
      { grantee: 'account:222233334444', trust: 'pull', name: 'staging', at: '"arn:aws:iam::222233334444:root"', via: 'principal', access: 'push', rules: ['external-write'], severity: 'error' },
      { grantee: 'account:333344445555', trust: 'push', name: 'ci-builder', at: '"arn:aws:iam::333344445555:root"', via: 'principal', access: 'admin', rules: ['external-write'], severity: 'error' },
      { grantee: 'account:333344445555', trust: 'push', name: 'ci-builder', at: '"arn:aws:iam::333344445555:root"', via: 'principal', access: 'admin', rules: ['external-write'], severity: 'error' },
    ]);
    assert.strictEqual(grants[2].granted.length > 50, true, 'ecr:* is expanded');
  });

  it('reports everyone, NotPrincipal and wildcards narrowed by conditions', () => {
    const { grants, text } = grantsOf([
      { Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' },
      { Sid: 'AllBut', Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'ecr:BatchGetImage' },
      { Sid: 'Org', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'ecr:BatchGetImage', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
      { Sid: 'OtherOrg', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'ecr:BatchGetImage', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' } } },
      { Sid: 'Account', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: { StringEquals: { 'aws:PrincipalAccount': '444455556666' } } },
      { Sid: 'Bucket', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::bucket' } } },
      { Sid: 'Weak', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
      // A Deny that does not provably cover anyone (its condition is not about the caller's account) guards nothing.
      { Sid: 'Denied', Effect: 'Deny', Principal: '*', Action: 'ecr:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ]);
    assert.deepStrictEqual(summary(grants, text), [
      { grantee: 'public:*', trust: 'unchecked', at: '"*"', via: 'principal', access: 'pull', rules: ['wildcard-principal'], severity: 'error' },
      { grantee: 'public:*', trust: 'unchecked', at: '"NotPrincipal"', via: 'not-principal', access: 'pull', rules: ['wildcard-principal'], severity: 'error' },
      { grantee: 'organization:o-a1b2c3d4e5', trust: 'own-organization', at: '"o-a1b2c3d4e5"', via: 'condition', access: 'pull', rules: [] },
      { grantee: 'organization:o-zzzzzzzzzz', trust: 'untrusted', at: '"o-zzzzzzzzzz"', via: 'condition', access: 'pull', rules: ['untrusted-account'], severity: 'warning' },
      { grantee: 'account:444455556666', trust: 'untrusted', at: '"444455556666"', via: 'condition', access: 'pull', rules: ['untrusted-account'], severity: 'warning' },
      { grantee: 'resource:arn:aws:s3:::bucket', trust: 'unchecked', at: '"arn:aws:s3:::bucket"', via: 'condition', access: 'pull', rules: [] },
      { grantee: 'public:*', trust: 'unchecked', at: '"*"', via: 'principal', access: 'pull', rules: ['wildcard-principal'], severity: 'error' },
    ]);
  });

  it('lists what a Deny guard leaves: a write taken back, a public grant narrowed to the own organisation', () => {
    const { grants, text } = grantsOf([
      { Sid: 'Staging', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222233334444:root' }, Action: 'ecr:*' },
      { Sid: 'PullOnly', Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::222233334444:root' }, NotAction: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'] },
      { Sid: 'Everyone', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' },
      { Sid: 'OrgGuard', Effect: 'Deny', Principal: '*', Action: 'ecr:*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
    ]);
    assert.deepStrictEqual(summary(grants, text), [
      { grantee: 'account:222233334444', trust: 'pull', name: 'staging', at: '"arn:aws:iam::222233334444:root"', via: 'principal', access: 'pull', rules: [] },
      { grantee: 'organization:o-a1b2c3d4e5', trust: 'own-organization', at: '"*"', via: 'principal', access: 'pull', rules: [] },
    ]);
    assert.deepStrictEqual(grants[0].granted.sort(), ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']);
  });

  it('lists the account a service acts for, through the service', () => {
    const { grants, text } = grantsOf([
      { Sid: 'Build', Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: ['ecr:BatchGetImage', 'ecr:PutImage'], Condition: { StringEquals: { 'aws:SourceAccount': '444455556666' } } },
    ]);
    assert.deepStrictEqual(summary(grants, text), [
      { grantee: 'account:444455556666', trust: 'untrusted', at: '"444455556666"', via: 'condition', access: 'push', rules: ['external-write', 'untrusted-account'], severity: 'error' },
    ]);
    assert.strictEqual(grants[0].grantee.throughService, 'codebuild.amazonaws.com');
  });

  it('says when trust expired and when there is no trust list', () => {
    const expired = grantsOf([{ Effect: 'Allow', Principal: { AWS: '555566667777' }, Action: 'ecr:BatchGetImage' }]);
    assert.deepStrictEqual(expired.grants.map((grant) => grant.grantee), [{ kind: 'account', id: '555566667777', name: 'old-vendor', trust: 'expired', expires: '2025-12-31', trustLine: 17 }]);
    assert.deepStrictEqual(expired.grants[0].rules, ['untrusted-account']);
    const none = grantsOf([{ Effect: 'Allow', Principal: { AWS: ['111122223333', 'o-a1b2c3d4e5'] }, Action: 'ecr:BatchGetImage' }, { Effect: 'Allow', Principal: '*', Action: 'ecr:*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }], null);
    assert.deepStrictEqual(none.grants.map((grant) => [grant.grantee.kind, grant.grantee.id, grant.grantee.trust, grant.rules.join(' ')]), [
      ['account', '111122223333', 'no-trust-list', 'untrusted-account'],
      ['organization', 'o-a1b2c3d4e5', 'no-trust-list', 'external-write untrusted-account'],
    ]);
  });
});

describe('inventory: the bundled examples', () => {
  it('lists every cross-account grant of examples/ with its place, trust, access and findings', async () => {
    const folder = path.join(ROOT, 'examples');
    const trust = parseTrustList(fs.readFileSync(path.join(folder, '.ecr-trust.json'), 'utf8'), '.ecr-trust.json').list;
    const names = fs.readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && /\.(json|tf)$/.test(entry.name) && entry.name !== '.ecr-trust.json')
      .map((entry) => path.join(entry.parentPath, entry.name)).sort();
    const sources = names.map((name) => ({ name, text: fs.readFileSync(name, 'utf8') }));
    const terraform = await loadWasmParser();
    const results = analyzeBatch(sources, () => ({ trust, now: NOW }), { terraform });
    const rows = sources.flatMap((source) => inventoryRows(path.relative(ROOT, source.name).split(path.sep).join('/'), source.text, results.get(source.name)!, trust, NOW));
    const table = rows.map((row) => [row.file, row.line, row.grantee.kind, row.grantee.id, row.grantee.trust, row.policy ?? '', row.repository ?? '', row.sid ?? '', row.access, row.rules.join(' ')].join(' | '));
    assert.deepStrictEqual(table, [
      'examples/external-push.json | 7 | account | 222233334444 | pull |  |  | StagingPulls | admin | external-write',
      'examples/external-push.json | 13 | account | 333344445555 | push |  |  | CiBuilderPushes | push | ',
      'examples/external-push.json | 21 | organization | o-a1b2c3d4e5 | own-organization |  |  | OrgWideEverything | admin | external-write',
      'examples/org-pull-only.json | 9 | organization | o-a1b2c3d4e5 | own-organization |  |  | OrganisationPulls | pull | ',
      'examples/public-repository.json | 7 | public | * | unchecked |  |  | PullForEveryone | pull | wildcard-principal',
      'examples/public-repository.json | 13 | public | * | unchecked |  |  | OrgPullLooksSafeButIsNot | pull | wildcard-principal',
      'examples/terraform/ecr.tf | 17 | public | * | unchecked | aws_ecr_repository_policy.mirror | mirror | AnyonePulls | admin | wildcard-principal external-write',
      'examples/terraform/ecr.tf | 31 | public | * | unchecked | aws_ecr_repository_policy.legacy | legacy | OrgPull | pull | wildcard-principal',
      'examples/terraform/policies.tf | 19 | account | 222233334444 | pull | data.aws_iam_policy_document.pull |  | ConsumersPull | pull | ',
      'examples/terraform/policies.tf | 19 | account | 444455556666 | untrusted | data.aws_iam_policy_document.pull |  | ConsumersPull | pull | untrusted-account',
      'examples/terraform/policies.tf | 41 | unresolved | var.extra_readers | unchecked | data.aws_iam_policy_document.pull |  | ExtraReaders | pull | unresolved-principal',
      'examples/untrusted-account.json | 6 | account | 444455556666 | untrusted |  |  | VendorScanner | pull | untrusted-account',
    ]);
    // Lines and columns point at the grantee's string.
    for (const row of rows) {
      const text = fs.readFileSync(path.join(ROOT, row.file), 'utf8');
      const starts = lineStarts(text);
      assert.strictEqual(lineOf(starts, starts[row.line - 1] + row.column - 1), row.line);
      assert.match(text.slice(starts[row.line - 1] + row.column - 1), /^["*a-z]/);
    }
  });
});
