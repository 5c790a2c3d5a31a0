import * as assert from 'assert';
import { ECR_ACTIONS, ECR_PUBLIC_ACTIONS, grantedActions, matchActions, touchesEcr } from '../../server/src/core/actions';
import { applyEdits, fixesFor } from '../../server/src/core/fixes';
import { hoverAt } from '../../server/src/core/hover';
import { extractJsonPolicies } from '../../server/src/core/json/extract';
import { registryOf } from '../../server/src/core/registryOf';
import { parseTrustList } from '../../server/src/core/trust';
import { jsonAnalyzer } from './fixes-support';

/** ECR Public's catalogue (Service Authorization Reference, docs/aws-ecr-policy-facts.md) and what uses it. */
const NOW = new Date('2026-06-01T12:00:00Z');
const TRUST = parseTrustList(JSON.stringify({
  ownAccounts: ['111122223333'],
  trustedAccounts: { '222233334444': { name: 'staging', access: 'pull' }, '333344445555': { name: 'ci', access: 'push' } },
}), 'trust.json').list;

const names = (pattern: string): string[] => matchActions(pattern, 'public').map((action) => action.name);
const policy = (principal: string | string[], actions: string[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: actions }] }, null, 2);

describe('ECR Public actions', () => {
  it('lists the 23 ecr-public: actions with AWS access levels', () => {
    assert.strictEqual(ECR_PUBLIC_ACTIONS.length, 23);
    const level = (name: string): string | undefined => ECR_PUBLIC_ACTIONS.find((action) => action.name === `ecr-public:${name}`)?.level;
    assert.deepStrictEqual(['PutImage', 'DeleteRepositoryPolicy', 'SetRepositoryPolicy', 'TagResource', 'DescribeImages', 'DescribeImageTags'].map(level),
      ['write', 'write', 'permissions', 'tagging', 'read', 'list']);
  });

  it('expands wildcards within the registry only: the private catalogue is unchanged', () => {
    assert.deepStrictEqual(names('ecr-public:Put*'), ['ecr-public:PutImage', 'ecr-public:PutRegistryCatalogData', 'ecr-public:PutRepositoryCatalogData']);
    assert.strictEqual(matchActions('*', 'public').length, 23);
    assert.strictEqual(matchActions('*').length, ECR_ACTIONS.length);
    assert.deepStrictEqual(matchActions('ecr-public:PutImage'), []);
    assert.deepStrictEqual(matchActions('ecr:PutImage', 'public'), []);
    assert.deepStrictEqual(names('ECR-PUBLIC:putimage'), ['ecr-public:PutImage']);
    assert.deepStrictEqual(names('e*:Set*'), ['ecr-public:SetRepositoryPolicy']);
  });

  it('complements NotAction over ecr-public: actions and recognises actions added after the catalogue', () => {
    const granted = grantedActions(['ecr-public:Describe*', 'ecr-public:Get*'], true, 'public').map((action) => action.name);
    assert.ok(granted.includes('ecr-public:PutImage') && !granted.includes('ecr-public:DescribeImages'));
    assert.ok(touchesEcr('ecr-public:SomeFutureAction', 'public'));
    assert.ok(!touchesEcr('ecr-public:PutImage'));
  });

  it('tells a public policy file by its actions; a mixed one stays private', () => {
    const registry = (text: string): string => registryOf(extractJsonPolicies(text)[0]);
    assert.strictEqual(registry(policy('*', ['ecr-public:PutImage'])), 'public');
    assert.strictEqual(registry(policy('*', ['ecr-public:PutImage', 'ecr:BatchGetImage'])), 'private');
    assert.strictEqual(registry(policy('*', ['*'])), 'private');
  });

  it('hovers an ecr-public: action with its access level', () => {
    const text = policy('222233334444', ['ecr-public:PutImage', 'ecr-public:Describe*']);
    const documents = extractJsonPolicies(text);
    assert.strictEqual(hoverAt(documents, text.indexOf('ecr-public:PutImage') + 2)?.contents, '`ecr-public:PutImage`: Write access.');
    assert.match(hoverAt(documents, text.indexOf('ecr-public:Describe*') + 2)?.contents ?? '', /matches 4 ECR Public actions/);
  });
});

describe('ECR Public verdicts and fixes', () => {
  const analyzer = jsonAnalyzer({ trust: TRUST, now: NOW });
  const rules = (text: string): string[] => analyzer.analyze(text).findings.map((finding) => finding.rule);

  it('reports a wildcard on a public repository only when it grants more than read', () => {
    assert.deepStrictEqual(rules(policy('*', ['ecr-public:DescribeImages', 'ecr-public:GetRepositoryCatalogData'])), []);
    assert.deepStrictEqual(rules(policy('*', ['ecr-public:DescribeImages', 'ecr-public:TagResource'])), ['wildcard-principal', 'external-write']);
  });

  it('offers no pull-only fix on a public repository: pulling needs no grant', () => {
    const fixIds = (text: string): string[] => {
      const analysis = analyzer.analyze(text);
      return fixesFor(analysis.findings[0], analysis.source).map((fix) => fix.id);
    };
    assert.deepStrictEqual(fixIds(policy(['arn:aws:iam::222233334444:root', '111122223333'], ['ecr-public:PutImage'])), ['remove-principal']);
    // The same statement on a private repository is restricted to the ecr: pull actions.
    assert.deepStrictEqual(fixIds(policy(['arn:aws:iam::222233334444:root', '111122223333'], ['ecr:PutImage'])), ['restrict-to-pull', 'remove-principal']);
  });

  it('restricts a push-trusted account to AWS\'s ecr-public push actions', () => {
    const text = policy('arn:aws:iam::333344445555:root', ['ecr-public:*']);
    const analysis = analyzer.analyze(text);
    const fix = fixesFor(analysis.findings[0], analysis.source).find((candidate) => candidate.id === 'restrict-to-push-and-pull');
    assert.ok(fix?.edits && fix.isPreferred);
    const after = JSON.parse(applyEdits(text, fix.edits)) as { Statement: { Action: string[] }[] };
    assert.deepStrictEqual(after.Statement[0].Action.slice().sort(), ['ecr-public:BatchCheckLayerAvailability', 'ecr-public:CompleteLayerUpload', 'ecr-public:InitiateLayerUpload', 'ecr-public:PutImage', 'ecr-public:UploadLayerPart']);
    assert.deepStrictEqual(rules(applyEdits(text, fix.edits)), []);
  });
});
