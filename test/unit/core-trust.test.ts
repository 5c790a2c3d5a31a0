import * as assert from 'assert';
import { checkPolicies } from '../../server/src/core/analyze';
import { extractJsonPolicies } from '../../server/src/core/json/extract';
import { accountStanding, hasExpired, parseTrustList, ParsedTrustList, TrustProblem } from '../../server/src/core/trust';

/**
 * The trust list (`.ecr-trust.json`) parser. Spec (issue 2, section 4): ownAccounts, organizationIds,
 * trustedAccounts keyed by account ID with access pull|push|admin, optional name and expires (YYYY-MM-DD).
 * Past `expires` the account is untrusted. A malformed file gets diagnostics and analysis goes on with the
 * valid part; the parser never throws.
 */
const SOURCE = '/workspace/.ecr-trust.json';

function parse(text: string): ParsedTrustList {
  return parseTrustList(text, SOURCE);
}

/** The source text each problem covers, so the assertions say where a diagnostic lands. */
function covered(text: string, problems: readonly TrustProblem[], severity?: string): string[] {
  return problems.filter((problem) => !severity || problem.severity === severity).map((problem) => text.slice(problem.span.offset, problem.span.offset + problem.span.length));
}

function day(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

const VALID = `{
  "$schema": "./schemas/ecr-trust.schema.json",
  "ownAccounts": ["111122223333", "999988887777"],
  "organizationIds": ["o-a1b2c3d4e5"],
  "trustedAccounts": {
    "222233334444": { "name": "staging", "access": "pull" },
    "333344445555": { "name": "ci-builder", "access": "push", "expires": "2027-03-31" },
    "444455556666": { "access": "admin" }
  }
}
`;

describe('core/trust: parseTrustList', () => {
  describe('a valid list', () => {
    const { list, problems } = parse(VALID);

    it('has no problems', () => {
      assert.deepStrictEqual(problems, []);
    });

    it('keeps the source it was given, for messages', () => {
      assert.strictEqual(list.source, SOURCE);
    });

    it('reads own accounts and organisations', () => {
      assert.deepStrictEqual([...list.ownAccounts.keys()], ['111122223333', '999988887777']);
      assert.deepStrictEqual([...list.organizationIds.keys()], ['o-a1b2c3d4e5']);
    });

    it('reads trusted accounts with access, name and expiry', () => {
      assert.deepStrictEqual([...list.trustedAccounts.keys()], ['222233334444', '333344445555', '444455556666']);
      const staging = list.trustedAccounts.get('222233334444')!;
      assert.strictEqual(staging.access, 'pull');
      assert.strictEqual(staging.name, 'staging');
      assert.strictEqual(staging.expires, undefined);
      const ci = list.trustedAccounts.get('333344445555')!;
      assert.strictEqual(ci.access, 'push');
      assert.strictEqual(ci.expires, '2027-03-31');
      const admin = list.trustedAccounts.get('444455556666')!;
      assert.strictEqual(admin.access, 'admin');
      assert.strictEqual(admin.name, undefined);
    });

    it('remembers the line of every entry (diagnostics and hovers point at it)', () => {
      assert.strictEqual(list.ownAccounts.get('111122223333')!.line, 3);
      assert.strictEqual(list.organizationIds.get('o-a1b2c3d4e5')!.line, 4);
      assert.strictEqual(list.trustedAccounts.get('222233334444')!.line, 6);
      assert.strictEqual(list.trustedAccounts.get('333344445555')!.line, 7);
      assert.strictEqual(list.trustedAccounts.get('444455556666')!.line, 8);
    });

    it('gives entry spans that cover the entry in the file', () => {
      const origin = list.trustedAccounts.get('333344445555')!;
      assert.ok(VALID.slice(origin.span.offset, origin.span.offset + origin.span.length).includes('333344445555'));
    });

    it('accepts an empty object (nothing trusted, no problems)', () => {
      const empty = parse('{}');
      assert.deepStrictEqual(empty.problems, []);
      assert.strictEqual(empty.list.ownAccounts.size + empty.list.organizationIds.size + empty.list.trustedAccounts.size, 0);
    });

    it('accepts JSONC comments and trailing commas', () => {
      const text = '{\n  // our accounts\n  "ownAccounts": ["111122223333",],\n  /* partners */\n  "trustedAccounts": { "222233334444": { "access": "pull", }, },\n}\n';
      const parsed = parse(text);
      assert.deepStrictEqual(parsed.problems, []);
      assert.ok(parsed.list.ownAccounts.has('111122223333'));
      assert.strictEqual(parsed.list.trustedAccounts.get('222233334444')?.access, 'pull');
    });

    it('accepts a leap day', () => {
      const parsed = parse('{"trustedAccounts": {"222233334444": {"access": "pull", "expires": "2028-02-29"}}}');
      assert.deepStrictEqual(parsed.problems, []);
      assert.strictEqual(parsed.list.trustedAccounts.get('222233334444')?.expires, '2028-02-29');
    });
  });

  describe('malformed JSON', () => {
    it('reports the syntax error and keeps the part that parsed', () => {
      const text = '{\n  "ownAccounts": ["111122223333"],\n  "organizationIds": ["o-a1b2c3d4e5"]\n  "trustedAccounts": { "222233334444": { "access": "pull" } }\n}\n';
      const { list, problems } = parse(text);
      assert.ok(problems.some((problem) => problem.severity === 'error'), 'a missing comma is an error');
      assert.ok(list.ownAccounts.has('111122223333'));
      assert.ok(list.organizationIds.has('o-a1b2c3d4e5'));
      assert.strictEqual(list.trustedAccounts.get('222233334444')?.access, 'pull');
    });

    it('keeps the entries before a file cut in the middle (mid-edit)', () => {
      const text = '{\n  "ownAccounts": ["111122223333"],\n  "trustedAccounts": {\n    "222233334444": { "access": "pull" },\n    "333344445555": { "acc';
      const { list, problems } = parse(text);
      assert.ok(problems.some((problem) => problem.severity === 'error'));
      assert.ok(list.ownAccounts.has('111122223333'));
      assert.strictEqual(list.trustedAccounts.get('222233334444')?.access, 'pull');
      assert.ok(!list.trustedAccounts.has('333344445555'), 'an entry without access is not trusted');
    });

    for (const text of ['', '   ', 'null', '42', '"text"', '[]', '[{"ownAccounts": ["111122223333"]}]', '{', '}', '{"ownAccounts": [', '{"trustedAccounts": {"222233334444": ', 'ownAccounts: 111122223333']) {
      it(`never throws and reports a problem for ${JSON.stringify(text)}`, () => {
        const { list, problems } = parse(text);
        assert.ok(problems.length > 0, 'a file that is not a trust list object is reported');
        assert.ok(problems.every((problem) => problem.span.offset >= 0 && problem.span.offset + problem.span.length <= Math.max(text.length, 0)), 'spans stay inside the file');
        assert.strictEqual(list.trustedAccounts.size, 0);
      });
    }
  });

  describe('wrong types', () => {
    it('reports ownAccounts and organizationIds that are not arrays', () => {
      const text = '{"ownAccounts": "111122223333", "organizationIds": {"o-a1b2c3d4e5": true}}';
      const { list, problems } = parse(text);
      assert.deepStrictEqual(covered(text, problems, 'error'), ['"111122223333"', '{"o-a1b2c3d4e5": true}']);
      assert.strictEqual(list.ownAccounts.size, 0);
      assert.strictEqual(list.organizationIds.size, 0);
    });

    it('reports trustedAccounts that is not an object', () => {
      const text = '{"trustedAccounts": ["222233334444"]}';
      const { list, problems } = parse(text);
      assert.deepStrictEqual(covered(text, problems, 'error'), ['["222233334444"]']);
      assert.strictEqual(list.trustedAccounts.size, 0);
    });

    it('reports a trusted account that is not an object and ignores it', () => {
      const text = '{"trustedAccounts": {"222233334444": "pull", "333344445555": {"access": "push"}}}';
      const { list, problems } = parse(text);
      assert.deepStrictEqual(covered(text, problems, 'error'), ['"pull"']);
      assert.ok(!list.trustedAccounts.has('222233334444'));
      assert.strictEqual(list.trustedAccounts.get('333344445555')?.access, 'push', 'the valid neighbour is kept');
    });

    it('warns about a name that is not a string but keeps the entry', () => {
      const text = '{"trustedAccounts": {"222233334444": {"name": 7, "access": "pull"}}}';
      const { list, problems } = parse(text);
      assert.deepStrictEqual(covered(text, problems), ['7']);
      assert.strictEqual(problems[0].severity, 'warning');
      assert.strictEqual(list.trustedAccounts.get('222233334444')?.access, 'pull');
      assert.strictEqual(list.trustedAccounts.get('222233334444')?.name, undefined);
    });
  });

  describe('bad account and organisation IDs', () => {
    it('reports each bad own account on its own value and keeps the good ones', () => {
      const text = '{"ownAccounts": ["1234", 111122223333, "1111222233334", "11112222333a", "999988887777"]}';
      const { list, problems } = parse(text);
      assert.deepStrictEqual(covered(text, problems, 'error'), ['"1234"', '111122223333', '"1111222233334"', '"11112222333a"']);
      assert.deepStrictEqual([...list.ownAccounts.keys()], ['999988887777']);
    });

    it('reports bad organisation IDs', () => {
      const text = '{"organizationIds": ["o-short", "O-A1B2C3D4E5", "a1b2c3d4e5", "o-a1b2c3d4e5"]}';
      const { list, problems } = parse(text);
      assert.deepStrictEqual(covered(text, problems, 'error'), ['"o-short"', '"O-A1B2C3D4E5"', '"a1b2c3d4e5"']);
      assert.deepStrictEqual([...list.organizationIds.keys()], ['o-a1b2c3d4e5']);
    });

    it('reports a trusted account keyed by something that is not a 12-digit ID and ignores it', () => {
      const text = '{"trustedAccounts": {"2222-3333-4444": {"access": "pull"}, "22223333444": {"access": "pull"}, "222233334444": {"access": "pull"}}}';
      const { list, problems } = parse(text);
      assert.deepStrictEqual(covered(text, problems, 'error'), ['"2222-3333-4444"', '"22223333444"']);
      assert.deepStrictEqual([...list.trustedAccounts.keys()], ['222233334444']);
    });

    it('warns about duplicates and about an account that is both own and trusted', () => {
      const text = '{"ownAccounts": ["111122223333", "111122223333"], "trustedAccounts": {"111122223333": {"access": "pull"}}}';
      const { problems } = parse(text);
      assert.ok(problems.length >= 2);
      assert.ok(problems.every((problem) => problem.severity === 'warning'), 'neither is fatal');
    });
  });

  describe('access', () => {
    for (const [label, entry, at] of [
      ['an unknown access', '{"access": "write"}', '"write"'],
      ['a wrongly cased access', '{"access": "Pull"}', '"Pull"'],
      ['an access that is not a string', '{"access": ["pull"]}', '["pull"]'],
    ] as const) {
      it(`reports ${label} and does not trust the account`, () => {
        const text = `{"trustedAccounts": {"222233334444": ${entry}}}`;
        const { list, problems } = parse(text);
        assert.deepStrictEqual(covered(text, problems, 'error'), [at]);
        assert.ok(!list.trustedAccounts.has('222233334444'));
        assert.strictEqual(accountStanding(list, '222233334444', day('2026-06-01')).kind, 'untrusted');
      });
    }

    it('reports a missing access and does not trust the account', () => {
      const text = '{"trustedAccounts": {"222233334444": {"name": "staging"}}}';
      const { list, problems } = parse(text);
      assert.strictEqual(problems.filter((problem) => problem.severity === 'error').length, 1);
      assert.ok(!list.trustedAccounts.has('222233334444'));
    });
  });

  describe('expiry dates', () => {
    for (const bad of ['2027-02-30', '2027-13-01', '2027-04-31', '2027-00-10', '2027-3-31', '31/03/2027', '2027-03-31T00:00:00Z', '', 'soon']) {
      it(`rejects "${bad}" and does not trust the account (an invalid date must not become permanent trust)`, () => {
        const text = `{"trustedAccounts": {"333344445555": {"access": "push", "expires": ${JSON.stringify(bad)}}}}`;
        const { list, problems } = parse(text);
        assert.deepStrictEqual(covered(text, problems, 'error'), [JSON.stringify(bad)]);
        assert.notStrictEqual(accountStanding(list, '333344445555', day('2026-06-01')).kind, 'trusted');
      });
    }

    it('rejects an expiry that is not a string', () => {
      const text = '{"trustedAccounts": {"333344445555": {"access": "push", "expires": 20270331}}}';
      const { list, problems } = parse(text);
      assert.deepStrictEqual(covered(text, problems, 'error'), ['20270331']);
      assert.notStrictEqual(accountStanding(list, '333344445555', day('2026-06-01')).kind, 'trusted');
    });
  });

  describe('unknown keys', () => {
    it('warns about an unknown top-level key and still reads the rest', () => {
      const text = '{"ownAccount": ["111122223333"], "ownAccounts": ["999988887777"]}';
      const { list, problems } = parse(text);
      assert.deepStrictEqual(covered(text, problems), ['"ownAccount"']);
      assert.strictEqual(problems[0].severity, 'warning');
      assert.ok(list.ownAccounts.has('999988887777'));
      assert.ok(!list.ownAccounts.has('111122223333'), 'a misspelt key is not read as ownAccounts');
    });

    it('warns about an unknown key of a trusted account and keeps the entry', () => {
      const text = '{"trustedAccounts": {"222233334444": {"access": "pull", "expiry": "2020-01-01"}}}';
      const { list, problems } = parse(text);
      assert.deepStrictEqual(covered(text, problems), ['"expiry"']);
      assert.strictEqual(problems[0].severity, 'warning');
      assert.strictEqual(list.trustedAccounts.get('222233334444')?.access, 'pull');
    });

    it('allows $schema', () => {
      assert.deepStrictEqual(parse('{"$schema": "https://example.com/ecr-trust.schema.json"}').problems, []);
    });
  });
});

describe('core/trust: byte order mark and duplicates (issue 9)', () => {
  it('accepts a UTF-8 byte order mark: no problem, the same entries on the same lines', () => {
    const { list, problems } = parse(`\ufeff${VALID}`);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual([...list.trustedAccounts.keys()], ['222233334444', '333344445555', '444455556666']);
    assert.strictEqual(list.trustedAccounts.get('333344445555')!.line, 7);
    assert.strictEqual(list.ownAccounts.get('111122223333')!.line, 3);
  });

  it('a byte order mark anywhere but the start is still an error', () => {
    assert.ok(parse('{"ownAccounts": [\ufeff"111122223333"]}').problems.some((problem) => problem.severity === 'error'));
  });

  /** Problems as `severity text-covered`, so the assertions say where each lands. */
  function flagged(text: string, problems: readonly TrustProblem[]): string[] {
    return problems.map((problem) => `${problem.severity} ${text.slice(problem.span.offset, problem.span.offset + problem.span.length)}`);
  }

  describe('a duplicated account gets the least access of its duplicates (fail closed)', () => {
    for (const [first, second] of [['pull', 'admin'], ['admin', 'pull'], ['push', 'admin'], ['admin', 'push']] as const) {
      it(`${first} then ${second}: an error on the second key, and the lesser access holds`, () => {
        const text = `{\n  "trustedAccounts": {\n    "222233334444": { "access": "${first}" },\n    "222233334444": { "access": "${second}" }\n  }\n}\n`;
        const { list, problems } = parse(text);
        assert.deepStrictEqual(flagged(text, problems), ['error "222233334444"']);
        assert.strictEqual(problems[0].span.offset, text.lastIndexOf('"222233334444"'), 'on the duplicate, not the first');
        assert.match(problems[0].message, /first on line 3/);
        const lesser = first === 'pull' || second === 'pull' ? 'pull' : 'push';
        assert.strictEqual(list.trustedAccounts.get('222233334444')?.access, lesser);
        assert.strictEqual(list.trustedAccounts.get('222233334444')?.line, first === lesser ? 3 : 4, 'cites the entry that gives the lesser access');
      });
    }

    it('pull then admin keeps the PutImage finding (external-write) that admin would silence', () => {
      const trust = parse('{"trustedAccounts": {"222233334444": {"access": "pull"}, "222233334444": {"access": "admin"}}}').list;
      const policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222233334444:root' }, Action: ['ecr:BatchGetImage', 'ecr:PutImage'] }] });
      const findings = checkPolicies(extractJsonPolicies(policy), { trust, now: day('2026-06-01') });
      assert.deepStrictEqual(findings.map((finding) => `${finding.rule} ${policy.slice(finding.span.offset, finding.span.offset + finding.span.length)}`), ['external-write "ecr:PutImage"']);
      assert.match(findings[0].message, /trusted for pull only/);
    });

    it('an expired duplicate gives no access', () => {
      const text = '{"trustedAccounts": {"222233334444": {"access": "admin"}, "222233334444": {"access": "admin", "expires": "2026-01-31"}}}';
      const { list, problems } = parse(text);
      assert.deepStrictEqual(flagged(text, problems), ['error "222233334444"']);
      assert.strictEqual(accountStanding(list, '222233334444', day('2026-01-31')).kind, 'trusted', 'until the earlier expiry');
      assert.strictEqual(accountStanding(list, '222233334444', day('2026-06-01')).kind, 'expired');
    });

    it('the lesser access until the earlier expiry, whichever entry each comes from', () => {
      const { list } = parse('{"trustedAccounts": {"222233334444": {"access": "pull"}, "222233334444": {"access": "push", "expires": "2026-01-31"}}}');
      const entry = list.trustedAccounts.get('222233334444')!;
      assert.deepStrictEqual([entry.access, entry.expires], ['pull', '2026-01-31']);
    });

    it('an invalid duplicate gives no access', () => {
      const text = '{"trustedAccounts": {"222233334444": {"access": "admin"}, "222233334444": {"access": "write"}}}';
      const { list, problems } = parse(text);
      assert.deepStrictEqual(flagged(text, problems), ['error "222233334444"', 'error "write"']);
      assert.strictEqual(accountStanding(list, '222233334444', day('2026-06-01')).kind, 'untrusted');
    });

    it('a key spelt with an escape is the same key', () => {
      const text = '{"trustedAccounts": {"222233334444": {"access": "admin", "\\u0061ccess": "pull"}}}';
      const { list, problems } = parse(text);
      assert.deepStrictEqual(flagged(text, problems), ['error "\\u0061ccess"']);
      assert.strictEqual(list.trustedAccounts.get('222233334444')?.access, 'pull');
    });
  });

  describe('duplicate keys inside an entry', () => {
    it('two "access" keys: an error on the second, the lesser holds', () => {
      const text = '{"trustedAccounts": {"222233334444": {"access": "admin", "name": "ci", "access": "pull"}}}';
      const { list, problems } = parse(text);
      assert.deepStrictEqual(flagged(text, problems), ['error "access"']);
      assert.strictEqual(problems[0].span.offset, text.lastIndexOf('"access"'));
      assert.strictEqual(list.trustedAccounts.get('222233334444')?.access, 'pull');
      assert.strictEqual(list.trustedAccounts.get('222233334444')?.name, 'ci');
    });

    it('two "expires" keys: the earlier holds', () => {
      const text = '{"trustedAccounts": {"222233334444": {"access": "push", "expires": "2030-01-01", "expires": "2026-03-01"}}}';
      const { list, problems } = parse(text);
      assert.deepStrictEqual(flagged(text, problems), ['error "expires"']);
      assert.strictEqual(list.trustedAccounts.get('222233334444')?.expires, '2026-03-01');
    });

    it('two "name" keys are flagged too', () => {
      const text = '{"trustedAccounts": {"222233334444": {"access": "pull", "name": "a", "name": "b"}}}';
      assert.deepStrictEqual(flagged(text, parse(text).problems), ['error "name"']);
    });
  });

  describe('duplicate top-level keys: only what every copy grants', () => {
    it('two "trustedAccounts": an account must be in both, with the lesser access', () => {
      const text = '{\n"trustedAccounts": {"222233334444": {"access": "admin"}, "333344445555": {"access": "push"}},\n"trustedAccounts": {"222233334444": {"access": "push"}}\n}';
      const { list, problems } = parse(text);
      assert.deepStrictEqual(flagged(text, problems), ['error "trustedAccounts"']);
      assert.strictEqual(problems[0].span.offset, text.lastIndexOf('"trustedAccounts"'));
      assert.deepStrictEqual([...list.trustedAccounts].map(([id, entry]) => `${id} ${entry.access}`), ['222233334444 push']);
    });

    it('two "ownAccounts": an account is own only if both say so', () => {
      const text = '{"ownAccounts": ["111122223333", "999988887777"], "ownAccounts": ["999988887777"]}';
      const { list, problems } = parse(text);
      assert.deepStrictEqual(flagged(text, problems), ['error "ownAccounts"']);
      assert.deepStrictEqual([...list.ownAccounts.keys()], ['999988887777']);
      assert.strictEqual(accountStanding(list, '111122223333', day('2026-06-01')).kind, 'untrusted');
    });

    it('two "organizationIds": an organisation is own only if both say so', () => {
      const text = '{"organizationIds": ["o-a1b2c3d4e5"], "organizationIds": []}';
      const { list, problems } = parse(text);
      assert.deepStrictEqual(flagged(text, problems), ['error "organizationIds"']);
      assert.strictEqual(list.organizationIds.size, 0);
    });

    it('a duplicate that is not even the right type takes everything it duplicates away', () => {
      const text = '{"trustedAccounts": {"222233334444": {"access": "pull"}}, "trustedAccounts": null}';
      const { list, problems } = parse(text);
      assert.deepStrictEqual(flagged(text, problems), ['error "trustedAccounts"', 'error null']);
      assert.strictEqual(list.trustedAccounts.size, 0);
    });
  });

  it('an account both own and trusted has the trusted entry\'s access (the lesser), with a warning', () => {
    const text = '{"ownAccounts": ["222233334444"], "trustedAccounts": {"222233334444": {"name": "ci", "access": "pull"}}}';
    const { list, problems } = parse(text);
    assert.deepStrictEqual(flagged(text, problems), ['warning "222233334444"']);
    const standing = accountStanding(list, '222233334444', day('2026-06-01'));
    assert.strictEqual(standing.kind, 'trusted');
    assert.strictEqual(standing.kind === 'trusted' && standing.entry.access, 'pull');
    const policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '222233334444' }, Action: 'ecr:PutImage' }] });
    assert.deepStrictEqual(checkPolicies(extractJsonPolicies(policy), { trust: list, now: day('2026-06-01') }).map((finding) => finding.rule), ['external-write']);
  });

  it('an account own and trusted in only one of two trustedAccounts copies is not own', () => {
    const { list } = parse('{"ownAccounts": ["222233334444"], "trustedAccounts": {"222233334444": {"access": "pull"}}, "trustedAccounts": {}}');
    assert.strictEqual(accountStanding(list, '222233334444', day('2026-06-01')).kind, 'untrusted');
  });

  it('an account both own and trusted with an invalid entry has no access', () => {
    const { list } = parse('{"ownAccounts": ["222233334444"], "trustedAccounts": {"222233334444": {"access": "everything"}}}');
    assert.strictEqual(accountStanding(list, '222233334444', day('2026-06-01')).kind, 'untrusted');
  });
});

describe('core/trust: expiry boundary', () => {
  it('hasExpired: trust holds through the expiry day (inclusive, UTC) and lapses the day after', () => {
    assert.strictEqual(hasExpired('2027-03-31', new Date('2027-03-30T23:59:59Z')), false);
    assert.strictEqual(hasExpired('2027-03-31', new Date('2027-03-31T00:00:00Z')), false);
    assert.strictEqual(hasExpired('2027-03-31', new Date('2027-03-31T23:59:59.999Z')), false);
    assert.strictEqual(hasExpired('2027-03-31', new Date('2027-04-01T00:00:00Z')), true);
    assert.strictEqual(hasExpired('2027-03-31', new Date('2030-01-01T00:00:00Z')), true);
  });

  it('hasExpired: no expiry never expires', () => {
    assert.strictEqual(hasExpired(undefined, new Date('2999-12-31T00:00:00Z')), false);
  });

  it('hasExpired: compares dates across month and year ends', () => {
    assert.strictEqual(hasExpired('2026-12-31', new Date('2027-01-01T00:00:00Z')), true);
    assert.strictEqual(hasExpired('2028-02-29', new Date('2028-02-29T12:00:00Z')), false);
    assert.strictEqual(hasExpired('2028-02-29', new Date('2028-03-01T00:00:00Z')), true);
  });

  describe('accountStanding', () => {
    const { list } = parse(VALID);

    it('no trust list', () => {
      assert.strictEqual(accountStanding(undefined, '111122223333', day('2026-06-01')).kind, 'no-trust-list');
    });

    it('own account', () => {
      assert.strictEqual(accountStanding(list, '111122223333', day('2026-06-01')).kind, 'own');
    });

    it('trusted account without expiry', () => {
      const standing = accountStanding(list, '222233334444', day('2099-01-01'));
      assert.strictEqual(standing.kind, 'trusted');
      assert.strictEqual(standing.kind === 'trusted' && standing.entry.access, 'pull');
    });

    it('trusted on the expiry day, expired the day after', () => {
      assert.strictEqual(accountStanding(list, '333344445555', day('2027-03-31')).kind, 'trusted');
      assert.strictEqual(accountStanding(list, '333344445555', new Date('2027-03-31T23:59:59Z')).kind, 'trusted');
      const standing = accountStanding(list, '333344445555', new Date('2027-04-01T00:00:00Z'));
      assert.strictEqual(standing.kind, 'expired');
      assert.strictEqual(standing.kind === 'expired' && standing.entry.expires, '2027-03-31', 'the entry says since when');
    });

    it('unknown account', () => {
      assert.strictEqual(accountStanding(list, '555566667777', day('2026-06-01')).kind, 'untrusted');
    });

    it('an organisation ID or garbage is not an account', () => {
      assert.strictEqual(accountStanding(list, 'o-a1b2c3d4e5', day('2026-06-01')).kind, 'untrusted');
      assert.strictEqual(accountStanding(list, '', day('2026-06-01')).kind, 'untrusted');
    });
  });
});
