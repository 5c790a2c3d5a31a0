import * as assert from 'assert';
import { analyzeDeployed } from '../../server/src/core/deployed/analyze';
import { DeployedResource } from '../../server/src/core/deployed/resources';
import { addSuppression } from '../../server/src/core/fixes/trustEdits';
import { isSuppressed } from '../../server/src/core/model';
import { parseTrustList } from '../../server/src/core/trust';
import { trustSuppressionFor, trustSuppressionForResource } from '../../server/src/core/trustSuppressions';

/** Trust-list suppressions that name deployed resources by ARN (`resource`) instead of files. */
const NOW = new Date('2026-06-01T12:00:00Z');
const SOURCE = '/w/.ecr-trust.json';
const ARN = 'arn:aws:ecr:eu-west-1:111122223333:repository/team/base';
const PUBLIC = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'PublicPull', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }] });

function trustWith(...entries: object[]): ReturnType<typeof parseTrustList> {
  return parseTrustList(JSON.stringify({ ownAccounts: ['111122223333'], suppressions: entries }, null, 2), SOURCE);
}

function resource(arn: string): DeployedResource {
  return { arn, kind: 'repository-policy', account: '111122223333', region: 'eu-west-1', repository: arn.slice(arn.indexOf('/') + 1), text: PUBLIC };
}

describe('trust list: suppressions of deployed resources', () => {
  it('reads "resource" as an ARN glob, and such an entry never covers a file', () => {
    const { list, problems } = trustWith({ resource: 'arn:aws:ecr:*:111122223333:repository/team/*', rule: 'wildcard-principal', reason: 'Base images are public' });
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(list.suppressions[0].resource, 'arn:aws:ecr:*:111122223333:repository/team/*');
    assert.strictEqual(list.suppressions[0].file, undefined);
    assert.ok(trustSuppressionForResource(list, ARN, 'wildcard-principal', undefined));
    assert.strictEqual(trustSuppressionFor(list, '/w/team/base.json', 'wildcard-principal', undefined), undefined);
  });

  it('a file entry never covers a deployed resource', () => {
    const { list } = trustWith({ file: '**', rule: 'wildcard-principal', reason: 'r' });
    assert.strictEqual(trustSuppressionForResource(list, ARN, 'wildcard-principal', undefined), undefined);
  });

  it('matches as IAM does: * across colons and slashes, ? one character, case-sensitive', () => {
    const { list } = trustWith(
      { resource: 'arn:aws:ecr:eu-west-?:111122223333:repository/*', rule: 'untrusted-account', reason: 'r' },
      { resource: 'arn:aws:ecr:eu-west-1:111122223333:repository/Team/base', rule: 'wildcard-principal', reason: 'r' },
    );
    assert.ok(trustSuppressionForResource(list, ARN, 'untrusted-account', undefined));
    assert.strictEqual(trustSuppressionForResource(list, ARN.replace('eu-west-1', 'eu-central-1'), 'untrusted-account', undefined), undefined);
    assert.strictEqual(trustSuppressionForResource(list, ARN, 'wildcard-principal', undefined), undefined, 'Team is not team');
  });

  it('refuses an entry naming both a file and a resource, or neither, or a resource that is not an ARN', () => {
    const both = trustWith({ file: 'a.json', resource: ARN, rule: 'wildcard-principal', reason: 'r' });
    assert.deepStrictEqual(both.list.suppressions, []);
    assert.match(both.problems.map((problem) => problem.message).join('\n'), /names both "file" and "resource"/);
    const neither = trustWith({ rule: 'wildcard-principal', reason: 'r' });
    assert.deepStrictEqual(neither.list.suppressions, []);
    assert.match(neither.problems[0].message, /needs "file".*or "resource"/);
    const notArn = trustWith({ resource: 'team/*', rule: 'wildcard-principal', reason: 'r' });
    assert.deepStrictEqual(notArn.list.suppressions, []);
    assert.match(notArn.problems[0].message, /"resource" must be an ARN/);
  });

  it('marks the deployed finding suppressed, pointing at the entry; an expired entry counts no more', () => {
    const { list } = trustWith({ resource: 'arn:aws:ecr:*:111122223333:repository/team/*', sid: 'PublicPull', rule: 'wildcard-principal', reason: 'Base images are public' });
    const [result] = analyzeDeployed([resource(ARN)], { trust: list, now: NOW });
    const [finding] = result.result.findings;
    assert.strictEqual(finding.rule, 'wildcard-principal');
    assert.ok(isSuppressed(finding));
    assert.strictEqual(finding.suppression?.kind, 'external');
    assert.strictEqual(finding.suppression?.at.file, SOURCE);
    const [other] = analyzeDeployed([resource('arn:aws:ecr:eu-west-1:111122223333:repository/app')], { trust: list, now: NOW });
    assert.ok(!isSuppressed(other.result.findings[0]), 'another repository stays reported');
    const expired = trustWith({ resource: ARN, rule: 'wildcard-principal', reason: 'r', until: '2026-01-31' }).list;
    const [late] = analyzeDeployed([resource(ARN)], { trust: expired, now: NOW });
    assert.ok(!isSuppressed(late.result.findings[0]));
    assert.match(late.result.findings[0].message, /suppression expired on 2026-01-31/);
  });

  it('suppresses drift findings too: an unmanaged policy accepted for a prefix', () => {
    const { list } = trustWith({ resource: 'arn:aws:ecr:*:111122223333:repository/team/*', rule: 'unmanaged-policy', reason: 'Managed by the platform team\'s repository' });
    const [team, app] = analyzeDeployed([resource(ARN), resource('arn:aws:ecr:eu-west-1:111122223333:repository/app')], { trust: list, now: NOW }, []);
    const unmanaged = (result: typeof team) => result.result.findings.find((finding) => finding.rule === 'unmanaged-policy');
    assert.ok(unmanaged(team) && isSuppressed(unmanaged(team)!));
    assert.ok(unmanaged(app) && !isSuppressed(unmanaged(app)!));
  });

  it('writes a resource entry into the trust list, which then reads back', () => {
    const text = addSuppression(undefined, { resource: ARN, rule: 'wildcard-principal', reason: 'Reviewed' });
    const { list, problems } = parseTrustList(text, SOURCE);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(list.suppressions.map((entry) => [entry.resource, entry.file]), [[ARN, undefined]]);
  });
});
