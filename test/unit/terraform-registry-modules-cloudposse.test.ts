import * as assert from 'assert';
import { registryModuleFor } from '../../server/src/core/terraform/registryModules';
import { b, CALL, inputs, l, o, pick, plain, s, u } from './registry-modules-support';

/*
 * cloudposse/ecr/aws. Expected policies are written out by hand from the module's main.tf (the
 * aws_iam_policy_document blocks and data "aws_iam_policy_document" "resource"), not from the code under test.
 */
const module = registryModuleFor('github.com/cloudposse/terraform-aws-ecr?ref=1.0.0')!;
const READ = ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:DescribeImageScanFindings', 'ecr:DescribeImages',
  'ecr:DescribeRepositories', 'ecr:GetDownloadUrlForLayer', 'ecr:GetLifecyclePolicy', 'ecr:GetLifecyclePolicyPreview',
  'ecr:GetRepositoryPolicy', 'ecr:ListImages', 'ecr:ListTagsForResource'];
const PUSH = ['ecr:CompleteLayerUpload', 'ecr:GetAuthorizationToken', 'ecr:UploadLayerPart', 'ecr:InitiateLayerUpload',
  'ecr:BatchCheckLayerAvailability', 'ecr:PutImage'];
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (Sid: string, Principal: unknown, Action: string[], Condition?: unknown) =>
  ({ Sid, Effect: 'Allow', Principal, Action, ...(Condition ? { Condition } : {}) });
const NAMED = { namespace: s('eg'), stage: s('test'), name: s('ecr') };
const run = (entries: Parameters<typeof inputs>[0]) => module.policies(inputs({ ...NAMED, ...entries }), CALL);

describe('cloudposse/ecr/aws: the repository policy', () => {
  it('creates no policy when no principal or organisation is given, or every list is empty', () => {
    assert.deepStrictEqual(run({}), []);
    assert.deepStrictEqual(run({ principals_readonly_access: l(), principals_full_access: l(), organizations_push_access: l() }), []);
  });

  it('writes every statement, in the order of the source and override documents', () => {
    const [policy, ...rest] = run({
      principals_readonly_access: l('arn:aws:iam::222233334444:root'), principals_push_access: l('arn:aws:iam::333344445555:role/ci'),
      principals_full_access: l('arn:aws:iam::111122223333:role/admin'), principals_lambda: l('444455556666'),
      organizations_readonly_access: l('o-aaaaaaaaaa'), organizations_full_access: l('o-bbbbbbbbbb'), organizations_push_access: l('o-cccccccccc'),
    });
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(policy.resource, 'aws_ecr_repository_policy.name["eg-test-ecr"]');
    assert.deepStrictEqual(plain(policy.repository!), 'eg-test-ecr');
    assert.deepStrictEqual(plain(policy.policy), doc(
      allow('ReadonlyAccess', { AWS: ['arn:aws:iam::222233334444:root'] }, READ),
      allow('PushAccess', { AWS: ['arn:aws:iam::333344445555:role/ci'] }, PUSH),
      allow('FullAccess', { AWS: ['arn:aws:iam::111122223333:role/admin'] }, ['ecr:*']),
      allow('LambdaECRImageCrossAccountRetrievalPolicy', { Service: ['lambda.amazonaws.com'] }, ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        { StringLike: { 'aws:SourceArn': ['arn:aws:lambda:*:444455556666:function:*'] } }),
      allow('CrossAccountPermission', { AWS: ['arn:aws:iam::444455556666:root'] }, ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']),
      allow('OrganizationsFullAccess', '*', ['ecr:*'], { StringEquals: { 'aws:PrincipalOrgID': ['o-bbbbbbbbbb'] } }),
      allow('OrganizationsReadonlyAccess', '*', READ, { StringEquals: { 'aws:PrincipalOrgID': ['o-aaaaaaaaaa'] } }),
      allow('OrganizationsPushAccess', '*', PUSH, { StringEquals: { 'aws:PrincipalOrgID': ['o-cccccccccc'] } }),
    ));
  });

  it('puts the caller\'s values in the policy, and ARNs built from a Lambda account where the account was written', () => {
    const reader = s('arn:aws:iam::222233334444:root');
    const org = s('o-aaaaaaaaaa');
    const account = s('444455556666');
    const [policy] = run({ principals_readonly_access: l(reader), organizations_full_access: l(org), principals_lambda: l(account) });
    assert.strictEqual(pick(policy.policy, 'Statement', 0, 'Principal', 'AWS', 0), reader);
    assert.strictEqual(pick(policy.policy, 'Statement', 3, 'Condition', 'StringEquals', 'aws:PrincipalOrgID', 0), org);
    const root = pick(policy.policy, 'Statement', 2, 'Principal', 'AWS', 0);
    assert.deepStrictEqual([plain(root), root.origin], ['arn:aws:iam::444455556666:root', account.origin]);
    assert.deepStrictEqual(pick(policy.policy, 'Statement', 1, 'Condition', 'StringLike', 'aws:SourceArn', 0).origin, account.origin);
    assert.deepStrictEqual(pick(policy.policy, 'Statement', 0, 'Sid').origin, CALL.origin);
  });

  it('keeps unknown elements and lists of unknown length', () => {
    const element = u('var.ci_role');
    const accounts = u('var.lambda_accounts');
    const [policy] = run({ principals_push_access: l('arn:aws:iam::333344445555:root', element), principals_lambda: l(accounts) });
    assert.deepStrictEqual(plain(pick(policy.policy, 'Statement', 0, 'Principal')), { AWS: ['arn:aws:iam::333344445555:root', { unknown: 'var.ci_role' }] });
    assert.strictEqual(pick(policy.policy, 'Statement', 0, 'Principal', 'AWS', 1), element);
    assert.strictEqual(pick(policy.policy, 'Statement', 2, 'Principal', 'AWS', 0), accounts);
    const whole = u('var.readers');
    const [open] = run({ principals_readonly_access: whole });
    assert.deepStrictEqual(plain(open.policy), doc(allow('ReadonlyAccess', { AWS: [{ unknown: 'var.readers' }] }, READ)));
  });

  it('grants pull-through only on repositories whose name starts with a listed prefix, under either spelling of the input', () => {
    const sids = (entries: Parameters<typeof inputs>[0]) => run(entries).map((policy) =>
      [plain(policy.repository!), (plain(policy.policy) as { Statement: { Sid: string }[] }).Statement.map((statement) => statement.Sid)]);
    const grant = { principals_pull_though_access: l('arn:aws:iam::222233334444:root'), image_names: l('ecr-public/nginx', 'app') };
    assert.deepStrictEqual(sids({ ...grant, prefixes_pull_through_repositories: l('ecr-public') }), [['ecr-public/nginx', ['PullThroughAccess']], ['app', []]]);
    assert.deepStrictEqual(sids({ ...grant }), [['ecr-public/nginx', []], ['app', []]]);
    assert.deepStrictEqual(sids({ principals_pull_through_access: l('arn:aws:iam::222233334444:root'), image_names: l('quay/x'), prefixes_pull_through_repositories: l('quay') }),
      [['quay/x', ['PullThroughAccess']]]);
    const [pull] = run({ ...grant, prefixes_pull_through_repositories: l('ecr-public') });
    assert.deepStrictEqual(plain(pull.policy), doc(allow('PullThroughAccess', { AWS: ['arn:aws:iam::222233334444:root'] }, ['ecr:BatchImportUpstreamImage', 'ecr:TagResource'])));
  });
});

describe('cloudposse/ecr/aws: repositories and enabled', () => {
  const readonly = { principals_readonly_access: l('arn:aws:iam::222233334444:root') };

  it('writes one policy per distinct image name, keyed by it', () => {
    const unknownName = u('var.extra');
    const policies = run({ ...readonly, image_names: l('app', 'api', 'app', unknownName) });
    assert.deepStrictEqual(policies.map((policy) => policy.resource),
      ['aws_ecr_repository_policy.name["app"]', 'aws_ecr_repository_policy.name["api"]', 'aws_ecr_repository_policy.name[?]']);
    assert.strictEqual(policies[2].repository, unknownName);
  });

  it('names the single repository after the label: id, or name without use_fullname; unknown where the label has a context', () => {
    const name = (entries: Parameters<typeof inputs>[0]) => plain(run({ ...readonly, ...entries })[0].repository!);
    assert.strictEqual(name({ environment: s('UE2'), attributes: l('Blue', 'x_y') }), 'eg-ue2-test-ecr-blue-xy');
    assert.strictEqual(name({ delimiter: s('.') }), 'eg.test.ecr');
    assert.strictEqual(name({ use_fullname: b(false) }), 'ecr');
    assert.deepStrictEqual(name({ context: o({ namespace: 'x' }) }), { unknown: 'module.this.id' });
    assert.deepStrictEqual(name({ stage: u('var.stage') }), { unknown: 'module.this.id' });
  });

  it('creates nothing when disabled, directly or through the context', () => {
    assert.deepStrictEqual(run({ ...readonly, enabled: b(false) }), []);
    assert.deepStrictEqual(run({ ...readonly, context: o({ enabled: b(false) }) }), []);
    assert.strictEqual(run({ ...readonly, context: u('module.label.context') }).length, 1, 'an unknown context may be enabled');
    assert.strictEqual(run({ ...readonly, enabled: b(true), context: o({ enabled: b(false) }) }).length, 1, 'enabled wins over the context');
  });
});
