import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { extractCloudFormation, extractTemplate } from '../../server/src/core/cloudformation/extract';
import { templateLayout } from '../../server/src/core/cloudformation/layout';
import { readWhole } from '../../server/src/core/cloudformation/readYaml';
import { Span } from '../../server/src/core/model';

/**
 * How templates are read: piece by piece when the layout allows (the same result as one whole parse, also
 * after edits served from the cache), what is damaged in half-typed text, and hostile input.
 */
const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'cloudformation');

function yamlFixtures(folder = FIXTURES): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return yamlFixtures(full);
    return entry.name.endsWith('.yaml') ? [fs.readFileSync(full, 'utf8')] : [];
  });
}

const slice = (text: string, span: Span) => text.slice(span.offset, span.offset + span.length);
/** Without keys whose value is undefined (moving a document spells absent keys that way). */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function repository(name: string, account: string): string {
  return `  ${name}:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText:
        Statement:
          - Sid: ${name}
            Effect: Allow
            Principal:
              AWS: !Ref ${account}
            Action: ecr:BatchGetImage
`;
}

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Partner:
    Type: String
    Default: '444455556666'
Resources:
${repository('First', 'Partner')}${repository('Second', 'AWS::AccountId')}${repository('Third', 'Partner')}`;

describe('CloudFormation templates: reading', () => {
  it('splits block templates into sections and resources, and gives up on layouts it cannot be sure of', () => {
    const layout = templateLayout(TEMPLATE)!;
    assert.deepStrictEqual([...layout.sections.keys()], ['AWSTemplateFormatVersion', 'Parameters', 'Resources']);
    assert.deepStrictEqual(layout.resources.map((span) => slice(TEMPLATE, span).split(':')[0].trim()), ['First', 'Second', 'Third']);
    for (const text of ['{"Resources": {}}', 'Resources: {}\n', '%YAML 1.2\n---\nResources:\n', 'A: 1\n---\nB: 2\n', '"Resources":\n  R: 1\n', 'Resources:\n    A: 1\n  B: 2\n', 'X: &a 1\nResources:\n  R: *a\n']) {
      assert.strictEqual(templateLayout(text), undefined, text);
    }
  });

  it('reads every well-formed fixture template piece by piece exactly as a whole parse reads it', () => {
    const templates = yamlFixtures().filter((text) => readWhole(text).damaged.length === 0);
    assert.ok(templates.length >= 30, `found ${templates.length} templates`);
    for (const text of [...templates, TEMPLATE]) assert.deepStrictEqual(plain(extractCloudFormation(text)), plain(extractTemplate(readWhole(text))), text);
  });

  it('reads CRLF and CR line ends as the editor does: the same policies at the same lines', () => {
    for (const eol of ['\r\n', '\r']) {
      const text = TEMPLATE.split('\n').join(eol);
      const { documents, damaged } = extractCloudFormation(text);
      assert.deepStrictEqual(damaged, []);
      assert.deepStrictEqual(plain(extractTemplate(readWhole(text))), plain({ documents, damaged }));
      assert.deepStrictEqual(documents.map((document) => slice(text, document.statements[0].principals[0].value.span)), ['!Ref Partner', '!Ref AWS::AccountId', '!Ref Partner']);
    }
  });

  it('gives the same policies after edits served from the cache as a fresh whole parse', () => {
    extractCloudFormation(TEMPLATE);
    const edits = [
      TEMPLATE.replace('Sid: Second', 'Sid: Secondx'),
      TEMPLATE.replace("Default: '444455556666'", "Default: '222233334444'"),
      `# a comment line moves everything\n${TEMPLATE}`,
      TEMPLATE.replace('AWS: !Ref Partner\n            Action: ecr:BatchGetImage\n  Second', 'AWS: !Ref Partner\n            Action: ecr:PutImage\n  Second'),
      TEMPLATE,
    ];
    for (const text of edits) {
      const result = extractCloudFormation(text);
      assert.deepStrictEqual(plain(result), plain(extractTemplate(readWhole(text))));
      for (const document of result.documents) {
        for (const principal of document.statements[0].principals) assert.match(slice(text, principal.value.span), /^!Ref /);
      }
    }
  });

  it('reports a half-typed resource as damaged and still reads the others', () => {
    const broken = TEMPLATE.replace('Action: ecr:BatchGetImage\n  Second', 'Action: [ecr:BatchGetImage\n  Second');
    const { documents, damaged } = extractCloudFormation(broken);
    assert.deepStrictEqual(documents.map((document) => document.provenance?.resource), ['AWS::ECR::Repository Second', 'AWS::ECR::Repository Third']);
    assert.strictEqual(damaged.length, 1);
    assert.match(slice(broken, damaged[0]), /^ {2}First:\n[^]*\[ecr:BatchGetImage\n$/);
  });

  it('reports the resource holding an error when the template is parsed whole, and JSON errors too', () => {
    const flow = `{AWSTemplateFormatVersion: '2010-09-09', Resources: {A: {Type: AWS::ECR::Repository, Properties: {RepositoryPolicyText: {Statement: [}}}}}`;
    assert.ok(extractCloudFormation(flow).damaged.length > 0);
    const json = '{"Resources": {"A": {"Type": "AWS::ECR::Repository", "Properties": {"RepositoryPolicyText": {"Statement": [{"Effect": "Allow" "Principal": "*"}]}}},\n "B": {"Type": "AWS::ECR::Repository", "Properties": {"RepositoryPolicyText": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "ecr:*"}]}}}}}';
    const { documents, damaged } = extractCloudFormation(json);
    assert.deepStrictEqual(documents.map((document) => document.provenance?.resource), ['AWS::ECR::Repository B']);
    assert.match(slice(json, damaged[0]), /^"A": \{/);
  });

  it('never throws or hangs on hostile text, and keeps every span inside the text', () => {
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    const hostile = [
      `Resources:\n  R:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryPolicyText: ${'['.repeat(100_000)}`,
      `AWSTemplateFormatVersion: x\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} AWS::ECR::Repository`,
      `${laughs}\nResources:\n  R:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryPolicyText:\n        Statement:\n          - Effect: Allow\n            Principal: { AWS: *j }\n            Action: ecr:*\n`,
      `Resources:\n  R:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryPolicyText: '${'x'.repeat(1_900_000)}'\n`,
      `Resources:\n  R:\n    Type: AWS::ECR::Repository\n${Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 256)).toString('latin1')}`,
      `{"Resources": {"R": {"Type": "AWS::ECR::Repository", "Properties": {"RepositoryPolicyText": ${'['.repeat(50_000)}`,
      `Resources:\n  R:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryPolicyText: !Sub ['${'${A}'.repeat(2000)}', {A: !If [c, x, y]}]\n`,
    ];
    for (const text of hostile) {
      const started = Date.now();
      const { documents, damaged } = extractCloudFormation(text);
      assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
      for (const span of damaged) assert.ok(span.offset >= 0 && span.offset + span.length <= text.length);
      for (const document of documents) {
        for (const statement of document.statements) {
          for (const item of [...statement.principals.map((principal) => principal.value), ...statement.actions]) {
            assert.ok(item.span.offset >= 0 && item.span.offset + item.span.length <= text.length);
          }
        }
      }
    }
  });
});
