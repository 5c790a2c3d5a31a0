import * as assert from 'assert';
import { extractJsonReplications } from '../../server/src/core/json/replication';
import { planReplications } from '../../server/src/core/terraformPlan/replications';
import * as fs from 'fs';
import * as path from 'path';
import { checkPolicies } from '../../server/src/core/analyze';
import { analyzeBatch, analyzeFile, folderOf } from '../../server/src/core/batch';
import { isEcrResourcePolicy } from '../../server/src/core/grants';
import { extractStrictJsonPolicy } from '../../server/src/core/json/fastExtract';
import { extractJsonPolicies } from '../../server/src/core/json/extract';
import { jsonMayHoldPolicy, jsonSource } from '../../server/src/core/sources/json';
import { terraformMayHoldPolicy } from '../../server/src/core/sources/terraform';
import { TerraformParser, terraformModulePolicies } from '../../server/src/core/terraform';
import { planPolicies } from '../../server/src/core/terraformPlan/policies';
import { Finding } from '../../server/src/core/model';
import { sourceFor } from '../../server/src/core/sources/registry';
import { suppressFindings } from '../../server/src/core/suppressions';
import { parseTrustList } from '../../server/src/core/trust';
import { fixtureKind, loadWasmParser } from './support';

// The JSON source labels plain policy files' documents as JSON; extractJsonPolicies leaves them unlabelled.
const extractJsonPoliciesFast = (text: string) => jsonSource.extract(text, {}).documents.map((document) => {
  if (document.provenance?.source !== 'json') return document;
  const unlabelled = { ...document };
  delete unlabelled.provenance;
  return unlabelled;
});
const scanJson = (text: string, options: Parameters<typeof analyzeFile>[1]) => analyzeFile({ name: 'policy.json', text }, options);

/**
 * The workspace scan's shortcuts (text pre-filter, one-pass extraction of strict JSON, fast tree) must never
 * change a verdict: over every fixture and example, and over edge cases of JSON syntax, they give exactly
 * what the editor's path gives.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');

function filesUnder(folder: string, accept: (name: string) => boolean): string[] {
  return fs.readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && accept(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

const isInput = (name: string): boolean => fixtureKind(name) === 'json' && name !== 'expected.json';
const JSON_FILES = [...filesUnder(FIXTURES, isInput), ...filesUnder(path.join(ROOT, 'examples'), isInput)];

/** Edge cases of JSON syntax: the fast paths take the strict ones and hand the rest to jsonc-parser. */
const SYNTAX_CASES: Record<string, string> = {
  'escapes in keys and values': '{"Statem\\u0065nt": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::44445555\\u00366666:root"}, "Action": "ecr:Put\\u002a", "Sid": "a\\"b\\\\c\\/d\\n"}]}',
  'numbers and booleans as values': '{"Statement": {"Effect": "Allow", "Principal": {"AWS": 444455556666}, "Action": ["ecr:BatchGetImage", true, -0, 1.5e3, 10E-2, null, {"x": 1}, ["ecr:PutImage"]]}}',
  'non-string Sid and Effect': '{"Statement": [{"Sid": 5, "Effect": ["Allow"], "Principal": "*", "Action": "ecr:*"}]}',
  'duplicate keys (last wins in a statement, first Statement wins)': '{"Statement": [{"Effect": "Deny", "Effect": "Allow", "Principal": "*", "NotPrincipal": {"AWS": "111122223333"}, "Action": "ecr:*", "NotAction": "ecr:Get*"}], "Statement": []}',
  'statement list with non-objects': '{"Statement": [1, "x", null, {"Effect": "Allow", "Principal": "*", "Action": "ecr:GetAuthorizationToken"}, [], {"Effect": "Allow"}]}',
  'Statement that is not a list or object': '{"Statement": "nope", "Principal": "*"}',
  'conditions of every shape': '{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "ecr:*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": ["o-a1b2c3d4e5", 7], "aws:SourceAccount": "111122223333"}, "Bool": "x", "ForAnyValue:StringLike": {}, "StringLike": {"aws:PrincipalArn": null}}}}',
  'principal of every shape': '{"Statement": [{"Effect": "Allow", "Principal": {"AWS": ["*", "arn:aws:iam::444455556666:root"], "Service": "ecr.amazonaws.com", "Federated": [], "CanonicalUser": {"x": 1}}, "Action": "ecr:*"}, {"Effect": "Allow", "Principal": ["*"], "Action": "ecr:*"}]}',
  'whitespace of every kind': '\r\n\t {\t"Statement"\r\n:\n[ {"Effect":"Allow" , "Principal":"*","Action":"ecr:*"} ]\n}\n\n',
  'unicode outside the BMP and line separators': '{"Statement": [{"Sid": "\u{1F512} locked \u2028", "Effect": "Allow", "Principal": "*", "Action": "ecr:*"}]}',
  'empty object and array': '{"Statement": [], "Other": {}, "List": [[], {}]}',
  'top-level array': '[{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "ecr:*"}]}]',
  'top-level string': '"Statement Principal"',
  'empty text': '',
  'only whitespace': '  \n ',
  'comments (JSONC)': '{\n  // a comment\n  "Statement": [{"Effect": "Allow", /* c */ "Principal": "*", "Action": "ecr:*"}]\n}',
  'trailing commas': '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["ecr:*",],},],}',
  'byte order mark': '\uFEFF{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "ecr:*"}]}',
  'unterminated string': '{"Statement": [{"Effect": "Allow", "Principal": "*, "Action": "ecr:*"}]}',
  'unterminated object': '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "ecr:*"',
  'line break inside a string': '{"Statement": [{"Effect": "Allow", "Principal": "*\n", "Action": "ecr:*"}]}',
  'control character inside a string': '{"Statement": [{"Effect": "Allow", "Principal": "a\u0001b", "Action": "ecr:*"}]}',
  'invalid escape': '{"Statement": [{"Effect": "Allow", "Principal": "\\x41", "Action": "ecr:*"}]}',
  'leading zero, bare minus, bare dot': '{"Statement": [{"Effect": "Allow", "Principal": {"AWS": [01, -, .5]}, "Action": "ecr:*"}]}',
  'single quotes and bare words': "{'Statement': [{Effect: 'Allow', Principal: '*', Action: 'ecr:*'}]}",
  'missing comma': '{"Statement": [{"Effect": "Allow" "Principal": "*", "Action": "ecr:*"}]}',
  'text after the value': '{"Statement": []} {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "ecr:*"}]}',
  'Terraform JSON': '{"data": {"aws_iam_policy_document": {"pull": {"statement": [{"actions": ["ecr:*"], "principals": [{"type": "AWS", "identifiers": ["*"]}]}]}}}}',
  'Terraform JSON resource with an embedded policy': '{"resource": {"aws_ecr_repository_policy": {"app": {"repository": "app", "policy": "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Principal\\": \\"*\\", \\"Action\\": \\"ecr:*\\"}]}"}}}}',
  'deep nesting': `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "ecr:*", "Deep": ${'['.repeat(20_000)}${']'.repeat(20_000)}}]}`,
};

describe('scan: fast JSON paths give what the editor gives', () => {
  it('covers the fixtures', () => {
    assert.ok(JSON_FILES.length > 150, `expected the JSON fixtures, found ${JSON_FILES.length}`);
  });

  it('extracts the same policy documents from every fixture and example', () => {
    let direct = 0;
    for (const file of JSON_FILES) {
      const text = fs.readFileSync(file, 'utf8');
      assert.deepStrictEqual(extractJsonPoliciesFast(text), extractJsonPolicies(text), path.relative(ROOT, file));
      if (extractStrictJsonPolicy(text)) direct++;
    }
    assert.ok(direct > JSON_FILES.length * 0.9, `the one-pass extraction should take most fixtures, took ${direct} of ${JSON_FILES.length}`);
  });

  for (const [name, text] of Object.entries(SYNTAX_CASES)) {
    it(`extracts the same documents: ${name}`, () => {
      assert.deepStrictEqual(extractJsonPoliciesFast(text), extractJsonPolicies(text));
    });
  }

  it('extracts the same documents from random policy-shaped JSON and its broken variants', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const keys = ['Statement', 'Sid', 'Effect', 'Principal', 'NotPrincipal', 'AWS', 'Service', 'Action', 'NotAction', 'Condition', 'StringEquals', 'aws:PrincipalOrgID', 'x'];
    const scalars = ['Allow', 'Deny', '*', 'ecr:*', 'ecr:Put*', 'arn:aws:iam::444455556666:root', '111122223333', 'o-a1b2c3d4e5', 'é\u00e9', 12, true, null];
    const value = (depth: number): unknown => {
      const roll = random();
      if (depth > 3 || roll < 0.45) return pick(scalars);
      if (roll < 0.7) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 5) }, () => [pick(keys), value(depth + 1)]));
    };
    for (let i = 0; i < 400; i++) {
      const statements = Array.from({ length: 1 + Math.floor(random() * 4) }, () => Object.fromEntries(Array.from({ length: Math.floor(random() * 7) }, () => [pick(keys), value(1)])));
      let text = JSON.stringify({ Version: '2012-10-17', Statement: random() < 0.2 ? statements[0] : statements }, null, pick([0, 1, 2, '\t']));
      if (i % 3 === 0) {
        // A broken variant: one character dropped (the fallback path must agree too).
        const at = Math.floor(random() * text.length);
        text = text.slice(0, at) + text.slice(at + 1);
      }
      assert.deepStrictEqual(extractJsonPoliciesFast(text), extractJsonPolicies(text), text);
    }
  });

  it('takes strict JSON policies in one pass and hands the rest to jsonc-parser', () => {
    assert.ok(extractStrictJsonPolicy(SYNTAX_CASES['escapes in keys and values']));
    assert.ok(extractStrictJsonPolicy(SYNTAX_CASES['duplicate keys (last wins in a statement, first Statement wins)']));
    assert.deepStrictEqual(extractStrictJsonPolicy(SYNTAX_CASES['top-level array']), []);
    for (const name of ['comments (JSONC)', 'trailing commas', 'byte order mark', 'unterminated string', 'line break inside a string', 'invalid escape',
      'leading zero, bare minus, bare dot', 'missing comma', 'text after the value', 'Terraform JSON', 'deep nesting', 'empty text']) {
      assert.strictEqual(extractStrictJsonPolicy(SYNTAX_CASES[name]), undefined, name);
    }
  });
});

describe('scan: the pre-filter never skips a policy', () => {
  it('lets through every JSON file that holds an ECR resource policy', () => {
    let policies = 0;
    for (const file of JSON_FILES) {
      const text = fs.readFileSync(file, 'utf8');
      if (!extractJsonPolicies(text).some(isEcrResourcePolicy)) continue;
      policies++;
      assert.ok(jsonMayHoldPolicy(text), `${path.relative(ROOT, file)} holds a policy but the pre-filter skips it`);
    }
    assert.ok(policies > 100, `expected the policy fixtures, found ${policies}`);
  });

  it('skips JSON that cannot hold a policy', () => {
    for (const text of ['{"name": "pkg", "version": "1.0.0"}', '{"Statement": [{"Effect": "Allow", "Action": "ecr:*", "Resource": "*"}]}', '[]']) {
      assert.strictEqual(jsonMayHoldPolicy(text), false, text);
      assert.strictEqual(scanJson(text, {}).parsed, false);
    }
    assert.strictEqual(jsonMayHoldPolicy('{"Statem\\u0065nt": [{"Principal": "*"}]}'), true, 'escapes can spell any key');
  });

  it('lets through every Terraform module that holds an ECR policy', async () => {
    const parser = await loadWasmParser();
    const folders = [...new Set(filesUnder(FIXTURES, (name) => fixtureKind(name) === 'terraform').map((file) => path.dirname(file)))];
    let withPolicies = 0;
    for (const folder of folders) {
      const files = fs.readdirSync(folder).filter((name) => name.endsWith('.tf')).map((name) => ({ name: path.join(folder, name), text: fs.readFileSync(path.join(folder, name), 'utf8') }));
      const found = terraformModulePolicies(parser, files);
      const holding = files.filter((file) => (found.get(file.name)?.documents ?? []).some(isEcrResourcePolicy));
      if (holding.length === 0) continue;
      withPolicies++;
      assert.ok(files.some((file) => terraformMayHoldPolicy(file.text)), `${path.relative(ROOT, folder)} holds a policy but the pre-filter skips its module`);
    }
    assert.ok(withPolicies > 100, `expected the Terraform fixture modules, found ${withPolicies}`);
  });
});

describe('scan: the same findings as the editor\'s engine', () => {
  let parser: TerraformParser;

  before(async () => {
    parser = await loadWasmParser();
  });

  function caseFolders(folder: string): string[] {
    return fs.readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory()).flatMap((entry) => {
      const full = path.join(folder, entry.name);
      return fs.existsSync(path.join(full, 'expected.json')) ? [full] : caseFolders(full);
    });
  }

  function trustOf(folder: string): ReturnType<typeof parseTrustList> | undefined {
    const expected = JSON.parse(fs.readFileSync(path.join(folder, 'expected.json'), 'utf8')) as { trust?: string };
    if (expected.trust === 'none') return undefined;
    for (let current = folder; current.startsWith(FIXTURES); current = path.dirname(current)) {
      const candidate = path.join(current, '.ecr-trust.json');
      if (fs.existsSync(candidate)) return parseTrustList(fs.readFileSync(candidate, 'utf8'), candidate);
    }
    return undefined;
  }

  /** Every file extracted in full, without the sources' cheap looks or the strict-JSON fast path. */
  function analyzeWithoutShortcuts(files: readonly { name: string; text: string }[], options: Parameters<typeof checkPolicies>[1]): Map<string, Finding[]> {
    const results = new Map<string, Finding[]>();
    const modules = new Map<string, { name: string; text: string }[]>();
    for (const file of files) {
      const kind = fixtureKind(file.name, file.text);
      if (kind === 'terraform-plan') results.set(file.name, checkPolicies(planPolicies(file.text), options, planReplications(file.text)));
      else if (kind === 'json') results.set(file.name, checkPolicies(extractJsonPolicies(file.text), options, extractJsonReplications(file.text)));
      else modules.set(folderOf(file.name), [...(modules.get(folderOf(file.name)) ?? []), file]);
    }
    for (const members of modules.values()) {
      const policies = terraformModulePolicies(parser, members);
      for (const file of members) results.set(file.name, checkPolicies(policies.get(file.name)?.documents ?? [], options, policies.get(file.name)?.replications));
    }
    return results;
  }

  it('the batch (cheap looks, fast JSON path) equals full extraction on every fixture case', () => {
    const folders = caseFolders(FIXTURES);
    assert.ok(folders.length > 500);
    const now = new Date('2026-06-01T12:00:00Z');
    for (const folder of folders) {
      const files = fs.readdirSync(folder).filter((name) => name !== 'expected.json' && !name.startsWith('.') && fixtureKind(name))
        .map((name) => ({ name: path.join(folder, name), text: fs.readFileSync(path.join(folder, name), 'utf8') }))
        .filter((file) => fixtureKind(file.name, file.text) !== 'cloudformation');
      const trust = trustOf(folder)?.list;
      const expected = analyzeWithoutShortcuts(files, { trust, now });
      const actual = analyzeBatch(files, () => ({ trust, now }), { terraform: parser });
      for (const file of files) {
        const source = sourceFor(file.name, file.text, 'json');
        const checked = expected.get(file.name) ?? [];
        // Suppressions apply after the rules, the same way on every path.
        const suppressed = source && checked.length > 0 ? suppressFindings(checked, { name: file.name, text: file.text, source, environment: { terraform: parser }, options: { trust, now } }) : checked;
        assert.deepStrictEqual(actual.get(file.name)?.findings ?? [], suppressed, path.relative(FIXTURES, file.name));
      }
    }
  });

  it('counts ECR resource policies, not other policies', () => {
    const s3 = fs.readFileSync(path.join(ROOT, 'examples', 's3-bucket-policy.json'), 'utf8');
    const result = scanJson(s3, {});
    assert.strictEqual(result.parsed, true);
    assert.strictEqual(result.policies, 0);
    assert.deepStrictEqual(result.findings, []);
    assert.strictEqual(scanJson(fs.readFileSync(path.join(ROOT, 'examples', 'public-repository.json'), 'utf8'), {}).policies, 1);
  });

  it('does not parse a Terraform module without policy blocks', () => {
    const results = analyzeBatch([{ name: 'mod/vpc.tf', text: 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n' }], () => ({}));
    assert.deepStrictEqual(results.get('mod/vpc.tf'), { source: 'terraform', parsed: false, documents: [], damaged: [], replications: [], policies: 0, findings: [] });
  });
});
