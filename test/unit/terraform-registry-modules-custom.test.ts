import * as assert from 'assert';
import { registryModuleFor } from '../../server/src/core/terraform/registryModules';
import { CALL, inputs, l, o, pick, plain, s, u } from './registry-modules-support';

/*
 * terraform-aws-modules/ecr/aws's repository_policy_statements (main.tf, the last dynamic "statement"),
 * and which `source` strings name the known modules.
 */
const module = registryModuleFor('terraform-aws-modules/ecr/aws')!;
const custom = (statements: Parameters<typeof inputs>[0][string]) =>
  module.policies(inputs({ repository_policy_statements: statements }), CALL)[0].policy;

describe('terraform-aws-modules/ecr/aws: repository_policy_statements', () => {
  it('appends one statement per map entry, in key order, after the module\'s own', () => {
    const policy = custom(o({
      second: o({ sid: 'Second', actions: l('ecr:PutImage'), principals: l(o({ type: 'AWS', identifiers: l('arn:aws:iam::333344445555:root') })) }),
      first: o({
        sid: 'First', effect: 'Deny', not_actions: l('ecr:BatchGetImage'), resources: l('*'),
        not_principals: l(o({ type: 'AWS', identifiers: l('arn:aws:iam::222233334444:root') })),
        conditions: l(o({ test: 'StringNotEquals', variable: 'aws:PrincipalOrgID', values: l('o-abcdefghij') })),
      }),
    }));
    const statements = plain(pick(policy, 'Statement')) as { Sid: string }[];
    assert.deepStrictEqual(statements.map((statement) => statement.Sid), ['PrivateReadOnly', 'First', 'Second']);
    assert.deepStrictEqual(statements.slice(1), [
      { Sid: 'First', Effect: 'Deny', NotPrincipal: { AWS: ['arn:aws:iam::222233334444:root'] }, NotAction: ['ecr:BatchGetImage'], Resource: ['*'],
        Condition: { StringNotEquals: { 'aws:PrincipalOrgID': ['o-abcdefghij'] } } },
      { Sid: 'Second', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::333344445555:root'] }, Action: ['ecr:PutImage'] },
    ]);
  });

  it('merges principals and conditions of one type, writes "*" for type "*", and keeps the caller\'s values', () => {
    const account = s('arn:aws:iam::222233334444:root');
    const policy = custom(l(
      o({ principals: l(o({ type: 'AWS', identifiers: l(account) }), o({ type: 'AWS', identifiers: l('444455556666') })), actions: l('ecr:*'),
        conditions: l(o({ test: 'StringEquals', variable: 'aws:SourceAccount', values: l('1') }), o({ test: 'StringEquals', variable: 'aws:SourceAccount', values: l('2') })) }),
      o({ principals: l(o({ type: '*', identifiers: l('*') })), actions: l('ecr:BatchGetImage'), sid: u('var.sid') }),
    ));
    assert.deepStrictEqual(plain(pick(policy, 'Statement', 1)), { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::222233334444:root', '444455556666'] },
      Action: ['ecr:*'], Condition: { StringEquals: { 'aws:SourceAccount': ['1', '2'] } } });
    assert.strictEqual(pick(policy, 'Statement', 1, 'Principal', 'AWS', 0), account);
    assert.deepStrictEqual(plain(pick(policy, 'Statement', 2)), { Sid: { unknown: 'var.sid' }, Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage'] });
  });

  it('keeps what cannot be computed: a statement, a principal type, an identifier list', () => {
    const entry = u('local.statement');
    const type = u('var.principal_type');
    const identifiers = u('var.accounts');
    const policy = custom(o({ a: entry, b: o({ principals: l(o({ type, identifiers: l('x') })) }), c: o({ principals: l(o({ type: 'AWS', identifiers })) }) }));
    assert.strictEqual(pick(policy, 'Statement', 1), entry);
    assert.strictEqual(pick(policy, 'Statement', 2, 'Principal'), type);
    assert.strictEqual(pick(policy, 'Statement', 3, 'Principal', 'AWS', 0), identifiers);
    const whole = u('var.statements');
    assert.strictEqual(pick(custom(whole), 'Statement', 1), whole);
  });

  it('adds nothing for null or an empty map', () => {
    for (const value of [{ kind: 'null' as const }, o({})]) assert.strictEqual((plain(pick(custom(value), 'Statement')) as unknown[]).length, 1);
  });
});

describe('registry modules: which sources they answer to', () => {
  const address = (source: string) => registryModuleFor(source)?.address;

  it('recognises the registry address, with a host, in any case, and through Terragrunt\'s tfr://', () => {
    for (const source of ['terraform-aws-modules/ecr/aws', ' registry.terraform.io/terraform-aws-modules/ecr/aws ', 'Terraform-AWS-Modules/ECR/AWS',
      'tfr:///terraform-aws-modules/ecr/aws?version=2.3.0', 'tfr://registry.terraform.io/terraform-aws-modules/ecr/aws?version=3.0.0']) {
      assert.strictEqual(address(source), 'terraform-aws-modules/ecr/aws', source);
    }
    assert.strictEqual(address('cloudposse/ecr/aws'), 'cloudposse/ecr/aws');
    assert.strictEqual(address('registry.terraform.io/cloudposse/ecr/aws'), 'cloudposse/ecr/aws');
  });

  it('recognises the GitHub repositories in every git form, at any ref', () => {
    for (const [source, expected] of [
      ['git::https://github.com/terraform-aws-modules/terraform-aws-ecr.git?ref=v2.3.0', 'terraform-aws-modules/ecr/aws'],
      ['git::ssh://git@github.com/terraform-aws-modules/terraform-aws-ecr.git', 'terraform-aws-modules/ecr/aws'],
      ['github.com/terraform-aws-modules/terraform-aws-ecr', 'terraform-aws-modules/ecr/aws'],
      ['git::https://github.com/terraform-aws-modules/terraform-aws-ecr.git//?ref=v2.0.0', 'terraform-aws-modules/ecr/aws'],
      ['git@github.com:terraform-aws-modules/terraform-aws-ecr.git', 'terraform-aws-modules/ecr/aws'],
      ['github.com/cloudposse/terraform-aws-ecr', 'cloudposse/ecr/aws'],
      ['github.com/cloudposse/terraform-aws-ecr?ref=1.0.0', 'cloudposse/ecr/aws'],
      ['git@github.com:cloudposse/terraform-aws-ecr.git', 'cloudposse/ecr/aws'],
      ['git::https://github.com/cloudposse/terraform-aws-ecr.git?ref=tags/0.2.11', 'cloudposse/ecr/aws'],
    ]) assert.strictEqual(address(source), expected, source);
  });

  it('answers nothing for other modules, submodules, local paths and other hosts', () => {
    for (const source of [
      // No such registry module: terraform-aws-modules makes public repositories with repository_type.
      'terraform-aws-modules/ecr-public/aws', '../../terraform-aws-modules/ecr-public', './modules/ecr',
      // Another module of its own: cloudposse's public repository module.
      'cloudposse/ecr-public/aws', 'github.com/cloudposse/terraform-aws-ecr-public',
      'terraform-aws-modules/ecr/aws//modules/repository-template', 'git::https://github.com/terraform-aws-modules/terraform-aws-ecr.git//modules/repository-template?ref=v3.0.0',
      'lgallard/ecr/aws', 'terraform-aws-modules/ecr/google', 'github.com/someone/terraform-aws-ecr', 'git::https://gitlab.com/terraform-aws-modules/terraform-aws-ecr.git', '',
    ]) assert.strictEqual(address(source), undefined, source);
  });
});
