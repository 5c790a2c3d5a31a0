import * as assert from 'assert';
import { checkPolicies } from '../../server/src/core/analyze';
import { applyEdits, Fix, fixesFor } from '../../server/src/core/fixes';
import { PolicyDocument } from '../../server/src/core/model';
import { parseTrustList } from '../../server/src/core/trust';
import { coverKey } from './fixes-support';
import { templateData, templatePolicies } from './fixes-yaml-support';

/**
 * The JSON editor on policies inside CloudFormation templates: an object nested in a JSON template, and
 * JSON in a YAML `|` block whose every line carries the block's indentation (kept on every line written,
 * else the block would end there and the template change meaning).
 */
const NOW = new Date('2026-06-01T12:00:00Z');
const ORG = 'o-a1b2c3d4e5';
const trust = parseTrustList(JSON.stringify({ ownAccounts: ['111122223333'], organizationIds: [ORG], trustedAccounts: {} }), 'trust.json').list;

function fixesOf(text: string, documents: PolicyDocument[], covered: string): Fix[] {
  const findings = checkPolicies(documents, { trust, now: NOW });
  const finding = findings.find((candidate) => text.slice(candidate.span.offset, candidate.span.offset + candidate.span.length) === covered);
  assert.ok(finding, `no finding covers ${covered}: ${findings.map((candidate) => coverKey(text, candidate)).join(', ')}`);
  return fixesFor(finding, { text, documents, trust });
}

function fixed(text: string, documents: PolicyDocument[], covered: string, id: Fix['id']): string {
  const fix = fixesOf(text, documents, covered).find((candidate) => candidate.id === id);
  assert.ok(fix?.edits, `${id} with edits is not offered for ${covered}`);
  return applyEdits(text, fix.edits);
}

function replaced(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), from);
  return text.replace(from, to);
}

/** The JSON policy of a YAML template's block, as CloudFormation would pass it on. */
function blockPolicy(text: string): unknown {
  const data = templateData(text) as { Resources: { Repo: { Properties: { RepositoryPolicyText: string } } } };
  return JSON.parse(data.Resources.Repo.Properties.RepositoryPolicyText);
}

const BINDING = { StringEquals: { 'aws:PrincipalOrgID': ORG } };

describe('quick fixes: JSON policies in CloudFormation templates', () => {
  it('an object nested in a JSON template: inserted lines take its depth', () => {
    const text = [
      '{',
      '  "Resources": {',
      '    "Repo": {',
      '      "Type": "AWS::ECR::Repository",',
      '      "Properties": {',
      '        "RepositoryName": { "Ref": "RepoName" },',
      '        "RepositoryPolicyText": {',
      '          "Statement": [',
      '            { "Effect": "Allow", "Principal": "*", "Action": ["ecr:BatchGetImage", "ecr:PutImage"] },',
      '            {',
      '              "Effect": "Allow",',
      '              "NotPrincipal": { "AWS": "444455556666" },',
      '              "Action": "ecr:BatchGetImage"',
      '            }',
      '          ]',
      '        }',
      '      }',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    const documents = templatePolicies(text).documents;
    assert.strictEqual(fixed(text, documents, '"*"', 'add-organization-condition'),
      replaced(text, '"ecr:PutImage"] }', `"ecr:PutImage"], "Condition": { "StringEquals": { "aws:PrincipalOrgID": "${ORG}" } } }`));
    assert.strictEqual(fixed(text, documents, '"NotPrincipal"', 'not-principal-to-organization'), replaced(text,
      '              "NotPrincipal": { "AWS": "444455556666" },\n              "Action": "ecr:BatchGetImage"\n',
      `              "Principal": "*",\n              "Action": "ecr:BatchGetImage",\n              "Condition": {\n                "StringEquals": {\n                  "aws:PrincipalOrgID": "${ORG}"\n                }\n              }\n`));
    assert.strictEqual(fixed(text, documents, '"*"', 'remove-statement'), replaced(text, '            { "Effect": "Allow", "Principal": "*", "Action": ["ecr:BatchGetImage", "ecr:PutImage"] },\n', ''));
  });

  describe('JSON in a YAML block scalar', () => {
    // The block's lines stand at 10 spaces, off the JSON's 4-space grid.
    const TEXT = [
      'Resources:',
      '  Repo:',
      '    Type: AWS::ECR::Repository',
      '    Properties:',
      '      RepositoryPolicyText: |',
      '          {',
      '              "Statement": [',
      '                  {',
      '                      "Effect": "Allow",',
      '                      "Principal": "*",',
      '                      "Action": [',
      '                          "ecr:BatchGetImage",',
      '                          "ecr:PutImage"',
      '                      ]',
      '                  },',
      '                  {',
      '                      "Effect": "Allow",',
      '                      "NotPrincipal": { "AWS": "444455556666" },',
      '                      "Action": "ecr:BatchGetImage"',
      '                  }',
      '              ]',
      '          }',
      '      RepositoryName: app',
      '',
    ].join('\n');

    it('inserted lines keep the block\'s indentation and line up with the JSON', () => {
      const after = fixed(TEXT, templatePolicies(TEXT).documents, '"*"', 'add-organization-condition');
      assert.strictEqual(after, replaced(TEXT, '                          "ecr:PutImage"\n                      ]\n',
        `                          "ecr:PutImage"\n                      ],\n                      "Condition": {\n                          "StringEquals": {\n                              "aws:PrincipalOrgID": "${ORG}"\n                          }\n                      }\n`));
      assert.deepStrictEqual(blockPolicy(after), { Statement: [
        { Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage', 'ecr:PutImage'], Condition: BINDING },
        { Effect: 'Allow', NotPrincipal: { AWS: '444455556666' }, Action: 'ecr:BatchGetImage' },
      ] });
      const opened = fixed(TEXT, templatePolicies(TEXT).documents, '"NotPrincipal"', 'not-principal-to-organization');
      assert.deepStrictEqual((blockPolicy(opened) as { Statement: unknown[] }).Statement[1], { Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: BINDING });
      assert.strictEqual((templateData(opened) as { Resources: { Repo: { Properties: { RepositoryName: string } } } }).Resources.Repo.Properties.RepositoryName, 'app');
    });

    it('tab-indented JSON and CRLF line ends: the block\'s spaces, then tabs, on every new line', () => {
      const text = TEXT.replace(/^( {10})((?: {4})*)/gm, (_match, block: string, json: string) => block + '\t'.repeat(json.length / 4)).replace(/\n/g, '\r\n');
      const after = fixed(text, templatePolicies(text).documents, '"*"', 'add-organization-condition');
      assert.ok(after.includes(`\r\n          \t\t\t"Condition": {\r\n          \t\t\t\t"StringEquals": {\r\n          \t\t\t\t\t"aws:PrincipalOrgID": "${ORG}"\r\n          \t\t\t\t}\r\n          \t\t\t}\r\n`), after);
      assert.deepStrictEqual((blockPolicy(after) as { Statement: { Condition?: unknown }[] }).Statement[0].Condition, BINDING);
    });

    it('a statement on the block\'s first line: the region starts at the line\'s start, so new lines keep the block\'s indentation', () => {
      const text = [
        'Resources:',
        '  Repo:',
        '    Type: AWS::ECR::Repository',
        '    Properties:',
        '      RepositoryPolicyText: |',
        '        {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage"',
        '        }]}',
        '',
      ].join('\n');
      const documents = templatePolicies(text).documents;
      const brace = text.indexOf('{"Statement"');
      const region = documents[0].syntax.kind === 'json' ? documents[0].syntax.span : undefined;
      assert.strictEqual(region?.offset, text.lastIndexOf('\n', brace) + 1);
      // A region from the `{` would make the editor write lines without the block's indentation: it refuses.
      const fromBrace = documents.map((document) => ({ ...document, syntax: { kind: 'json' as const, span: { offset: brace, length: region!.offset + region!.length - brace } } }));
      assert.deepStrictEqual(fixesOf(text, fromBrace, '"*"').map((fix) => `${fix.id}${fix.edits ? '' : '-'}`), []);
      const after = fixed(text, documents, '"*"', 'add-organization-condition');
      assert.ok(after.split('\n').slice(5, -2).every((line) => line.startsWith('        ')), after);
      assert.deepStrictEqual(blockPolicy(after), { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage', Condition: BINDING }] });
    });
  });
});
