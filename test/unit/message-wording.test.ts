import * as assert from 'assert';
import { gravestFirst, levelsLine, writeVerbs } from '../../server/src/core/actionSummary';
import { matchActions, shortName } from '../../server/src/core/actions';
import { checkPolicies } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/hover';
import { extractJsonPolicies } from '../../server/src/core/json/extract';
import { cap, fitRow, ROW } from '../../server/src/core/rowText';
import { parseTrustList } from '../../server/src/core/trust';

const TRUST = parseTrustList(JSON.stringify({
  ownAccounts: ['111122223333'],
  trustedAccounts: { 222233334444: { name: 'a-team-name-much-longer-than-anyone-writes-it', access: 'pull' } },
}), '/w/deeply/nested/folder/of/the/workspace/.ecr-trust.json').list;

function findings(statement: object): ReturnType<typeof checkPolicies> {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2);
  return checkPolicies(extractJsonPolicies(text), { trust: TRUST, now: new Date('2026-06-01') });
}

describe('message wording', () => {
  it('reads the trust list the cases use', () => {
    assert.strictEqual(TRUST.trustedAccounts.get('222233334444')?.access, 'pull');
  });

  it('names what write actions allow, the gravest first, and "write" only when nothing graver is granted', () => {
    assert.strictEqual(writeVerbs(matchActions('ecr:*', 'private')), 'push, delete and change policy');
    assert.strictEqual(writeVerbs(matchActions('ecr:PutImage', 'private'), ['pull']), 'pull and push');
    assert.strictEqual(writeVerbs(matchActions('ecr:PutLifecyclePolicy', 'private')), 'write');
    assert.strictEqual(writeVerbs(matchActions('ecr:ReplicateImage', 'private')), 'replicate');
    assert.strictEqual(shortName(gravestFirst(matchActions('ecr:Put*', 'private'))[0]), 'PutImage');
  });

  it('groups actions by access level with a count and a few names', () => {
    assert.strictEqual(levelsLine(matchActions('ecr:Batch*', 'private')),
      'Read (3): BatchCheckLayerAvailability, BatchGetImage and BatchGetRepositoryScanningConfiguration; Write (2): BatchDeleteImage and BatchImportUpstreamImage');
  });

  it('caps a value around an ellipsis and takes the first wording that fits a row', () => {
    assert.strictEqual(cap('arn:aws:iam::444455556666:role/very/deep/path/to/the/deployer', 30), 'arn:aws:iam::44445…he/deployer');
    assert.strictEqual(cap('short', 30), 'short');
    assert.strictEqual(fitRow('x'.repeat(ROW + 1), 'short'), 'short');
    assert.strictEqual(fitRow('fits', 'short'), 'fits');
  });

  it('keeps a message to a row when every value in it is long', () => {
    const principal = `arn:aws:iam::222233334444:role/${'deploy/'.repeat(30)}pusher`;
    const found = findings({
      Effect: 'Allow',
      Principal: { AWS: [principal, 'arn:aws:iam::444455556666:root', 'arn:aws:iam::555566667777:root'] },
      Action: [`ecr:${'Put'.padEnd(60, '?')}*`, 'ecr:*'],
      Condition: { 'ForAnyValue:StringEqualsIgnoreCaseIfExists': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*' } },
    });
    assert.ok(found.length >= 3, JSON.stringify(found.map((f) => f.message)));
    for (const finding of found) assert.ok(finding.message.length <= ROW, `${finding.message.length}: ${finding.message}`);
    const write = found.find((finding) => finding.rule === 'external-write' && finding.message.includes('ecr:*'))!;
    // The trust list's long name gives way first: the grantee, its trust and the verdict stay.
    assert.strictEqual(write.message, 'Account 222233334444 (trusted for pull only) and 2 more: may push, delete and change policy (ecr:*, 35 actions)');
    // Everything the message leaves out is in the long form on the statement.
    const detail = write.related.map((related) => related.message).join('\n');
    assert.match(detail, /444455556666 \(untrusted\)/);
    assert.match(detail, /555566667777 \(untrusted\)/);
    assert.match(detail, /Permissions management \(4\): DeleteRegistryPolicy/);
    assert.match(detail, /grant only the pull actions/);
  });

  it('a wildcard action hover is a few lines, one per access level', () => {
    const text = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:*' }] });
    const hover = hoverAt(extractJsonPolicies(text), text.indexOf('ecr:*') + 1)!.contents;
    const lines = hover.split('\n').filter((line) => line.trim() !== '');
    assert.ok(lines.length <= 8, hover);
    assert.match(hover, /^`ecr:\*` matches \d+ ECR actions:/);
    assert.match(hover, /^- \*\*Read \(\d+\):\*\* BatchCheckLayerAvailability, /m);
    assert.match(hover, /^- \*\*Write \(\d+\):\*\* .* and \d+ more$/m);
    assert.match(hover, /^- \*\*Tagging \(2\):\*\* TagResource and UntagResource$/m);
  });
});
