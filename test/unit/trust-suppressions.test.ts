import * as assert from 'assert';
import { parseTrustList, ParsedTrustList, TrustProblem } from '../../server/src/core/trust';

/**
 * The trust list's `suppressions`: findings accepted on purpose in files that cannot hold a comment. Every
 * entry with a mistake is ignored and each mistake reported once at its node; unknown properties warn.
 */
const SOURCE = '/workspace/.ecr-trust.json';

function parse(text: string): ParsedTrustList {
  return parseTrustList(text, SOURCE);
}

/** A trust list with these suppression entries (JSON text each). */
function withEntries(...entries: string[]): string {
  return `{\n  "suppressions": [\n    ${entries.join(',\n    ')}\n  ]\n}\n`;
}

function covered(text: string, problems: readonly TrustProblem[]): string[] {
  return problems.map((problem) => text.slice(problem.span.offset, problem.span.offset + problem.span.length));
}

const GOOD = '{"file": "policies/public-base.json", "sid": "PublicPull", "rule": ["wildcard-principal", "untrusted-account"], "reason": "Public base image, reviewed 2026-11", "until": "2027-06-30"}';

/** One entry that should be ignored with exactly one problem, of `severity`, on `at`, saying `message`. */
function rejects(entry: string, at: string, message: RegExp): void {
  const text = withEntries(entry, GOOD);
  const { list, problems } = parse(text);
  assert.deepStrictEqual(problems.map((problem) => problem.severity), ['error'], problems.map((problem) => problem.message).join('\n'));
  assert.match(problems[0].message, message);
  assert.match(problems[0].message, /this entry is ignored/);
  assert.deepStrictEqual(covered(text, problems), [at]);
  assert.deepStrictEqual(list.suppressions.map((entry) => entry.file), ['policies/public-base.json'], 'only the valid entry is kept');
}

describe('core/trust: suppressions', () => {
  it('reads a valid entry with every property, and no problem', () => {
    const text = withEntries(GOOD);
    const { list, problems } = parse(text);
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(list.suppressions.length, 1);
    const { span, ...entry } = list.suppressions[0];
    assert.deepStrictEqual(entry, { file: 'policies/public-base.json', sid: 'PublicPull', rules: ['wildcard-principal', 'untrusted-account'], reason: 'Public base image, reviewed 2026-11', until: '2027-06-30', line: 3 });
    assert.strictEqual(text.slice(span.offset, span.offset + span.length), GOOD);
  });

  it('reads a single rule as a string, without sid or until, and trims the reason', () => {
    const { list, problems } = parse(withEntries('{"file": "**/*.json", "rule": "external-write", "reason": "  CI pushes  "}'));
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(list.suppressions.map(({ file, rules, reason, sid, until }) => ({ file, rules, reason, sid, until })),
      [{ file: '**/*.json', rules: ['external-write'], reason: 'CI pushes', sid: undefined, until: undefined }]);
  });

  it('keeps entries in file order', () => {
    const { list } = parse(withEntries('{"file": "b.json", "rule": "invalid-policy", "reason": "r"}', '{"file": "a.json", "rule": "invalid-policy", "reason": "r"}'));
    assert.deepStrictEqual(list.suppressions.map((entry) => entry.file), ['b.json', 'a.json']);
  });

  it('is a known property of the trust list, and other unknown properties name it', () => {
    assert.deepStrictEqual(parse('{"suppressions": []}').problems, []);
    const { problems } = parse('{"supressions": []}');
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(problems[0].severity, 'warning');
    assert.match(problems[0].message, /expected ownAccounts, organizationIds, trustedAccounts or suppressions\.$/);
  });

  describe('file', () => {
    it('is required', () => rejects('{"rule": "invalid-policy", "reason": "r"}', '{"rule": "invalid-policy", "reason": "r"}', /^Suppression needs "file"/));
    it('must be a string', () => rejects('{"file": 3, "rule": "invalid-policy", "reason": "r"}', '3', /^Suppression needs "file"/));
    it('must not be empty', () => rejects('{"file": " ", "rule": "invalid-policy", "reason": "r"}', '" "', /^Suppression needs "file"/));
    for (const absolute of ['/etc/x.json', 'C:/a/x.json', 'c:x.json', 'file:///a/x.json']) {
      it(`must be relative: ${absolute}`, () => rejects(`{"file": "${absolute}", "rule": "invalid-policy", "reason": "r"}`, `"${absolute}"`, /must be relative to the trust list's folder, not absolute/));
    }
    for (const escaping of ['../x.json', 'a/../../x.json', 'a/..']) {
      it(`must not leave the folder: ${escaping}`, () => rejects(`{"file": "${escaping}", "rule": "invalid-policy", "reason": "r"}`, `"${escaping}"`, /cannot leave the trust list's folder with "\.\."/));
    }
    it('separates folders with forward slashes', () => rejects('{"file": "a\\\\x.json", "rule": "invalid-policy", "reason": "r"}', '"a\\\\x.json"', /separates folders with "\/", not "\\"/));
    it('may hold dots that are not a ".." segment', () => {
      const { list, problems } = parse(withEntries('{"file": "a/..b/x..json", "rule": "invalid-policy", "reason": "r"}', '{"file": "./x.json", "rule": "invalid-policy", "reason": "r"}'));
      assert.deepStrictEqual(problems, []);
      assert.strictEqual(list.suppressions.length, 2);
    });
  });

  describe('rule', () => {
    it('is required', () => rejects('{"file": "x.json", "reason": "r"}', '{"file": "x.json", "reason": "r"}', /^Suppression needs "rule"/));
    it('must be a string or an array', () => rejects('{"file": "x.json", "rule": {}, "reason": "r"}', '{}', /^Suppression needs "rule"/));
    it('must not be an empty array', () => rejects('{"file": "x.json", "rule": [], "reason": "r"}', '[]', /lists no rule/));
    it('must hold strings', () => rejects('{"file": "x.json", "rule": ["invalid-policy", 7], "reason": "r"}', '7', /^Suppression needs "rule"/));
    it('must be a known rule, with a did-you-mean', () => rejects('{"file": "x.json", "rule": "wildcard-principle", "reason": "r"}', '"wildcard-principle"', /^"wildcard-principle" is not an ECR Guard rule; this entry is ignored\. Did you mean wildcard-principal\?$/));
    it('names no rule when none is close', () => rejects('{"file": "x.json", "rule": ["invalid-policy", "no-such-thing"], "reason": "r"}', '"no-such-thing"', /^"no-such-thing" is not an ECR Guard rule; this entry is ignored\.$/));
    it('is case-sensitive', () => rejects('{"file": "x.json", "rule": "Invalid-Policy", "reason": "r"}', '"Invalid-Policy"', /Did you mean invalid-policy\?/));
    it('reports each unknown rule of an array', () => {
      const text = withEntries('{"file": "x.json", "rule": ["nope-one", "invalid-policy", "nope-two"], "reason": "r"}');
      const { list, problems } = parse(text);
      assert.deepStrictEqual(covered(text, problems), ['"nope-one"', '"nope-two"']);
      assert.deepStrictEqual(list.suppressions, []);
    });
    it('warns of a rule listed twice, and keeps the entry', () => {
      const text = withEntries('{"file": "x.json", "rule": ["invalid-policy", "invalid-policy"], "reason": "r"}');
      const { list, problems } = parse(text);
      assert.deepStrictEqual(problems.map((problem) => [problem.severity, problem.message]), [['warning', '"invalid-policy" is listed twice in "rule".']]);
      assert.deepStrictEqual(covered(text, problems), ['"invalid-policy"']);
      assert.deepStrictEqual(list.suppressions[0].rules, ['invalid-policy']);
    });
  });

  describe('reason, sid, until', () => {
    it('reason is required', () => rejects('{"file": "x.json", "rule": "invalid-policy"}', '{"file": "x.json", "rule": "invalid-policy"}', /^Suppression needs "reason": why this finding is accepted; this entry is ignored\.$/));
    it('reason must not be blank', () => rejects('{"file": "x.json", "rule": "invalid-policy", "reason": " \\t "}', '" \\t "', /^Suppression needs "reason"/));
    it('reason must be a string', () => rejects('{"file": "x.json", "rule": "invalid-policy", "reason": true}', 'true', /^Suppression needs "reason"/));
    it('sid must be a string', () => rejects('{"file": "x.json", "sid": ["A"], "rule": "invalid-policy", "reason": "r"}', '["A"]', /^Suppression "sid" must be a statement's Sid/));
    it('sid must not be empty', () => rejects('{"file": "x.json", "sid": "", "rule": "invalid-policy", "reason": "r"}', '""', /^Suppression "sid" must be a statement's Sid/));
    for (const until of ['2027-02-30', '2027-6-30', '30/06/2027', '2027-06-30T00:00:00Z']) {
      it(`until must be a calendar date: ${until}`, () => rejects(`{"file": "x.json", "rule": "invalid-policy", "reason": "r", "until": "${until}"}`, `"${until}"`, /^Suppression "until" must be a date written YYYY-MM-DD/));
    }
    it('until may be a leap day', () => {
      const { list, problems } = parse(withEntries('{"file": "x.json", "rule": "invalid-policy", "reason": "r", "until": "2028-02-29"}'));
      assert.deepStrictEqual(problems, []);
      assert.strictEqual(list.suppressions[0].until, '2028-02-29');
    });
  });

  describe('mistakes together', () => {
    it('reports each mistake of one entry once, and ignores it', () => {
      const text = withEntries('{"file": "/abs.json", "rule": "nope", "until": "tomorrow"}');
      const { list, problems } = parse(text);
      assert.deepStrictEqual(covered(text, problems), ['"/abs.json"', '"nope"', '"tomorrow"', text.slice(text.indexOf('{"file"'), text.indexOf('}') + 1)]);
      assert.match(problems[3].message, /^Suppression needs "reason"/);
      assert.deepStrictEqual(list.suppressions, []);
    });

    it('reports every missing property of an otherwise empty entry', () => {
      const text = withEntries('{}');
      const { problems } = parse(text);
      assert.deepStrictEqual(problems.map((problem) => problem.message.split(':')[0]), ['Suppression needs "file"', 'Suppression needs "rule"', 'Suppression needs "reason"']);
      assert.deepStrictEqual(covered(text, problems), ['{}', '{}', '{}']);
    });

    it('an entry that is not an object is ignored', () => rejects('"policies/x.json"', '"policies/x.json"', /^Suppression must be an object with "file", "rule" and "reason"/));

    it('suppressions that are not an array are an error and give none', () => {
      const text = '{"suppressions": {"file": "x.json", "rule": "invalid-policy", "reason": "r"}}';
      const { list, problems } = parse(text);
      assert.deepStrictEqual(problems.map((problem) => problem.message), ['"suppressions" must be an array of objects with "file", "rule" and "reason".']);
      assert.deepStrictEqual(covered(text, problems), ['{"file": "x.json", "rule": "invalid-policy", "reason": "r"}']);
      assert.deepStrictEqual(list.suppressions, []);
    });
  });

  describe('unknown properties', () => {
    it('warn, and the entry is kept', () => {
      const text = withEntries('{"file": "x.json", "rule": "invalid-policy", "reason": "r", "expires": "2027-01-01"}');
      const { list, problems } = parse(text);
      assert.deepStrictEqual(problems.map((problem) => [problem.severity, problem.message]), [['warning', 'Unknown property "expires" of suppression; expected file, resource, sid, rule, reason or until.']]);
      assert.deepStrictEqual(covered(text, problems), ['"expires"']);
      assert.strictEqual(list.suppressions.length, 1);
    });
  });

  describe('keys given twice (fail closed)', () => {
    it('two suppressions arrays: an error, and neither counts, even for an entry both hold', () => {
      const text = `{\n  "suppressions": [${GOOD}],\n  "suppressions": [${GOOD}]\n}`;
      const { list, problems } = parse(text);
      assert.deepStrictEqual(problems.map((problem) => problem.message), ['"suppressions" is given twice (first on line 2); tools disagree on which one counts, so ECR Guard applies neither. Keep one.']);
      assert.strictEqual(problems[0].span.offset, text.lastIndexOf('"suppressions"'));
      assert.deepStrictEqual(list.suppressions, []);
    });

    it('mistakes in either copy are still reported', () => {
      const text = `{"suppressions": [${GOOD}], "suppressions": [{"file": "x.json", "rule": "nope", "reason": "r"}]}`;
      assert.deepStrictEqual(covered(text, parse(text).problems), ['"suppressions"', '"nope"']);
    });

    for (const key of ['file', 'rule', 'reason', 'sid', 'until']) {
      it(`"${key}" twice in one entry: an error at the repeated key, and the entry is ignored`, () => {
        const entry = GOOD.replace('}', `, "${key}": ${key === 'rule' ? '"wildcard-principal"' : key === 'until' ? '"2027-01-01"' : '"x.json"'}}`);
        const text = withEntries(entry);
        const { list, problems } = parse(text);
        assert.deepStrictEqual(problems.map((problem) => problem.message), [`"${key}" is given twice in one suppression (first on line 3); tools disagree on which one counts, so this entry is ignored. Keep one.`]);
        assert.strictEqual(problems[0].span.offset, text.lastIndexOf(`"${key}"`));
        assert.deepStrictEqual(list.suppressions, []);
      });
    }

    it('a key twice elsewhere keeps its trust list message', () => {
      const { problems } = parse('{"ownAccounts": ["111122223333"], "ownAccounts": ["111122223333"], "suppressions": []}');
      assert.match(problems[0].message, /applies the least access either gives/);
    });
  });
});
