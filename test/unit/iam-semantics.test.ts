import * as assert from 'assert';
import { checkPolicies } from '../../server/src/core/analyze';
import { intendedOperator, isKnownOperator } from '../../server/src/core/conditionOperators';
import { denyGuards } from '../../server/src/core/denyGuards';
import { hoverAt } from '../../server/src/core/hover';
import { extractJsonPolicies } from '../../server/src/core/json/extract';
import { ownVariable, variablesApply } from '../../server/src/core/policyVariables';
import { parseTrustList } from '../../server/src/core/trust';

/** Issue 12: the IAM details the rules follow (docs/aws-ecr-policy-facts.md, "Condition operators, policy variables, ..."). */
const TRUST = parseTrustList(JSON.stringify({ ownAccounts: ['111122223333'], organizationIds: ['o-a1b2c3d4e5'] }), '.ecr-trust.json').list;

function policy(statements: object[], version: string | null = '2012-10-17'): string {
  return JSON.stringify({ ...(version ? { Version: version } : {}), Statement: statements }, null, 2);
}

function hover(text: string, needle: string): string {
  const documents = extractJsonPolicies(text);
  return hoverAt(documents, text.indexOf(needle) + 1, { trust: TRUST, now: new Date('2026-06-01') })?.contents ?? '';
}

describe('IAM semantics (issue 12)', () => {
  it('knows condition operators by their exact names, with IfExists and set qualifiers', () => {
    for (const known of ['StringEquals', 'ArnLike', 'ForAnyValue:StringLike', 'ForAllValues:StringEqualsIfExists', 'BoolIfExists', 'Null']) assert.ok(isKnownOperator(known), known);
    for (const unknown of ['stringequals', 'ARNEquals', 'StringEqual', 'NullIfExists', 'ForSomeValues:StringEquals', '']) assert.ok(!isKnownOperator(unknown), unknown);
    assert.strictEqual(intendedOperator('ARNEquals'), 'ArnEquals');
    assert.strictEqual(intendedOperator('stringequalsifexists'), 'StringEqualsIfExists');
    assert.strictEqual(intendedOperator('foranyvalue:stringlike'), 'ForAnyValue:StringLike');
    assert.strictEqual(intendedOperator('StringEquals'), undefined);
    assert.strictEqual(intendedOperator('Junk'), undefined);
  });

  it('takes an operator it cannot compute (a Terraform variable) as unknown, not as one IAM rejects', () => {
    const documents = extractJsonPolicies(policy([{ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }]));
    const clause = documents[0].statements[0].conditions[0];
    clause.operator = { ...clause.operator, value: 'var.test', origin: 'unresolved' };
    assert.deepStrictEqual(checkPolicies(documents, { trust: TRUST }).map((finding) => finding.rule), ['wildcard-principal']);
    clause.operator = { ...clause.operator, value: 'stringequals', origin: undefined };
    assert.deepStrictEqual(checkPolicies(documents, { trust: TRUST }).map((finding) => finding.rule), ['invalid-policy']);
  });

  it('reads policy variables only under Version 2012-10-17, and the owner variables as the own account or organisation', () => {
    assert.strictEqual(variablesApply('2012-10-17'), true);
    assert.strictEqual(variablesApply('2008-10-17'), false);
    assert.strictEqual(variablesApply(undefined), false);
    assert.deepStrictEqual(ownVariable('aws:PrincipalAccount', '${aws:ResourceAccount}')?.kind, 'account');
    assert.deepStrictEqual(ownVariable('AWS:SOURCEACCOUNT', '${aws:resourceaccount}')?.kind, 'account');
    assert.deepStrictEqual(ownVariable('aws:PrincipalArn', 'arn:aws:iam::${aws:ResourceAccount}:role/*')?.kind, 'account');
    assert.deepStrictEqual(ownVariable('aws:PrincipalOrgID', '${aws:ResourceOrgID}')?.kind, 'organization');
    assert.deepStrictEqual(ownVariable('aws:PrincipalOrgPaths', '${aws:ResourceOrgID}/r-ab12/*')?.kind, 'organization');
    assert.strictEqual(ownVariable('aws:PrincipalAccount', '${aws:PrincipalAccount}'), undefined);
    assert.strictEqual(ownVariable('aws:PrincipalAccount', '${aws:ResourceAccount}1'), undefined);
    assert.strictEqual(ownVariable('aws:PrincipalArn', 'arn:aws:iam::${aws:ResourceAccount}:role/${aws:username}'), undefined);
    assert.strictEqual(ownVariable('aws:PrincipalOrgID', '${aws:ResourceAccount}'), undefined);
  });

  describe('Deny guards', () => {
    const guardsOf = (statement: object): ReturnType<typeof denyGuards> => denyGuards(extractJsonPolicies(policy([statement]))[0], 'private', TRUST);

    it('count an unconditional Deny and a negated comparison with own accounts or organisations', () => {
      assert.strictEqual(guardsOf({ Effect: 'Deny', Principal: '*', Action: 'ecr:*' })[0].spares, 'nobody');
      assert.strictEqual(guardsOf({ Effect: 'Deny', Principal: '*', Action: 'ecr:*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })[0].spares, 'own-organizations');
      assert.strictEqual(guardsOf({ Effect: 'Deny', Principal: '*', Action: 'ecr:*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalAccount': ['111122223333'] } } })[0].spares, 'own-accounts');
      assert.strictEqual(guardsOf({ Effect: 'Deny', Principal: '*', Action: 'ecr:*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:*' } } })[0].spares, 'own-accounts');
      const services = guardsOf({ Effect: 'Deny', Principal: '*', Action: 'ecr:*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } } })[0];
      assert.strictEqual(services.sparesServices, true);
      assert.deepStrictEqual([...guardsOf({ Effect: 'Deny', Principal: { AWS: ['444455556666', 'arn:aws:iam::555566667777:root', 'arn:aws:iam::666677778888:role/ci'] }, Action: 'ecr:PutImage' })[0].accounts ?? []], ['444455556666', '555566667777']);
      assert.strictEqual(guardsOf({ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'ecr:*' })[0].spares, 'own-accounts');
    });

    it('ignore what cannot be proven to cover: other keys, other organisations, set qualifiers, specific resources, Allow', () => {
      const none = [
        { Effect: 'Deny', Principal: '*', Action: 'ecr:*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' } } },
        { Effect: 'Deny', Principal: '*', Action: 'ecr:*', Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } },
        { Effect: 'Deny', Principal: '*', Action: 'ecr:*', Condition: { 'ForAllValues:StringNotEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
        { Effect: 'Deny', Principal: '*', Action: 'ecr:*', Condition: { StringNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/ci' } } },
        { Effect: 'Deny', Principal: '*', Action: 'ecr:*', Resource: 'arn:aws:ecr:us-east-1:111122223333:repository/app' },
        { Effect: 'Deny', Principal: '*', Action: 'ecr:*', NotResource: '*' },
        { Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::444455556666:role/ci' }, Action: 'ecr:*' },
        { Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'ecr:*' },
        { Effect: 'Deny', Principal: '*', Action: 's3:*' },
        { Effect: 'Allow', Principal: '*', Action: 'ecr:*' },
        { Effect: 'deny', Principal: '*', Action: 'ecr:*' },
      ];
      for (const statement of none) assert.deepStrictEqual(guardsOf(statement), [], JSON.stringify(statement));
    });
  });

  describe('hovers', () => {
    it('say what an owner variable, a unique ID and a literal variable bind to', () => {
      const bound = policy([{ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: { StringEquals: { 'aws:PrincipalAccount': '${aws:ResourceAccount}', 'aws:PrincipalOrgID': '${aws:ResourceOrgID}' }, StringLike: { 'aws:userid': 'AROAEXAMPLEROLEID123:*' } } }]);
      assert.match(hover(bound, '${aws:ResourceAccount}'), /Your own account/);
      assert.match(hover(bound, '${aws:ResourceOrgID}'), /Your own organisation/);
      assert.match(hover(bound, 'AROAEXAMPLEROLEID123'), /One role.*does not say which account/);
      const literal = policy([{ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: { StringEquals: { 'aws:PrincipalAccount': '${aws:ResourceAccount}' } } }], null);
      assert.match(hover(literal, '${aws:ResourceAccount}'), /Admits nobody.*literal text/);
    });

    it('say whether a service principal is bound to an account', () => {
      const text = policy([
        { Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'ecr:BatchGetImage' },
        { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'ecr:BatchGetImage', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } },
      ]);
      assert.match(hover(text, 'codebuild.amazonaws.com'), /may act for any account/);
      assert.match(hover(text, 'lambda.amazonaws.com'), /acting for what this statement's aws:Source\* conditions name/);
    });
  });
});
