import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { accessAllows, accessAllowsReplication } from '../../server/src/core/access';
import { ECR_ACTIONS } from '../../server/src/core/actions';
import { ACCESS_VALUES, Access, parseTrustList } from '../../server/src/core/trust';

/**
 * The `replicate` access (issue 12): pull, plus private image replication both ways. Duplicates combine to
 * what both allow, and `push` and `replicate` each allow something the other does not.
 */
const SOURCE = '/workspace/.ecr-trust.json';

function accessOf(text: string): Access | undefined {
  return parseTrustList(text, SOURCE).list.trustedAccounts.get('222233334444')?.access;
}

function action(name: string) {
  const found = ECR_ACTIONS.find((item) => item.name === name);
  assert.ok(found, name);
  return found;
}

describe('core/trust: replicate access', () => {
  it('reads "replicate" as an access, with no problem', () => {
    const { list, problems } = parseTrustList('{"trustedAccounts": {"222233334444": {"name": "dr", "access": "replicate"}}}', SOURCE);
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(list.trustedAccounts.get('222233334444')?.access, 'replicate');
  });

  it('names replicate among the accesses when one is wrong', () => {
    const { problems } = parseTrustList('{"trustedAccounts": {"222233334444": {"access": "replication"}}}', SOURCE);
    assert.strictEqual(problems.length, 1);
    assert.match(problems[0].message, /"pull", "push", "replicate" or "admin"/);
  });

  for (const [first, second, least] of [
    ['push', 'replicate', 'pull'], ['replicate', 'push', 'pull'], ['replicate', 'admin', 'replicate'],
    ['admin', 'replicate', 'replicate'], ['replicate', 'pull', 'pull'], ['replicate', 'replicate', 'replicate'],
  ] as const) {
    it(`a duplicated account trusted for ${first} then ${second} gets ${least}`, () => {
      const text = `{\n  "trustedAccounts": {\n    "222233334444": { "access": "${first}" },\n    "222233334444": { "access": "${second}" }\n  }\n}\n`;
      const { list, problems } = parseTrustList(text, SOURCE);
      assert.strictEqual(problems.length, 1, 'the duplicate key is an error');
      const entry = list.trustedAccounts.get('222233334444');
      assert.strictEqual(entry?.access, least);
      assert.strictEqual(entry?.line, first === least || second !== least ? 3 : 4, 'cites the entry giving the lesser access, else the first');
    });
  }

  it('two access keys in one entry, push and replicate, give pull', () => {
    assert.strictEqual(accessOf('{"trustedAccounts": {"222233334444": {"access": "push", "access": "replicate"}}}'), 'pull');
    assert.strictEqual(accessOf('{"trustedAccounts": {"222233334444": {"access": "replicate", "access": "admin"}}}'), 'replicate');
  });

  it('is in the JSON schema the extension ships, with every other access and a description each', () => {
    const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'schemas', 'ecr-trust.schema.json'), 'utf8'));
    const access = schema.properties.trustedAccounts.additionalProperties.properties.access;
    assert.deepStrictEqual(access.enum, [...ACCESS_VALUES]);
    assert.strictEqual(access.markdownEnumDescriptions.length, ACCESS_VALUES.length);
  });
});

describe('core/access: what each access allows', () => {
  const cases: [string, Record<Access, boolean>][] = [
    ['ecr:BatchGetImage', { pull: true, push: true, replicate: true, admin: true }],
    ['ecr:PutImage', { pull: false, push: true, replicate: false, admin: true }],
    ['ecr:ReplicateImage', { pull: false, push: false, replicate: true, admin: true }],
    ['ecr:CreateRepository', { pull: false, push: false, replicate: true, admin: true }],
    ['ecr:DeleteRepository', { pull: false, push: false, replicate: false, admin: true }],
    ['ecr:PutReplicationConfiguration', { pull: false, push: false, replicate: false, admin: true }],
    ['ecr:SetRepositoryPolicy', { pull: false, push: false, replicate: false, admin: true }],
  ];
  for (const [name, expected] of cases) {
    it(`${name}: ${Object.entries(expected).filter(([, allowed]) => allowed).map(([access]) => access).join(', ')}`, () => {
      const actual = Object.fromEntries(ACCESS_VALUES.map((access) => [access, accessAllows(access, action(name))]));
      assert.deepStrictEqual(actual, expected);
    });
  }

  it('lets only replicate and admin receive replicated images', () => {
    assert.deepStrictEqual(ACCESS_VALUES.filter(accessAllowsReplication), ['replicate', 'admin']);
  });
});
