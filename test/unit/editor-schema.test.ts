import * as assert from 'assert';
import Ajv from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import { trustListText } from '../../client/src/onboarding/trustListText';
import { RULE_IDS } from '../../server/src/core/rules/metadata';
import { parseTrustList } from '../../server/src/core/trust';

/**
 * The schema VS Code associates with trust lists gives completion and hover only: the language server
 * reports every mistake, so a schema that validated too would squiggle each one twice.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
const full = read('schemas/ecr-trust.schema.json');
const editor = read('schemas/ecr-trust.editor.schema.json');

/** Every value of `key` anywhere in the schema. */
function collect(schema: unknown, key: string): unknown[] {
  if (!schema || typeof schema !== 'object') return [];
  return Object.entries(schema).flatMap(([name, value]) => [...(name === key ? [value] : []), ...collect(value, key)]);
}

describe('schemas/ecr-trust.editor.schema.json (VS Code: completion and hover only)', () => {
  it('is what scripts/editor-schema.mjs makes of the full schema (run it after changing that)', async () => {
    const { editorSchemaText } = await import(path.join(ROOT, 'scripts', 'editor-schema.mjs')) as { editorSchemaText(): string };
    assert.strictEqual(fs.readFileSync(path.join(ROOT, 'schemas', 'ecr-trust.editor.schema.json'), 'utf8'), editorSchemaText());
  });

  it('is the one package.json associates with trust list file names', () => {
    const pkg = read('package.json') as { contributes: { jsonValidation: { fileMatch: string[]; url: string }[] } };
    assert.deepStrictEqual(pkg.contributes.jsonValidation, [{ fileMatch: ['.ecr-trust.json', '*.ecr-trust.json'], url: './schemas/ecr-trust.editor.schema.json' }]);
  });

  it('accepts a trust list with a mistake of every kind the server reports (no second squiggle)', () => {
    const broken = {
      ownAccounts: ['1234', '111122223333', '111122223333', 7], organizationIds: 'o-a1b2c3d4e5', unknown: true,
      trustedAccounts: { 'not-an-id': {}, '222233334444': { access: 'everything', colour: 'red', expires: '31/12/2027' }, '333344445555': 'pull' },
      suppressions: [{ file: '/abs/*.json', rule: 'no-such-rule' }, 'x'],
    };
    assert.ok(parseTrustList(JSON.stringify(broken), '/w/.ecr-trust.json').problems.length >= 10, 'the server reports them');
    const validate = new Ajv({ allErrors: true, strict: false }).compile(editor);
    assert.strictEqual(validate(broken), true, JSON.stringify(validate.errors));
    const strict = new Ajv({ allErrors: true, strict: false }).compile(full);
    assert.strictEqual(strict(broken), false, 'the full schema still rejects it, for other editors and CI');
  });

  it('keeps every description, and offers every allowed value with its description', () => {
    assert.deepStrictEqual(collect(editor, 'description'), collect(full, 'description'));
    const access = (full.properties as Record<string, { additionalProperties: { properties: { access: { enum: string[]; markdownEnumDescriptions: string[] } } } }>).trustedAccounts.additionalProperties.properties.access;
    const offered = (editor.properties as Record<string, { additionalProperties: { properties: { access: { defaultSnippets: { body: string; markdownDescription: string }[] } } } }>).trustedAccounts.additionalProperties.properties.access.defaultSnippets;
    assert.deepStrictEqual(offered, access.enum.map((body, index) => ({ body, markdownDescription: access.markdownEnumDescriptions[index] })));
    assert.deepStrictEqual(collect(editor, 'body').filter((body) => typeof body === 'string' && body.includes('-')).length, RULE_IDS.length, 'every rule ID is offered for "rule"');
  });
});

describe('example trust lists', () => {
  it('name no $schema: a relative one breaks where the file is copied, and the extension maps the schema by file name', () => {
    for (const file of ['examples/.ecr-trust.json', 'test/vscode/workspace/alt-trust.json']) assert.ok(!('$schema' in read(file)), file);
  });
});

describe('trustListText (ECR Guard: Create Trust List)', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(full);

  it('writes each answer where it belongs, valid by the full schema and without a problem for the server', () => {
    const text = trustListText({
      accounts: { '111122223333': 'own', '222233334444': 'pull', '333344445555': 'push', '444455556666': 'admin', '555566667777': 'skip' },
      organizations: { 'o-a1b2c3d4e5': 'own', 'o-zzzzzzzzzz': 'skip' },
      names: { '222233334444': ' staging "eu" ', '111122223333': 'ignored for own accounts' },
    });
    assert.strictEqual(text, [
      '{', '  "ownAccounts": ["111122223333"],', '  "organizationIds": ["o-a1b2c3d4e5"],', '  "trustedAccounts": {',
      '    "222233334444": { "name": "staging \\"eu\\"", "access": "pull" },', '    "333344445555": { "access": "push" },', '    "444455556666": { "access": "admin" }',
      '  }', '}', '',
    ].join('\n'));
    assert.strictEqual(validate(JSON.parse(text)), true, JSON.stringify(validate.errors));
    assert.deepStrictEqual(parseTrustList(text, '/w/.ecr-trust.json').problems, []);
  });

  it('with every account skipped: the documented empty shape', () => {
    const text = trustListText({ accounts: { '111122223333': 'skip' }, organizations: {}, names: {} });
    assert.deepStrictEqual(JSON.parse(text), { ownAccounts: [], organizationIds: [], trustedAccounts: {} });
    assert.strictEqual(validate(JSON.parse(text)), true);
  });
});
