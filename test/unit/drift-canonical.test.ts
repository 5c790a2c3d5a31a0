import * as assert from 'assert';
import { canonicalPolicyText, unknownValue } from '../../server/src/core/drift/canonical';
import { extractJsonPolicies } from '../../server/src/core/json/extract';
import { PolicyDocument } from '../../server/src/core/model';

/** The canonical form drift compares: what IAM treats as the same reads the same, and nothing else does. */
function doc(policy: object): PolicyDocument {
  const [document] = extractJsonPolicies(JSON.stringify(policy));
  assert.ok(document);
  return document;
}

const same = (a: object, b: object): void => assert.strictEqual(canonicalPolicyText(doc(a)), canonicalPolicyText(doc(b)));
const differ = (a: object, b: object): void => assert.notStrictEqual(canonicalPolicyText(doc(a)), canonicalPolicyText(doc(b)));
const statement = (extra: object): object => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222233334444:root' }, Action: 'ecr:BatchGetImage', ...extra }] });

describe('drift: canonical policy form', () => {
  it('an account ID is its root ARN (in the partition given); "*" is not {"AWS": "*"} (anonymous callers)', () => {
    differ(statement({ Principal: '*' }), statement({ Principal: { AWS: '*' } }));
    same(statement({ Principal: '*' }), statement({ Principal: '*' }));
    same(statement({ Principal: { AWS: '222233334444' } }), statement({}));
    const china = canonicalPolicyText(doc(statement({ Principal: { AWS: '222233334444' } })), { partition: 'aws-cn' });
    assert.match(china, /arn:aws-cn:iam::222233334444:root/);
  });

  it('Principal and NotPrincipal, Action and NotAction, Resource and NotResource stay apart', () => {
    differ(statement({}), { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::222233334444:root' }, Action: 'ecr:BatchGetImage' }] });
    differ(statement({}), { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222233334444:root' }, NotAction: 'ecr:BatchGetImage' }] });
    differ(statement({ Resource: '*' }), statement({ NotResource: '*' }));
    differ(statement({ Resource: '*' }), statement({}));
  });

  it('no Version is 2008-10-17, not 2012-10-17', () => {
    same({ Statement: [] }, { Version: '2008-10-17', Statement: [] });
    differ({ Statement: [] }, { Version: '2012-10-17', Statement: [] });
  });

  it('condition operators and values keep their case; keys do not', () => {
    same(statement({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }), statement({ Condition: { StringEquals: { 'AWS:PrincipalOrgId': ['o-a1b2c3d4e5'] } } }));
    differ(statement({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }), statement({ Condition: { stringequals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }));
    differ(statement({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }), statement({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'O-A1B2C3D4E5' } } }));
  });

  it('Sid and Effect count; an empty Sid is none; a statement repeated is not the same as one', () => {
    differ(statement({ Sid: 'A' }), statement({ Sid: 'B' }));
    differ(statement({ Sid: 'A' }), statement({}));
    same(statement({ Sid: '' }), statement({}));
    differ(statement({}), statement({ Effect: 'Deny' }));
    const one = statement({}) as { Statement: object[] };
    differ(one, { ...one, Statement: [...one.Statement, ...one.Statement] });
  });

  it('says which value is not known before deployment; the caller account needs the audited account', () => {
    const unresolved = doc(statement({}));
    unresolved.statements[0].principals[0].value = { ...unresolved.statements[0].principals[0].value, value: 'var.readers', origin: 'unresolved' };
    assert.strictEqual(unknownValue(unresolved), 'var.readers');
    const own = doc(statement({}));
    own.statements[0].principals[0].value = { ...own.statements[0].principals[0].value, value: 'arn:aws:iam::${AWS::AccountId}:root', origin: 'own-account' };
    assert.strictEqual(unknownValue(own), 'arn:aws:iam::${AWS::AccountId}:root');
    assert.strictEqual(unknownValue(own, { account: '111122223333' }), undefined);
    assert.match(canonicalPolicyText(own, { account: '111122223333' }), /arn:aws:iam::111122223333:root/);
    assert.strictEqual(unknownValue(doc(statement({}))), undefined);
  });

  it('spells catalogued actions as the catalogue does, others in lower case', () => {
    assert.match(canonicalPolicyText(doc(statement({ Action: ['ECR:PUTIMAGE', 'ecr:Get*', 's3:GetObject'] }))), /"ecr:PutImage",\n\s+"ecr:get\*",\n\s+"s3:getobject"/);
  });

  it('is indented JSON, for a side-by-side diff', () => {
    assert.strictEqual(canonicalPolicyText(doc(statement({ Action: ['ecr:GetDownloadUrlForLayer', 'ECR:BatchGetImage'] }))), `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "AWS": [
          "arn:aws:iam::222233334444:root"
        ]
      },
      "Action": [
        "ecr:BatchGetImage",
        "ecr:GetDownloadUrlForLayer"
      ]
    }
  ]
}
`);
  });
});
