import * as assert from 'assert';
import Ajv from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import { RULE_IDS } from '../../server/src/core/rules/metadata';
import { parseTrustList } from '../../server/src/core/trust';

/**
 * The trust list's JSON schema (the editor's completion and validation) against the parser: what the
 * schema accepts, ECR Guard reads without error, and the other way round. The one known gap is a date
 * that looks right but is not on the calendar (2027-02-30), which only the parser catches.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'ecr-trust.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function schemaErrors(list: unknown): string[] {
  return validate(list) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

function parserErrors(list: unknown): string[] {
  return parseTrustList(JSON.stringify(list), '/w/.ecr-trust.json').problems.filter((problem) => problem.severity === 'error').map((problem) => problem.message);
}

const VALID_ENTRY = { file: 'policies/public-base.json', sid: 'PublicPull', rule: ['wildcard-principal', 'untrusted-account'], reason: 'Public base image, reviewed 2026-11', until: '2027-06-30' };

describe('schemas/ecr-trust.schema.json', () => {
  it('accepts the example trust list', () => {
    assert.deepStrictEqual(schemaErrors(JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', '.ecr-trust.json'), 'utf8'))), []);
  });

  it('offers every rule ID, and only those, for "rule"', () => {
    assert.deepStrictEqual(schema.definitions.ruleId.enum, [...RULE_IDS]);
  });

  const valid: [string, unknown][] = [
    ['every property', VALID_ENTRY],
    ['one rule as a string, no sid or until', { file: '**/*.json', rule: 'external-write', reason: 'CI pushes' }],
    ['? and dots within names', { file: 'a/x?.v1..json', rule: ['invalid-policy'], reason: 'r' }],
    ['a deployed resource by ARN glob instead of a file', { resource: 'arn:aws:ecr:*:111122223333:repository/team/*', rule: 'untrusted-account', reason: 'r' }],
  ];
  for (const [name, entry] of valid) {
    it(`accepts a suppression with ${name}, as the parser does`, () => {
      const list = { ownAccounts: ['111122223333'], suppressions: [entry] };
      assert.deepStrictEqual(schemaErrors(list), []);
      assert.deepStrictEqual(parserErrors(list), []);
    });
  }

  it('accepts an empty suppressions list', () => {
    assert.deepStrictEqual(schemaErrors({ suppressions: [] }), []);
  });

  const without = (key: string): unknown => Object.fromEntries(Object.entries(VALID_ENTRY).filter(([name]) => name !== key));
  const invalid: [string, unknown][] = [
    ['no reason', without('reason')],
    ['no file', without('file')],
    ['no rule', without('rule')],
    ['a blank reason', { ...VALID_ENTRY, reason: '   ' }],
    ['an unknown rule', { ...VALID_ENTRY, rule: 'wildcard-principle' }],
    ['an unknown rule in an array', { ...VALID_ENTRY, rule: ['wildcard-principal', 'nope'] }],
    ['an empty rule array', { ...VALID_ENTRY, rule: [] }],
    ['an absolute file', { ...VALID_ENTRY, file: '/etc/policy.json' }],
    ['a drive letter', { ...VALID_ENTRY, file: 'C:/policy.json' }],
    ['a URI', { ...VALID_ENTRY, file: 'file:///policy.json' }],
    ['a .. segment', { ...VALID_ENTRY, file: 'a/../../policy.json' }],
    ['a trailing .. segment', { ...VALID_ENTRY, file: 'a/..' }],
    ['a backslash', { ...VALID_ENTRY, file: 'a\\policy.json' }],
    ['an empty file', { ...VALID_ENTRY, file: '' }],
    ['an empty sid', { ...VALID_ENTRY, sid: '' }],
    ['a number for sid', { ...VALID_ENTRY, sid: 1 }],
    ['until not written YYYY-MM-DD', { ...VALID_ENTRY, until: '30/06/2027' }],
    ['both a file and a resource', { ...VALID_ENTRY, resource: 'arn:aws:ecr:us-east-1:111122223333:registry' }],
    ['a resource that is not an ARN', { ...without('file') as object, resource: 'repository/team/*' }],
    ['a resource with a space', { ...without('file') as object, resource: 'arn:aws:ecr:us-east-1:1:repository/a b' }],
  ];
  for (const [name, entry] of invalid) {
    it(`rejects a suppression with ${name}, as the parser does`, () => {
      const list = { suppressions: [entry] };
      assert.notDeepStrictEqual(schemaErrors(list), []);
      assert.notDeepStrictEqual(parserErrors(list), []);
    });
  }

  it('rejects an unknown property of a suppression (the parser warns)', () => {
    assert.notDeepStrictEqual(schemaErrors({ suppressions: [{ ...VALID_ENTRY, expires: '2027-01-01' }] }), []);
  });

  it('rejects suppressions that are not an array of objects', () => {
    assert.notDeepStrictEqual(schemaErrors({ suppressions: VALID_ENTRY }), []);
    assert.notDeepStrictEqual(schemaErrors({ suppressions: ['policies/x.json'] }), []);
  });
});
