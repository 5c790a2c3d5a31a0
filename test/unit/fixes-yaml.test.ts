import * as assert from 'assert';
import { applyEdits, Fix, fixesFor } from '../../server/src/core/fixes';
import { isDamaged } from '../../server/src/core/fixes/damage';
import { YamlStatementEditor } from '../../server/src/core/fixes/yamlEditor';
import { parseTrustList, TrustList } from '../../server/src/core/trust';
import { coverKey } from './fixes-support';
import { templateData, templatePolicies, yamlAnalyzer } from './fixes-yaml-support';

/**
 * What each fix writes into a CloudFormation YAML template, text for text, in each layout (block and flow
 * style, 2 and 4 spaces, sequences indented or not, quoting, comments, CRLF), and where it writes nothing.
 * Every result is also read back as CloudFormation reads it and compared with the statement intended.
 */
const NOW = new Date('2026-06-01T12:00:00Z');
const ORG = 'o-a1b2c3d4e5';
const PULL = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'];
const trustOf = (organizationIds: string[] = [ORG]): TrustList => parseTrustList(JSON.stringify({
  ownAccounts: ['111122223333'],
  organizationIds,
  trustedAccounts: { '222233334444': { name: 'staging', access: 'pull' }, '333344445555': { name: 'ci', access: 'push' } },
}), 'trust.json').list;

/** A template whose repository policy is `policy` (lines indented for `RepositoryPolicyText:` at 6 spaces). */
const template = (policy: string[], eol = '\n'): string => [
  '# the app repository',
  'Resources:',
  '  Repo:',
  '    Type: AWS::ECR::Repository',
  '    Properties:',
  '      RepositoryName: !Ref RepoName',
  '      RepositoryPolicyText:',
  ...policy,
  'Outputs:',
  '  Arn:',
  '    Value: !GetAtt Repo.Arn',
  '',
].join(eol);

function fixesOf(text: string, covered: string, trust = trustOf()): Fix[] {
  const analysis = yamlAnalyzer({ trust, now: NOW }).analyze(text);
  const finding = analysis.findings.find((candidate) => text.slice(candidate.span.offset, candidate.span.offset + candidate.span.length) === covered);
  assert.ok(finding, `no finding covers ${covered}: ${analysis.findings.map((candidate) => coverKey(text, candidate)).join(', ')}`);
  return fixesFor(finding, analysis.source);
}

/** The fixes of the finding on `covered`, as `* id` (preferred), with `?` when they ask and `-` when they have no edits. */
function offered(text: string, covered: string, trust?: TrustList): string[] {
  return fixesOf(text, covered, trust).map((fix) => `${fix.isPreferred ? '* ' : ''}${fix.id}${fix.needs ? '?' : ''}${fix.edits || fix.needs ? '' : '-'}`);
}

function fixed(text: string, covered: string, id: Fix['id'], trust?: TrustList): string {
  const fix = fixesOf(text, covered, trust).find((candidate) => candidate.id === id);
  assert.ok(fix?.edits, `${id} with edits is not offered for ${covered}`);
  return applyEdits(text, fix.edits);
}

function replaced(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), from);
  return text.replace(from, to);
}

/** The policy's statements as CloudFormation reads the template (short forms resolved to long forms). */
function statements(text: string): unknown[] {
  const data = templateData(text) as { Resources: { Repo: { Properties: { RepositoryPolicyText: { Statement: unknown } } } } };
  const statement = data.Resources.Repo.Properties.RepositoryPolicyText.Statement;
  return Array.isArray(statement) ? statement : [statement];
}

describe('quick fixes: CloudFormation YAML', () => {
  describe('block style, 2 spaces, sequences indented under their key', () => {
    const TEXT = template([
      "        Version: '2012-10-17'",
      '        Statement:',
      '          # staging pulls, CI pushes',
      '          - Sid: StagingPulls',
      '            Effect: Allow',
      '            Principal:',
      '              AWS: arn:aws:iam::222233334444:root',
      '            Action:',
      '              - ecr:BatchGetImage',
      '              - ecr:Put*  # TODO remove',
      '          - Sid: Everyone',
      '            Effect: Allow',
      "            Principal: '*'",
      '            Action: ecr:BatchGetImage',
      '            Condition:',
      '              StringEqualsIfExists:',
      `                aws:PrincipalOrgID: ${ORG}`,
      '              Bool:',
      "                aws:SecureTransport: 'true'",
      '          - Sid: Vendor',
      '            Effect: Allow',
      '            Principal:',
      '              AWS:',
      '                - arn:aws:iam::111122223333:root',
      '                - arn:aws:iam::444455556666:role/scanner  # scanner',
      '              Service: codebuild.amazonaws.com',
      '            NotAction: ecr:DeleteRepository',
    ]);

    it('offers what a JSON policy gets: one preferred fix per finding where one needs no input', () => {
      assert.deepStrictEqual(offered(TEXT, 'ecr:Put*'), ['* restrict-to-pull', 'remove-statement']);
      assert.deepStrictEqual(offered(TEXT, "'*'"), ['* add-organization-condition', 'remove-statement']);
      assert.deepStrictEqual(offered(TEXT, 'arn:aws:iam::444455556666:role/scanner'), ['trust-account?', 'mark-own-account?', 'remove-principal', 'remove-statement']);
      assert.deepStrictEqual(offered(TEXT, 'NotAction'), ['* restrict-to-pull', 'remove-principal', 'remove-statement']);
      assert.deepStrictEqual(offered(TEXT, "'*'", trustOf([])), ['* add-organization-condition?', 'remove-statement']);
    });

    it('restrict to pull-only: a block list is rewritten where it stands; the comment on its line stays', () => {
      const after = fixed(TEXT, 'ecr:Put*', 'restrict-to-pull');
      assert.strictEqual(after, replaced(TEXT, '              - ecr:BatchGetImage\n              - ecr:Put*  # TODO remove\n',
        '              - ecr:BatchGetImage\n              - ecr:GetDownloadUrlForLayer\n              - ecr:BatchCheckLayerAvailability  # TODO remove\n'));
      assert.deepStrictEqual(statements(after)[0], { Sid: 'StagingPulls', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222233334444:root' }, Action: PULL });
    });

    it('restrict to pull-only: NotAction becomes an Action list in the template\'s sequence style', () => {
      const after = fixed(TEXT, 'NotAction', 'restrict-to-pull');
      assert.strictEqual(after, replaced(TEXT, '            NotAction: ecr:DeleteRepository\n',
        '            Action:\n              - ecr:BatchGetImage\n              - ecr:GetDownloadUrlForLayer\n              - ecr:BatchCheckLayerAvailability\n'));
      assert.deepStrictEqual(statements(after)[2], {
        Sid: 'Vendor', Effect: 'Allow', Action: PULL,
        Principal: { AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:role/scanner'], Service: 'codebuild.amazonaws.com' },
      });
    });

    it('restrict to push and pull, for an account trusted for push', () => {
      const text = replaced(TEXT, 'arn:aws:iam::222233334444:root', 'arn:aws:iam::333344445555:role/ci');
      const after = fixed(text, 'ecr:Put*', 'restrict-to-push-and-pull');
      assert.deepStrictEqual((statements(after)[0] as { Action: string[] }).Action, [...PULL, 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage']);
      assert.ok(after.includes('              - ecr:CompleteLayerUpload\n              - ecr:PutImage  # TODO remove\n'));
    });

    it('organisation condition: the weak IfExists clause goes, the binding joins the Condition in its layout', () => {
      const after = fixed(TEXT, "'*'", 'add-organization-condition');
      assert.strictEqual(after, replaced(TEXT,
        `              StringEqualsIfExists:\n                aws:PrincipalOrgID: ${ORG}\n              Bool:\n                aws:SecureTransport: 'true'\n`,
        `              Bool:\n                aws:SecureTransport: 'true'\n              StringEquals:\n                aws:PrincipalOrgID: ${ORG}\n`));
      assert.deepStrictEqual((statements(after)[1] as { Condition: unknown }).Condition, { Bool: { 'aws:SecureTransport': 'true' }, StringEquals: { 'aws:PrincipalOrgID': ORG } });
    });

    it('remove principal takes the list item with its comment; remove statement takes its lines, and the comment above the list stays', () => {
      assert.strictEqual(fixed(TEXT, 'arn:aws:iam::444455556666:role/scanner', 'remove-principal'), replaced(TEXT, '                - arn:aws:iam::444455556666:role/scanner  # scanner\n', ''));
      const removed = fixed(TEXT, 'ecr:Put*', 'remove-statement');
      assert.strictEqual(removed, replaced(TEXT, TEXT.slice(TEXT.indexOf('          - Sid: StagingPulls'), TEXT.indexOf('          - Sid: Everyone')), ''));
      assert.deepStrictEqual(statements(removed).map((statement) => (statement as { Sid: string }).Sid), ['Everyone', 'Vendor']);
    });

    it('a statement with no Condition gets one after its last key', () => {
      const text = replaced(TEXT, `            Condition:\n              StringEqualsIfExists:\n                aws:PrincipalOrgID: ${ORG}\n              Bool:\n                aws:SecureTransport: 'true'\n`, '');
      assert.strictEqual(fixed(text, "'*'", 'add-organization-condition'), replaced(text, '            Action: ecr:BatchGetImage\n',
        `            Action: ecr:BatchGetImage\n            Condition:\n              StringEquals:\n                aws:PrincipalOrgID: ${ORG}\n`));
    });
  });

  describe('other layouts', () => {
    it('4 spaces, sequences not indented, double quotes, CRLF: inserted text follows each', () => {
      const text = [
        'Resources:',
        '    Repo:',
        '        Type: "AWS::ECR::Repository"',
        '        Properties:',
        '            RepositoryPolicyText:',
        '                Statement:',
        '                - "Sid": "Everyone"',
        '                  "Effect": "Allow"',
        '                  "Principal": "*"',
        '                  "Action":',
        '                  - "ecr:BatchGetImage"',
        '                  - "ecr:PutImage"',
        '',
      ].join('\r\n');
      const bound = fixed(text, '"*"', 'add-organization-condition');
      assert.strictEqual(bound, replaced(text, '                  - "ecr:PutImage"\r\n',
        `                  - "ecr:PutImage"\r\n                  "Condition":\r\n                      "StringEquals":\r\n                          "aws:PrincipalOrgID": "${ORG}"\r\n`));
      assert.ok(!/[^\r]\n/.test(bound), 'a line end without its CR');
      const restricted = fixed(text, '"ecr:PutImage"', 'restrict-to-pull');
      assert.strictEqual(restricted, replaced(text, '                  - "ecr:PutImage"\r\n', '                  - "ecr:GetDownloadUrlForLayer"\r\n                  - "ecr:BatchCheckLayerAvailability"\r\n'));
      assert.deepStrictEqual(statements(restricted), [{ Sid: 'Everyone', Effect: 'Allow', Principal: '*', Action: PULL }]);
    });

    it('a flow statement stays one flow mapping', () => {
      const text = template([
        '        Statement:',
        "          - {Sid: Everyone, Effect: Allow, Principal: {AWS: '*'}, Action: [ecr:BatchGetImage, ecr:PutImage]}",
        "          - {Effect: Allow, NotPrincipal: {AWS: '444455556666'}, Action: ecr:BatchGetImage}",
      ]);
      assert.strictEqual(fixed(text, "'*'", 'add-organization-condition'), replaced(text, 'ecr:PutImage]}', `ecr:PutImage], Condition: {StringEquals: {aws:PrincipalOrgID: ${ORG}}}}`));
      assert.strictEqual(fixed(text, 'ecr:PutImage', 'restrict-to-pull'), replaced(text, '[ecr:BatchGetImage, ecr:PutImage]', `[${PULL.join(', ')}]`));
      const opened = fixed(text, 'NotPrincipal', 'not-principal-to-organization');
      assert.strictEqual(opened, replaced(text, "NotPrincipal: {AWS: '444455556666'}, Action: ecr:BatchGetImage}", `Principal: '*', Action: ecr:BatchGetImage, Condition: {StringEquals: {aws:PrincipalOrgID: ${ORG}}}}`));
      assert.deepStrictEqual(statements(opened)[1], { Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } });
    });

    it('a policy all in flow style, a statement over two lines: edits stay in flow style', () => {
      const text = template([
        "        {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: '*', Action: 'ecr:*'}, {Effect: Allow,",
        "          Principal: {AWS: ['444455556666', '111122223333']}, Action: ecr:BatchGetImage}]}",
      ]);
      assert.strictEqual(fixed(text, "'ecr:*'", 'restrict-to-pull'), replaced(text, "Action: 'ecr:*'", `Action: [${PULL.map((action) => `'${action}'`).join(', ')}]`));
      assert.strictEqual(fixed(text, "'444455556666'", 'remove-principal'), replaced(text, "['444455556666', '111122223333']", "['111122223333']"));
      const removed = fixed(text, "'*'", 'remove-statement');
      assert.strictEqual(removed, replaced(text, "{Effect: Allow, Principal: '*', Action: 'ecr:*'}, ", ''));
      assert.deepStrictEqual(statements(removed), [{ Effect: 'Allow', Principal: { AWS: ['444455556666', '111122223333'] }, Action: 'ecr:BatchGetImage' }]);
    });

    it('flow collections in a block statement keep their spacing; a flow list over lines keeps one item a line', () => {
      const text = template([
        '        Statement:',
        '          - Effect: Allow',
        "            Principal: { AWS: [ '444455556666', 'arn:aws:iam::222233334444:root', '*' ] }",
        '            Action: [',
        '              ecr:BatchGetImage,',
        '              ecr:PutImage,',
        '            ]',
        "            Condition: { StringLike: { aws:PrincipalOrgID: 'o-*' }, Bool: { aws:SecureTransport: 'true' } }",
      ]);
      assert.strictEqual(fixed(text, "'*'", 'add-organization-condition'),
        replaced(text, "{ StringLike: { aws:PrincipalOrgID: 'o-*' }, Bool: { aws:SecureTransport: 'true' } }", `{ Bool: { aws:SecureTransport: 'true' }, StringEquals: { aws:PrincipalOrgID: ${ORG} } }`));
      assert.strictEqual(fixed(text, 'ecr:PutImage', 'restrict-to-pull'),
        replaced(text, '              ecr:BatchGetImage,\n              ecr:PutImage,\n', `              ${PULL.join(',\n              ')},\n`));
      assert.strictEqual(fixed(text, "'444455556666'", 'remove-principal'), replaced(text, "[ '444455556666', ", '[ '));
    });

    it('NotPrincipal in block style becomes Principal \'*\' where it stood', () => {
      const text = template([
        '        Statement:',
        '          - Effect: Allow',
        '            NotPrincipal:',
        '              AWS:',
        "                - '444455556666'",
        '            Action: ecr:BatchGetImage',
      ]);
      assert.deepStrictEqual(offered(text, 'NotPrincipal'), ['* not-principal-to-organization']);
      assert.strictEqual(fixed(text, 'NotPrincipal', 'not-principal-to-organization'), replaced(text,
        "            NotPrincipal:\n              AWS:\n                - '444455556666'\n            Action: ecr:BatchGetImage\n",
        `            Principal: '*'\n            Action: ecr:BatchGetImage\n            Condition:\n              StringEquals:\n                aws:PrincipalOrgID: ${ORG}\n`));
    });

    it('the only clause of a Condition: its value is replaced where it stands, the comment after the key kept', () => {
      const text = template([
        '        Statement:',
        '          - Effect: Allow',
        "            Principal: '*'",
        '            Action: ecr:BatchGetImage',
        '            Condition:  # who may pull',
        '              ForAllValues:StringEquals:',
        `                aws:PrincipalOrgID: [${ORG}]`,
      ]);
      assert.strictEqual(fixed(text, "'*'", 'add-organization-condition'), replaced(text,
        `              ForAllValues:StringEquals:\n                aws:PrincipalOrgID: [${ORG}]\n`, `              StringEquals:\n                aws:PrincipalOrgID: ${ORG}\n`));
    });

    it('a removed entry leaves the comment lines above it, unless they would become the statement\'s trailing comment', () => {
      const text = template([
        '        Statement:',
        '          - Effect: Allow',
        '            Action: ecr:BatchGetImage',
        '            Principal:',
        '              AWS:',
        "                - '222233334444'",
        '                # the vendor, until March',
        "                - '444455556666'",
        '                # the other vendor',
        "                - '555566667777'",
        '          - Effect: Allow',
        '            Action: ecr:BatchGetImage',
        "            Principal: {AWS: '222233334444'}",
      ]);
      assert.strictEqual(fixed(text, "'444455556666'", 'remove-principal'), replaced(text, "                - '444455556666'\n", ''));
      // Left behind, the comment would end the statement, and the parser count it in the statement's range.
      assert.strictEqual(fixed(text, "'555566667777'", 'remove-principal'), replaced(text, "                # the other vendor\n                - '555566667777'\n", ''));
    });
  });

  describe('intrinsics, and where nothing is written', () => {
    const INTRINSICS = template([
      '        Statement:',
      '          - Sid: Mixed',
      '            Effect: Allow',
      '            Principal:',
      '              AWS:',
      "                - !Sub 'arn:aws:iam::${AWS::AccountId}:root'",
      "                - '444455556666'",
      '            Action: [ecr:BatchGetImage, ecr:PutImage]',
      '            Resource: !GetAtt Repo.Arn',
      '          - Sid: Computed',
      '            Effect: Allow',
      "            Principal: '*'",
      '            Action: !Ref PullActions',
      '            Condition: !If [Restricted, {StringEquals: {aws:SourceVpce: vpce-1}}, !Ref AWS::NoValue]',
    ]);

    it('short forms elsewhere are untouched; a `!Sub` principal stays when its neighbour goes', () => {
      assert.strictEqual(fixed(INTRINSICS, "'444455556666'", 'remove-principal'), replaced(INTRINSICS, "                - '444455556666'\n", ''));
      const restricted = fixed(INTRINSICS, 'ecr:PutImage', 'restrict-to-pull');
      assert.deepStrictEqual(statements(restricted)[0], {
        Sid: 'Mixed', Effect: 'Allow', Action: PULL, Resource: { 'Fn::GetAtt': 'Repo.Arn' },
        Principal: { AWS: [{ 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:root' }, '444455556666'] },
      });
    });

    it('an intrinsic Condition or Action list is not edited: no organisation fix, and no question whose answer could not be used', () => {
      assert.deepStrictEqual(offered(INTRINSICS, "'*'"), ['remove-statement']);
      assert.deepStrictEqual(offered(INTRINSICS, "'*'", trustOf([])), ['remove-statement']);
      const documents = templatePolicies(INTRINSICS).documents;
      const editor = YamlStatementEditor.create({ text: INTRINSICS, documents }, documents[0].statements[1]);
      assert.ok(editor);
      assert.strictEqual(editor.setActions(PULL), undefined);
      assert.strictEqual(editor.addOrganizationCondition(ORG, []), undefined);
    });

    it('a principal written as an intrinsic is found by its tag', () => {
      const documents = templatePolicies(INTRINSICS).documents;
      const editor = YamlStatementEditor.create({ text: INTRINSICS, documents }, documents[0].statements[0])!;
      const tag = INTRINSICS.indexOf('!Sub');
      const edit = editor.removePrincipal({ value: 'arn:aws:iam::111122223333:root', span: { offset: tag, length: INTRINSICS.indexOf('\n', tag) - tag } });
      assert.ok(edit);
      const after = INTRINSICS.slice(0, edit.region.offset) + edit.text + INTRINSICS.slice(edit.region.offset + edit.region.length);
      assert.strictEqual(after, replaced(INTRINSICS, "                - !Sub 'arn:aws:iam::${AWS::AccountId}:root'\n", ''));
    });

    it('anchors, aliases and merge keys: the statement is not edited', () => {
      const base = [
        '        Statement:',
        '          - &pull',
        '            Effect: Allow',
        "            Principal: '*'",
        '            Action: [ecr:BatchGetImage, ecr:PutImage]',
        '          - Effect: Allow',
        "            Principal: {AWS: '444455556666'}",
        '            Action: *actions',
      ];
      const anchored = template(base.map((line) => line.replace('*actions', 'ecr:BatchGetImage')));
      assert.deepStrictEqual(offered(anchored, "'*'"), []);
      const aliased = template([...base.slice(0, 2), '            Effect: Allow', "            Principal: '*'", '            Action: &actions [ecr:BatchGetImage, ecr:PutImage]', ...base.slice(5)]);
      assert.deepStrictEqual(offered(aliased, "'*'"), []);
      const merged = template(['        Statement:', '          - <<: {Sid: Base}', '            Effect: Allow', "            Principal: '*'", '            Action: ecr:BatchGetImage', '          - Effect: Deny', "            Principal: '*'", '            Action: ecr:PutImage']);
      assert.deepStrictEqual(offered(merged, "'*'"), []);
    });

    it('the only statement, or a Statement written as one mapping, is not removed', () => {
      const single = template(['        Statement:', '          Effect: Allow', "          Principal: '*'", '          Action: ecr:BatchGetImage']);
      assert.deepStrictEqual(offered(single, "'*'"), ['* add-organization-condition']);
      assert.deepStrictEqual(statements(fixed(single, "'*'", 'add-organization-condition')), [{ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } }]);
      const alone = template(['        Statement:', '          - Effect: Allow', "            Principal: '*'", '            Action: ecr:BatchGetImage']);
      assert.deepStrictEqual(offered(alone, "'*'"), ['* add-organization-condition']);
    });

    it('half-typed: a resource with a parse error is not read, so nothing in it is edited; an error in another resource stops nothing here', () => {
      const healthy = ['        Statement:', '          - Effect: Allow', "            Principal: '*'", '            Action: ecr:BatchGetImage'];
      const halfTyped = ['          - Effect: Allow', "            Principal: {AWS: '444455556666'}", '            Action: [ecr:PutImage'];
      // The language server keeps the findings it last published inside a damaged range; with no document there is no fix to offer.
      const text = template([...healthy, ...halfTyped]);
      const read = templatePolicies(text);
      assert.deepStrictEqual(read.documents, []);
      const resource = text.indexOf('  Repo:');
      assert.ok(read.damaged.some((span) => span.offset <= resource && span.offset + span.length > text.indexOf('[ecr:PutImage')), JSON.stringify(read.damaged));
      const inStatement = template([...healthy.slice(0, 3), '           Extra: [', ...healthy.slice(3)]);
      assert.deepStrictEqual(templatePolicies(inStatement).documents, []);

      const other = ['  Other:', '    Type: AWS::ECR::Repository', '    Properties:', '      RepositoryPolicyText:', '        Statement:', ...halfTyped].join('\n');
      const twoResources = replaced(template(healthy), '\nOutputs:', `\n${other}\nOutputs:`);
      const { documents, damaged } = templatePolicies(twoResources);
      assert.strictEqual(documents.length, 1);
      assert.ok(damaged.length > 0 && damaged.every((span) => span.offset >= twoResources.indexOf('  Other:')), JSON.stringify(damaged));
      assert.strictEqual(isDamaged({ text: twoResources, documents, damaged }, documents[0], documents[0].statements[0]), false);
      assert.strictEqual(fixed(twoResources, "'*'", 'add-organization-condition'), replaced(twoResources, '            Action: ecr:BatchGetImage\n',
        `            Action: ecr:BatchGetImage\n            Condition:\n              StringEquals:\n                aws:PrincipalOrgID: ${ORG}\n`));
    });
  });
});
