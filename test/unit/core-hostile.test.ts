import * as assert from 'assert';
import { ECR_ACTIONS, matchActions } from '../../server/src/core/actions';
import { checkPolicies } from '../../server/src/core/analyze';
import { globMatch } from '../../server/src/core/glob';
import { hoverAt } from '../../server/src/core/hover';
import { grantsInventory } from '../../server/src/core/inventory';
import { extractJsonPolicies } from '../../server/src/core/json/extract';
import { Finding, PolicyDocument } from '../../server/src/core/model';
import { analyzeBatch } from '../../server/src/core/batch';
import { TerraformParser } from '../../server/src/core/terraform';
import { parseTrustList } from '../../server/src/core/trust';
import { loadWasmParser } from './support';

/**
 * Hostile values (issue 9): action and condition patterns are matched without building regular expressions
 * from policy text, and one value or statement the core cannot handle costs that piece only, never the
 * file's other findings. Nothing here measures time: a regular-expression matcher throws on these inputs
 * (or backtracks past the test timeout), the glob matcher answers.
 */
const NOW = new Date('2026-06-01T12:00:00Z');
const TRUST = parseTrustList(JSON.stringify({ ownAccounts: ['111122223333'], trustedAccounts: { '222233334444': { access: 'pull' } } }), '/w/.ecr-trust.json').list;

const ABSURD_ACTION = `ecr:${'a*'.repeat(8000)}`;
/** A pattern whose regular expression backtracks exponentially (hours per catalogue name; 12 pairs: 4 s). */
const BACKTRACKING_ACTION = `${'*?'.repeat(20)}#`;

/** The old matcher, kept here as the reference semantics: an anchored regular expression, case folded first. */
function regexMatch(pattern: string, name: string): boolean {
  const body = pattern.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 's').test(name.toLowerCase());
}

/** mulberry32: a small seeded generator, so a failure names a case that can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A pattern derived from a catalogue name: characters dropped, replaced by `*` or `?`, recased, or garbled. */
function randomPattern(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const source = random() < 0.9 ? pick(ECR_ACTIONS).name : pick(['', 'ecr', 's3:GetObject', 'ECR:*', '*:*']);
  let out = '';
  for (const char of source) {
    const roll = random();
    if (roll < 0.12) out += '*';
    else if (roll < 0.2) out += '?';
    else if (roll < 0.24) continue;
    else if (roll < 0.28) out += pick(['.', '+', '(', ')', '[', ']', '^', '$', '|', '\\', '{', '}', 'x', ':', '\n', 'İ']);
    else out += random() < 0.3 ? (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase()) : char;
  }
  if (random() < 0.1) out += '*';
  if (random() < 0.1) out = `*${out}`;
  return out;
}

function jsonPolicy(statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

/** Findings reduced to what a user sees: rule and the text it covers. */
function isTooLong(finding: Finding): boolean {
  return finding.rule === 'invalid-policy' && finding.message.startsWith('The policy is');
}

function seen(text: string, findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${finding.rule} ${text.slice(finding.span.offset, finding.span.offset + finding.span.length)}`);
}

const PUBLIC_PULL = { Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' };
const UNTRUSTED_PUSH = { Sid: 'Push', Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'ecr:PutImage' };
const EXPECTED_NEIGHBOURS = [
  'wildcard-principal "*"',
  'untrusted-account "444455556666"',
  'external-write "ecr:PutImage"',
];

describe('core: action patterns without regular expressions', () => {
  it('globMatch: `*` any run (empty too), `?` exactly one character, everything else literally', () => {
    assert.ok(globMatch('ecr:*', 'ecr:putimage'));
    assert.ok(globMatch('ecr:put*', 'ecr:put'));
    assert.ok(globMatch('e*:p?t*e', 'ecr:putimage'));
    assert.ok(globMatch('***', ''));
    assert.ok(!globMatch('?', ''));
    assert.ok(!globMatch('ecr:put?', 'ecr:put'));
    assert.ok(!globMatch('ecr.put*', 'ecr:putimage'), 'a dot is a dot, not any character');
    assert.ok(!globMatch('ecr:(put)*', 'ecr:putimage'));
    assert.ok(globMatch('*a*b', 'aaaaaaaaaaaaaaaaaab'));
    assert.ok(!globMatch('*a*b', 'aaaaaaaaaaaaaaaaaaa'));
  });

  it('matches exactly what the old anchored, case-folded regular expression matched (2,000 seeded random patterns)', () => {
    const random = seeded(20260901);
    for (let i = 0; i < 2000; i++) {
      const pattern = randomPattern(random);
      const expected = ECR_ACTIONS.filter((action) => regexMatch(pattern, action.name)).map((action) => action.name);
      assert.deepStrictEqual(matchActions(pattern).map((action) => action.name), expected, `pattern #${i}: ${JSON.stringify(pattern)}`);
    }
  });

  it('answers for a pattern whose regular expression cannot even be built', () => {
    assert.throws(() => regexMatch(ABSURD_ACTION, 'ecr:PutImage'), SyntaxError, 'the old matcher threw here');
    assert.deepStrictEqual(matchActions(ABSURD_ACTION), []);
    assert.deepStrictEqual(matchActions(`ecr:${'*'.repeat(50_000)}`).length, ECR_ACTIONS.length);
    assert.deepStrictEqual(matchActions(`${'?*'.repeat(4)}${'*'.repeat(50_000)}PutImage`).map((action) => action.name), ['ecr:PutImage']);
  });

  it('answers for a pattern whose regular expression backtracks exponentially', () => {
    assert.deepStrictEqual(matchActions(BACKTRACKING_ACTION), []);
  });
});

describe('core: one hostile value never drops a file\'s other findings', () => {
  const neighbours = [PUBLIC_PULL, UNTRUSTED_PUSH];

  for (const [label, statement] of [
    ['an action of 8,000 wildcards', { Sid: 'Absurd', Effect: 'Allow', Principal: { AWS: '222233334444' }, Action: ['ecr:BatchGetImage', ABSURD_ACTION] }],
    ['an action that backtracks exponentially', { Sid: 'Absurd', Effect: 'Allow', Principal: { AWS: '222233334444' }, Action: [BACKTRACKING_ACTION, 'ecr:GetDownloadUrlForLayer'] }],
    ['a NotAction of 8,000 wildcards', { Sid: 'Absurd', Effect: 'Allow', Principal: { AWS: '222233334444' }, NotAction: ABSURD_ACTION }],
    ['a StringLike principal ARN of 8,000 wildcards', {
      Sid: 'Absurd', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage',
      Condition: { StringLike: { 'aws:PrincipalArn': `arn:aws:iam::${'*a'.repeat(8000)}:root` } },
    }],
    ['an ArnLike source ARN and organisation path of wildcards', {
      Sid: 'Absurd', Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage',
      Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:iam::222233334444:${'*?'.repeat(8000)}` }, 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': `o-a1b2c3d4e5/${'*'.repeat(8000)}` } },
    }],
  ] as const) {
    it(`${label}: the other statements are reported as without it (editor and CLI paths)`, () => {
      const text = jsonPolicy([PUBLIC_PULL, statement, UNTRUSTED_PUSH]);
      const findings = checkPolicies(extractJsonPolicies(text), { trust: TRUST, now: NOW });
      // The hostile value also makes the policy longer than ECR accepts: invalid-policy says so, on the first statement.
      const others = seen(text, findings.filter((finding) => finding.data.statementIndex !== 1 && !isTooLong(finding)));
      assert.deepStrictEqual(others, EXPECTED_NEIGHBOURS);
      const baseline = seen(jsonPolicy(neighbours), checkPolicies(extractJsonPolicies(jsonPolicy(neighbours)), { trust: TRUST, now: NOW }));
      assert.deepStrictEqual(others, baseline);
      const scanned = analyzeBatch([{ name: '/w/policy.json', text }], () => ({ trust: TRUST, now: NOW })).get('/w/policy.json')!;
      assert.deepStrictEqual(seen(text, scanned.findings), seen(text, findings), 'the scan path agrees with the editor path');
    });
  }

  it('the absurd action in Terraform: the module\'s other findings stay', async () => {
    const parser: TerraformParser = await loadWasmParser();
    const text = [
      'data "aws_iam_policy_document" "repo" {',
      '  statement {',
      '    principals {',
      '      type        = "AWS"',
      '      identifiers = ["*"]',
      '    }',
      '    actions = ["ecr:BatchGetImage"]',
      '  }',
      '  statement {',
      '    principals {',
      '      type        = "AWS"',
      '      identifiers = ["444455556666"]',
      '    }',
      `    actions = ["ecr:PutImage", "${ABSURD_ACTION}"]`,
      '  }',
      '}',
      '',
    ].join('\n');
    const result = analyzeBatch([{ name: '/w/main.tf', text }], () => ({ trust: TRUST, now: NOW }), { terraform: parser }).get('/w/main.tf')!;
    assert.deepStrictEqual(seen(text, result.findings.filter((finding) => !isTooLong(finding))), EXPECTED_NEIGHBOURS);
    assert.strictEqual(result.findings.filter(isTooLong).length, 1, 'the policy is too long for ECR');
  });

  it('hover over the absurd action answers, and so do hovers elsewhere in the file', () => {
    const text = jsonPolicy([PUBLIC_PULL, { Effect: 'Allow', Principal: { AWS: '222233334444' }, Action: ABSURD_ACTION }]);
    const documents = extractJsonPolicies(text);
    const at = text.indexOf('"ecr:a*a*') + 5;
    assert.match(hoverAt(documents, at, { trust: TRUST, now: NOW })!.contents, /matches no ECR action/);
    assert.match(hoverAt(documents, text.indexOf('222233334444') + 1, { trust: TRUST, now: NOW })!.contents, /trusted for \*\*pull\*\*/);
  });

  describe('a statement the core fails on costs that statement only', () => {
    /** A statement whose every read throws, standing in for a value the core cannot handle. */
    function poisoned(document: PolicyDocument, index: number): PolicyDocument {
      const statements = document.statements.slice();
      statements[index] = new Proxy(statements[index], { get: (target, key) => { if (key === 'index' || key === 'span') return Reflect.get(target, key); throw new Error('hostile'); } });
      return { ...document, statements };
    }
    const text = jsonPolicy([PUBLIC_PULL, { Sid: 'Broken', Effect: 'Allow', Principal: { AWS: '555566667777' }, Action: 'ecr:*' }, UNTRUSTED_PUSH]);
    const documents = (): PolicyDocument[] => [poisoned(extractJsonPolicies(text)[0], 1)];

    it('checkPolicies reports the other statements', () => {
      assert.deepStrictEqual(seen(text, checkPolicies(documents(), { trust: TRUST, now: NOW })), EXPECTED_NEIGHBOURS);
    });

    it('the inventory lists the other statements\' grants', () => {
      const findings = checkPolicies(documents(), { trust: TRUST, now: NOW });
      const grants = grantsInventory(documents(), findings, { trust: TRUST, now: NOW });
      assert.deepStrictEqual(grants.map((grant) => `${grant.grantee.id} ${grant.rules.join(',')}`), ['* wildcard-principal', '444455556666 external-write,untrusted-account']);
    });

    it('hover in the broken statement gives nothing and hover elsewhere still answers', () => {
      assert.strictEqual(hoverAt(documents(), text.indexOf('555566667777'), { trust: TRUST, now: NOW }), undefined);
      assert.match(hoverAt(documents(), text.indexOf('444455556666'), { trust: TRUST, now: NOW })!.contents, /not on the trust list/);
    });

    it('a rule that throws loses only its own findings on that statement', () => {
      const trust = new Proxy(TRUST, { get: (target, key) => { if (key === 'trustedAccounts') throw new Error('hostile'); return Reflect.get(target, key); } });
      const found = seen(text, checkPolicies(extractJsonPolicies(text), { trust, now: NOW }));
      assert.ok(found.includes('wildcard-principal "*"'), 'rules that do not consult the trust list still report');
    });
  });
});
