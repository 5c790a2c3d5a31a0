import * as assert from 'assert';
import { registryModuleFor } from '../../server/src/core/terraform/registryModules';
import { b, CALL, inputs, l, pick, plain, s, u } from './registry-modules-support';

/*
 * terraform-aws-modules/ecr/aws. Expected policies are written out by hand from the module's main.tf
 * (commit f693de2, data "aws_iam_policy_document" "repository"), not from the code under test.
 */
const module = registryModuleFor('terraform-aws-modules/ecr/aws')!;
const OWN_ROOT = { own: 'arn:aws:iam::${data.aws_caller_identity.current.account_id}:root' };
const PRIVATE_READ = ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:DescribeImageScanFindings',
  'ecr:DescribeImages', 'ecr:DescribeRepositories', 'ecr:GetDownloadUrlForLayer', 'ecr:GetLifecyclePolicy', 'ecr:GetLifecyclePolicyPreview',
  'ecr:GetRepositoryPolicy', 'ecr:ListImages', 'ecr:ListTagsForResource'];
const PRIVATE_WRITE = ['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload'];
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const privateRead = (...AWS: unknown[]) => ({ Sid: 'PrivateReadOnly', Effect: 'Allow', Principal: { AWS }, Action: PRIVATE_READ });
const run = (entries: Parameters<typeof inputs>[0]) => module.policies(inputs(entries), CALL);

describe('terraform-aws-modules/ecr/aws: the private repository policy', () => {
  it('defaults to one policy granting read to the own account root', () => {
    const [policy, ...rest] = run({});
    assert.deepStrictEqual(rest, []);
    assert.strictEqual(policy.resource, 'aws_ecr_repository_policy.this[0]');
    assert.strictEqual(policy.property, 'policy');
    assert.deepStrictEqual(plain(policy.repository!), '');
    assert.deepStrictEqual(plain(policy.policy), doc(privateRead(OWN_ROOT)));
    assert.deepStrictEqual(pick(policy.policy, 'Statement', 0, 'Sid').origin, CALL.origin);
  });

  it('grants read to read and read-write ARNs and push to read-write ones, the caller\'s values themselves', () => {
    const reader = s('arn:aws:iam::222233334444:role/reader');
    const writer = s('arn:aws:iam::333344445555:role/ci');
    const name = s('app');
    const [policy] = run({ repository_name: name, repository_read_access_arns: l(reader), repository_read_write_access_arns: l(writer) });
    assert.strictEqual(policy.repository, name);
    assert.deepStrictEqual(plain(policy.policy), doc(
      privateRead('arn:aws:iam::222233334444:role/reader', 'arn:aws:iam::333344445555:role/ci'),
      { Sid: 'ReadWrite', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::333344445555:role/ci'] }, Action: PRIVATE_WRITE },
    ));
    assert.strictEqual(pick(policy.policy, 'Statement', 0, 'Principal', 'AWS', 0), reader);
    assert.strictEqual(pick(policy.policy, 'Statement', 0, 'Principal', 'AWS', 1), writer);
    assert.strictEqual(pick(policy.policy, 'Statement', 1, 'Principal', 'AWS', 0), writer);
  });

  it('writes no ReadWrite or Lambda statement for empty lists', () => {
    const [policy] = run({ repository_read_write_access_arns: l(), repository_lambda_read_access_arns: l(), repository_read_access_arns: l() });
    assert.deepStrictEqual(plain(policy.policy), doc(privateRead(OWN_ROOT)));
  });

  it('lets lambda.amazonaws.com read when Lambda ARNs are given, bound to them by aws:sourceArn', () => {
    const fn = s('arn:aws:lambda:eu-west-1:222233334444:function:app');
    const [policy] = run({ repository_lambda_read_access_arns: l(fn) });
    assert.deepStrictEqual(plain(policy.policy), doc(privateRead(OWN_ROOT), {
      Sid: 'PrivateLambdaReadOnly', Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] },
      Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      Condition: { StringLike: { 'aws:sourceArn': ['arn:aws:lambda:eu-west-1:222233334444:function:app'] } },
    }));
    assert.strictEqual(pick(policy.policy, 'Statement', 1, 'Condition', 'StringLike', 'aws:sourceArn', 0), fn);
  });

  it('keeps unknown elements, and writes the statements a list of unknown length may ask for', () => {
    const element = u('var.reader');
    const writers = u('var.writers');
    const [policy] = run({ repository_read_access_arns: l('arn:aws:iam::222233334444:root', element), repository_read_write_access_arns: writers });
    assert.deepStrictEqual(plain(policy.policy), doc(
      privateRead('arn:aws:iam::222233334444:root', { unknown: 'var.reader' }, { unknown: 'var.writers' }),
      { Sid: 'ReadWrite', Effect: 'Allow', Principal: { AWS: [{ unknown: 'var.writers' }] }, Action: PRIVATE_WRITE },
    ));
    assert.strictEqual(pick(policy.policy, 'Statement', 0, 'Principal', 'AWS', 1), element);
    assert.strictEqual(pick(policy.policy, 'Statement', 1, 'Principal', 'AWS', 0), writers);
  });

  it('creates nothing when create, create_repository or attach_repository_policy is false', () => {
    for (const name of ['create', 'create_repository', 'attach_repository_policy']) assert.deepStrictEqual(run({ [name]: b(false) }), [], name);
    assert.strictEqual(run({ create: u('var.enabled') }).length, 1, 'an unknown switch may be on');
  });

  it('takes repository_policy (JSON text) when create_repository_policy is false, and nothing without it', () => {
    const text = s(JSON.stringify(doc({ Effect: 'Allow', Principal: '*', Action: 'ecr:*' })));
    const [policy] = run({ create_repository_policy: b(false), repository_policy: text });
    assert.deepStrictEqual(plain(policy.policy), doc({ Effect: 'Allow', Principal: '*', Action: 'ecr:*' }));
    assert.deepStrictEqual(pick(policy.policy, 'Statement', 0, 'Principal').origin, text.origin);
    assert.deepStrictEqual(run({ create_repository_policy: b(false) }), []);
    assert.deepStrictEqual(plain(run({ create_repository_policy: b(false), repository_policy: s('{not json') })[0].policy), { unknown: 'a policy that is not valid JSON' });
    const unknownText = u('data.http.policy.body');
    assert.strictEqual(run({ create_repository_policy: b(false), repository_policy: unknownText })[0].policy, unknownText);
    assert.deepStrictEqual(plain(run({ repository_policy: text })[0].policy), doc(privateRead(OWN_ROOT)), 'ignored while the module writes the policy');
  });

  it('leaves the policy unknown where the choice of policy is', () => {
    const choice = u('var.custom');
    assert.strictEqual(run({ create_repository_policy: choice })[0].policy, choice);
    const type = u('var.type');
    const [policy, ...rest] = run({ repository_type: type });
    assert.deepStrictEqual([policy.policy === type, rest], [true, []]);
    assert.deepStrictEqual(run({ repository_type: s('Private') }), [], 'neither private nor public: no repository');
    const wrong = l('private');
    assert.deepStrictEqual([plain(run({ repository_type: wrong })[0].policy), run({ repository_type: wrong })[0].policy.origin],
      [{ unknown: 'repository_type of the wrong type' }, wrong.origin]);
  });
});

describe('terraform-aws-modules/ecr/aws: public repositories and the registry policy', () => {
  const PUBLIC_READ = ['ecr-public:BatchGetImage', 'ecr-public:GetDownloadUrlForLayer'];
  const PUBLIC_WRITE = ['ecr-public:BatchCheckLayerAvailability', 'ecr-public:CompleteLayerUpload', 'ecr-public:InitiateLayerUpload',
    'ecr-public:PutImage', 'ecr-public:UploadLayerPart'];

  it('lets anyone read a public repository by default, on aws_ecrpublic_repository_policy.example[0]', () => {
    const [policy] = run({ repository_type: s('public'), attach_repository_policy: b(false), repository_lambda_read_access_arns: l('arn:aws:lambda:x') });
    assert.strictEqual(policy.resource, 'aws_ecrpublic_repository_policy.example[0]');
    assert.deepStrictEqual(plain(policy.policy), doc({ Sid: 'PublicReadOnly', Effect: 'Allow', Principal: { AWS: ['*'] }, Action: PUBLIC_READ }));
  });

  it('grants public read to the read ARNs only, and ecr-public push to read-write ones', () => {
    const [policy] = run({ repository_type: s('public'), repository_read_access_arns: l('arn:aws:iam::222233334444:root'),
      repository_read_write_access_arns: l('arn:aws:iam::333344445555:root') });
    assert.deepStrictEqual(plain(policy.policy), doc(
      { Sid: 'PublicReadOnly', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::222233334444:root'] }, Action: PUBLIC_READ },
      { Sid: 'ReadWrite', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::333344445555:root'] }, Action: PUBLIC_WRITE },
    ));
  });

  it('creates the registry policy only when asked, from registry_policy', () => {
    const text = s('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222233334444:root"},"Action":["ecr:ReplicateImage"]}]}');
    assert.deepStrictEqual(run({ registry_policy: text }).map((policy) => policy.resource), ['aws_ecr_repository_policy.this[0]'], 'off by default');
    const policies = run({ create_repository: b(false), create_registry_policy: b(true), registry_policy: text });
    assert.deepStrictEqual(policies.map((policy) => [policy.resource, policy.repository]), [['aws_ecr_registry_policy.this[0]', undefined]]);
    assert.deepStrictEqual(pick(policies[0].policy, 'Statement', 0, 'Principal', 'AWS'), { kind: 'string', value: 'arn:aws:iam::222233334444:root', origin: text.origin, site: undefined });
    assert.deepStrictEqual(run({ create: b(false), create_registry_policy: b(true), registry_policy: text }), []);
  });
});
