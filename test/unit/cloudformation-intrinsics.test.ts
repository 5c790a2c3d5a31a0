import * as assert from 'assert';
import { checkPolicies } from '../../server/src/core/analyze';
import { extractCloudFormation } from '../../server/src/core/cloudformation/extract';
import { PolicyDocument, Str } from '../../server/src/core/model';

/**
 * Intrinsic functions as ECR Guard works them out: each principal of a one-statement repository policy,
 * with its value, origin, the text its span covers and where it was defined.
 */
function template(principals: string, head = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
${head}Resources:
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText:
        Statement:
          - Effect: Allow
            Principal:
              AWS:
${principals.split('\n').map((line) => `                ${line}`).join('\n')}
            Action: ecr:BatchGetImage
`;
}

interface Seen { value: string; origin?: string; text: string; definedAt?: string }

function seen(text: string, item: Str): Seen {
  const result: Seen = { value: item.value, text: text.slice(item.span.offset, item.span.offset + item.span.length) };
  if (item.origin) result.origin = item.origin;
  if (item.definedAt) result.definedAt = `${text.slice(item.definedAt.span.offset, item.definedAt.span.offset + item.definedAt.span.length)} (${item.definedAt.message})`;
  return result;
}

function principals(text: string): Seen[] {
  const { documents, damaged } = extractCloudFormation(text);
  assert.deepStrictEqual(damaged, []);
  return documents.flatMap((document: PolicyDocument) => document.statements.flatMap((statement) => statement.principals.map((principal) => seen(text, principal.value))));
}

describe('CloudFormation intrinsics', () => {
  it('reads AWS::AccountId as the own account in Ref, Sub and Join, short and long form', () => {
    const text = template(`- !Ref AWS::AccountId
- !Sub 'arn:aws:iam::\${AWS::AccountId}:root'
- Fn::Sub: arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/\${RoleName}
- !Join ['', ['arn:', !Ref AWS::Partition, ':iam::', !Ref AWS::AccountId, ':root']]`);
    assert.deepStrictEqual(principals(text).map(({ origin, text: covered }) => ({ origin, covered })), [
      { origin: 'own-account', covered: '!Ref AWS::AccountId' },
      { origin: 'own-account', covered: "!Sub 'arn:aws:iam::${AWS::AccountId}:root'" },
      { origin: 'own-account', covered: 'Fn::Sub: arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${RoleName}' },
      { origin: 'own-account', covered: "!Join ['', ['arn:', !Ref AWS::Partition, ':iam::', !Ref AWS::AccountId, ':root']]" },
    ]);
  });

  it('fills AWS::Partition only in an ARN partition field; elsewhere it is unresolved', () => {
    const text = template(`- !Sub 'arn:\${AWS::Partition}:iam::444455556666:root'
- !Sub 'arn:aws:iam::444455556666:role/\${AWS::Partition}'
- !Ref AWS::Partition`);
    assert.deepStrictEqual(principals(text).map(({ value, origin }) => ({ value, origin })), [
      { value: 'arn:aws:iam::444455556666:root', origin: undefined },
      { value: "!Sub arn:aws:iam::444455556666:role/${AWS::Partition}", origin: 'unresolved' },
      { value: '!Ref AWS::Partition', origin: 'unresolved' },
    ]);
  });

  it('resolves parameters by their Default, pointing there, but not SSM parameters or parameters without one', () => {
    const head = `Parameters:
  Partner: { Type: String, Default: 012345678901 }
  Listed: { Type: CommaDelimitedList, Default: '222233334444,444455556666' }
  FromSsm: { Type: 'AWS::SSM::Parameter::Value<String>', Default: /accounts/partner }
  Open: { Type: String }
`;
    const text = template('- !Ref Partner\n- !Ref Listed\n- !Ref FromSsm\n- !Ref Open', head);
    assert.deepStrictEqual(principals(text), [
      { value: '012345678901', text: '!Ref Partner', definedAt: '012345678901 (Default of parameter Partner)' },
      { value: '222233334444', text: '!Ref Listed', definedAt: "'222233334444,444455556666' (Default of parameter Listed)" },
      { value: '444455556666', text: '!Ref Listed', definedAt: "'222233334444,444455556666' (Default of parameter Listed)" },
      { value: '!Ref FromSsm', origin: 'unresolved', text: '!Ref FromSsm' },
      { value: '!Ref Open', origin: 'unresolved', text: '!Ref Open' },
    ]);
  });

  it('judges both branches of Fn::If, and AWS::NoValue removes an element', () => {
    const text = template(`- !If [IsProd, '222233334444', !Ref AWS::NoValue]
- Fn::If: [IsProd, ['444455556666', '555566667777'], '666677778888']`);
    assert.deepStrictEqual(principals(text).map(({ value, text: covered }) => `${value} at ${covered}`), [
      "222233334444 at '222233334444'",
      "444455556666 at '444455556666'",
      "555566667777 at '555566667777'",
      "666677778888 at '666677778888'",
    ]);
  });

  it('reads Fn::FindInMap over literal mappings, every value of a level whose key is unknown', () => {
    const head = `Mappings:
  Accounts:
    eu-west-1: { Pull: '222233334444' }
    us-east-1: { Pull: '444455556666' }
`;
    const text = template('- !FindInMap [Accounts, eu-west-1, Pull]\n- !FindInMap [Accounts, !Ref AWS::Region, Pull]\n- !FindInMap [Missing, a, b]', head);
    assert.deepStrictEqual(principals(text).map(({ value, origin, definedAt }) => ({ value, origin, definedAt })), [
      { value: '222233334444', origin: undefined, definedAt: "'222233334444' (Mappings Accounts.eu-west-1.Pull)" },
      { value: '222233334444', origin: undefined, definedAt: "'222233334444' (Mappings Accounts.eu-west-1.Pull)" },
      { value: '444455556666', origin: undefined, definedAt: "'444455556666' (Mappings Accounts.us-east-1.Pull)" },
      { value: '!FindInMap Missing, a, b', origin: 'unresolved', definedAt: undefined },
    ]);
  });

  it('computes Fn::Select, Fn::Split, Fn::Join and Fn::Sub over literals and Sub variables', () => {
    const text = template(`- !Select [1, !Split [',', 'a,444455556666,b']]
- !Join [':', ['arn', 'aws', 'iam', '', '555566667777', 'root']]
- !Sub ['arn:aws:iam::\${Account}:root', { Account: '666677778888' }]
- !Sub 'arn:aws:iam::777788889999:user/\${!aws:username}'`);
    assert.deepStrictEqual(principals(text).map(({ value }) => value), [
      '444455556666',
      'arn:aws:iam::555566667777:root',
      'arn:aws:iam::666677778888:root',
      'arn:aws:iam::777788889999:user/${aws:username}',
    ]);
  });

  it('leaves everything else unresolved, with a short text of the call', () => {
    const text = template(`- !GetAtt Role.Arn
- !ImportValue shared-account
- Fn::Base64: x
- !Select [0, !GetAZs '']
- !Sub 'arn:aws:iam::\${Other.Attr}:root'`);
    assert.deepStrictEqual(principals(text).map(({ value, origin }) => `${origin}: ${value}`), [
      'unresolved: !GetAtt Role.Arn',
      'unresolved: !ImportValue shared-account',
      'unresolved: !Base64 x',
      "unresolved: !Select (...)",
      'unresolved: !Sub arn:aws:iam::${Other.Attr}:root',
    ]);
  });

  it('gives up on a value with too many combinations instead of listing them', () => {
    const branch = "!If [C, 'a', 'b']";
    const text = template(`- !Join ['', [${Array.from({ length: 8 }, () => branch).join(', ')}]]`);
    assert.deepStrictEqual(principals(text).map(({ origin }) => origin), ['unresolved']);
  });

  it('judges an Effect that is Allow on some branch as Allow, and reports a policy it cannot see as unchecked', () => {
    const text = `Parameters:
  Policy: { Type: String }
Resources:
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText:
        Statement:
          - Effect: !If [IsProd, Deny, Allow]
            Principal: '*'
            Action: ecr:BatchGetImage
  Other:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText: !Ref Policy
`;
    const { documents } = extractCloudFormation(text);
    const findings = checkPolicies(documents).map((finding) => `${finding.rule} ${text.slice(finding.span.offset, finding.span.offset + finding.span.length)}`);
    assert.deepStrictEqual(findings, ["wildcard-principal '*'", 'unresolved-principal !Ref Policy']);
  });

  it('reads a policy given to Fn::ToJsonString as a map', () => {
    const text = `Transform: AWS::LanguageExtensions
Resources:
  Template:
    Type: AWS::ECR::RepositoryCreationTemplate
    Properties:
      Prefix: cache
      RepositoryPolicy:
        Fn::ToJsonString:
          Statement:
            - Effect: Allow
              Principal: { AWS: '444455556666' }
              Action: ecr:BatchGetImage
`;
    const [document] = extractCloudFormation(text).documents;
    assert.deepStrictEqual(document.provenance, { source: 'cloudformation', resource: 'AWS::ECR::RepositoryCreationTemplate Template', property: 'RepositoryPolicy', repository: 'cache' });
    assert.deepStrictEqual(principals(text).map(({ text: covered }) => covered), ["'444455556666'"]);
  });
});
