import * as assert from 'assert';
import { pathGlobMatch } from '../../server/src/core/pathGlob';
import { relativeToFolderOf } from '../../server/src/core/relativeName';
import { RuleId } from '../../server/src/core/rules/metadata';
import { parseTrustList, TrustList } from '../../server/src/core/trust';
import { trustSuppressionFor } from '../../server/src/core/trustSuppressions';

/**
 * Which trust list suppression covers a finding: the file, relative to the trust list's folder, matched
 * with a path glob; the rule; the statement's Sid when the entry names one.
 */
function listAt(source: string, ...entries: string[]): TrustList {
  const parsed = parseTrustList(`{"suppressions": [${entries.join(', ')}]}`, source);
  assert.deepStrictEqual(parsed.problems, []);
  return parsed.list;
}

function entry(file: string, rule: RuleId | RuleId[] = 'wildcard-principal', sid?: string): string {
  return JSON.stringify({ file, rule, reason: `covers ${file}`, ...(sid !== undefined ? { sid } : {}) });
}

function reasonFor(list: TrustList, file: string, rule: RuleId = 'wildcard-principal', sid?: string): string | undefined {
  return trustSuppressionFor(list, file, rule, sid)?.reason;
}

describe('core/pathGlob: pathGlobMatch', () => {
  const cases: [string, string, boolean][] = [
    ['policies/public-base.json', 'policies/public-base.json', true],
    ['policies/public-base.json', 'policies/public-base.jsonx', false],
    ['policies/public-base.json', 'other/policies/public-base.json', false],
    ['*.json', 'x.json', true],
    ['*.json', 'a/x.json', false],
    ['policies/*.json', 'policies/a/x.json', false],
    ['policies/*', 'policies/x.json', true],
    ['**/x.json', 'x.json', true],
    ['**/x.json', 'a/b/c/x.json', true],
    ['**/x.json', 'a/b/c/y.json', false],
    ['a/**', 'a/b/c', true],
    ['a/**', 'a', true],
    ['a/**/z.json', 'a/z.json', true],
    ['a/**/z.json', 'a/b/c/z.json', true],
    ['a/**/z.json', 'b/a/z.json', false],
    ['**', 'anything/at/all.json', true],
    ['x?.json', 'x1.json', true],
    ['x?.json', 'x.json', false],
    ['x?.json', 'x12.json', false],
    ['?/x.json', 'a/x.json', true],
    ['a?b', 'a/b', false],
    ['a**b/x.json', 'aXYb/x.json', true],
    ['a**b/x.json', 'a/b/x.json', false],
    ['./policies//x.json', 'policies/x.json', true],
    ['Policies/X.json', 'policies/x.json', false],
  ];
  for (const [pattern, path, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${path}`, () => assert.strictEqual(pathGlobMatch(pattern, path), expected));
  }

  it('folds case when asked (Windows)', () => {
    assert.strictEqual(pathGlobMatch('Policies/*.JSON', 'policies/x.json', true), true);
  });

  it('stays fast for 40 "**/" segments against a deep path that does not match', () => {
    const pattern = `${'**/'.repeat(40)}*a*a*a*a*a*a*b`;
    const path = Array.from({ length: 200 }, () => 'a'.repeat(60)).join('/');
    const started = Date.now();
    assert.strictEqual(pathGlobMatch(pattern, path), false);
    assert.strictEqual(pathGlobMatch(pattern, `${path}/aaaaaab`), true);
    assert.ok(Date.now() - started < 500, `took ${Date.now() - started} ms`);
  });

  it('stays fast for many "**" segments separated by names', () => {
    const pattern = Array.from({ length: 40 }, () => '**/a').join('/') + '/b';
    const path = Array.from({ length: 300 }, () => 'a').join('/');
    const started = Date.now();
    assert.strictEqual(pathGlobMatch(pattern, path), false);
    assert.strictEqual(pathGlobMatch(pattern, `${path}/b`), true);
    assert.ok(Date.now() - started < 500, `took ${Date.now() - started} ms`);
  });

  it('never throws on random patterns and paths', () => {
    const alphabet = 'ab*?/.\\:%[]{}()^$+|- \u00e9\ud83d';
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const word = (): string => Array.from({ length: random(24) }, () => alphabet[random(alphabet.length)]).join('');
    let matched = 0;
    for (let i = 0; i < 3000; i++) {
      const pattern = word();
      if (pathGlobMatch(pattern, word())) matched++;
      const text = `{"suppressions": [{"file": ${JSON.stringify(pattern)}, "rule": "invalid-policy", "reason": "r"}]}`;
      const list = parseTrustList(text, '/w/.ecr-trust.json').list;
      trustSuppressionFor(list, '/w/a/b.json', 'invalid-policy', undefined);
    }
    assert.ok(matched > 0, 'some random pairs match (the empty pattern and the empty path, at least)');
  });
});

describe('core/relativeName: relativeToFolderOf', () => {
  const cases: [string, string, string | undefined][] = [
    ['/a/.ecr-trust.json', '/a/b/x.json', 'b/x.json'],
    ['/a/.ecr-trust.json', '/a/x.json', 'x.json'],
    ['/a/.ecr-trust.json', '/ab/x.json', undefined],
    ['/a/.ecr-trust.json', '/x.json', undefined],
    ['/a/.ecr-trust.json', '/a', undefined],
    ['/a/.ecr-trust.json', 'a/x.json', undefined],
    ['/.ecr-trust.json', '/x.json', 'x.json'],
    ['/a/.ecr-trust.json', '/a/b/../x.json', 'x.json'],
    ['/a/.ecr-trust.json', '/a/../x.json', undefined],
    ['.ecr-trust.json', 'policies/x.json', 'policies/x.json'],
    ['file:///a/.ecr-trust.json', 'file:///a/b/x.json', 'b/x.json'],
    ['file:///a/.ecr-trust.json', '/a/b/x.json', 'b/x.json'],
    ['/a/.ecr-trust.json', 'file:///a/b%20c/x.json', 'b c/x.json'],
    ['file:///a/.ecr-trust.json', 'file:///a/%E0%A4%A/x.json', undefined],
    ['file:///c%3A/a/.ecr-trust.json', 'C:\\A\\b\\X.json', 'b/X.json'],
    ['C:\\a\\.ecr-trust.json', 'file:///c%3A/a/b/x.json', 'b/x.json'],
    ['C:\\a\\.ecr-trust.json', 'D:\\a\\x.json', undefined],
    ['c:/a/.ecr-trust.json', 'C:\\A\\x.json', 'x.json'],
    ['\\\\server\\share\\.ecr-trust.json', 'file://server/share/x.json', 'x.json'],
    ['untitled:Untitled-1', '/Untitled-1', undefined],
    ['vscode-vfs://github/o/r/.ecr-trust.json', 'vscode-vfs://github/o/r/p/x.json', 'p/x.json'],
    ['vscode-vfs://github/o/r/.ecr-trust.json', 'vscode-vfs://gitlab/o/r/p/x.json', undefined],
  ];
  for (const [source, name, expected] of cases) {
    it(`${name} from ${source}: ${expected ?? 'outside'}`, () => assert.strictEqual(relativeToFolderOf(source, name)?.path, expected));
  }

  it('folds case only for Windows names', () => {
    assert.strictEqual(relativeToFolderOf('C:\\a\\.ecr-trust.json', 'C:\\a\\x.json')?.foldCase, true);
    assert.strictEqual(relativeToFolderOf('/a/.ecr-trust.json', '/a/x.json')?.foldCase, false);
    assert.strictEqual(relativeToFolderOf('/A/.ecr-trust.json', '/a/x.json'), undefined);
  });
});

describe('core/trustSuppressions: trustSuppressionFor', () => {
  it('matches the file relative to the trust list folder, by rule', () => {
    const list = listAt('/w/.ecr-trust.json', entry('policies/*.json', ['wildcard-principal', 'untrusted-account']));
    assert.strictEqual(reasonFor(list, '/w/policies/x.json'), 'covers policies/*.json');
    assert.strictEqual(reasonFor(list, '/w/policies/x.json', 'untrusted-account'), 'covers policies/*.json');
    assert.strictEqual(reasonFor(list, '/w/policies/x.json', 'external-write'), undefined, 'another rule');
    assert.strictEqual(reasonFor(list, '/w/policies/deep/x.json'), undefined, '* does not cross /');
    assert.strictEqual(reasonFor(list, '/elsewhere/policies/x.json'), undefined, 'outside the folder');
    assert.strictEqual(reasonFor(list, '/w/policies/x.yaml'), undefined);
  });

  it('matches **/ at any depth, for URIs as for paths', () => {
    const list = listAt('file:///w/.ecr-trust.json', entry('**/base.json'));
    for (const file of ['file:///w/base.json', 'file:///w/a/b/c/base.json', '/w/a/base.json']) assert.ok(reasonFor(list, file), file);
    assert.strictEqual(reasonFor(list, 'file:///other/base.json'), undefined);
  });

  it('compares Windows names without regard to case', () => {
    const list = listAt('file:///c%3A/Work/.ecr-trust.json', entry('Policies/Base.json'));
    assert.ok(reasonFor(list, 'C:\\work\\policies\\base.json'));
    assert.ok(reasonFor(list, 'file:///C%3A/WORK/POLICIES/BASE.JSON'));
    assert.strictEqual(reasonFor(list, 'D:\\work\\policies\\base.json'), undefined);
  });

  it('an entry with a sid matches that statement only, exactly; one without matches every statement', () => {
    const list = listAt('/w/.ecr-trust.json', entry('x.json', 'wildcard-principal', 'PublicPull'), entry('y.json'));
    assert.ok(reasonFor(list, '/w/x.json', 'wildcard-principal', 'PublicPull'));
    assert.strictEqual(reasonFor(list, '/w/x.json', 'wildcard-principal', 'publicpull'), undefined);
    assert.strictEqual(reasonFor(list, '/w/x.json', 'wildcard-principal', 'Other'), undefined);
    assert.strictEqual(reasonFor(list, '/w/x.json', 'wildcard-principal', undefined), undefined, 'a statement without a Sid');
    assert.ok(reasonFor(list, '/w/y.json', 'wildcard-principal', 'Anything'));
    assert.ok(reasonFor(list, '/w/y.json', 'wildcard-principal', undefined));
  });

  it('returns the first matching entry in file order, expired or not', () => {
    const first = JSON.stringify({ file: '**', rule: 'wildcard-principal', reason: 'first', until: '2000-01-01' });
    const list = listAt('/w/.ecr-trust.json', first, entry('x.json'));
    assert.strictEqual(reasonFor(list, '/w/x.json'), 'first');
    assert.strictEqual(trustSuppressionFor(list, '/w/x.json', 'wildcard-principal', undefined)?.until, '2000-01-01');
  });

  it('gives nothing for a list without suppressions', () => {
    assert.strictEqual(reasonFor(listAt('/w/.ecr-trust.json'), '/w/x.json'), undefined);
  });
});
