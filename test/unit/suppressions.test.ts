import * as assert from 'assert';
import { analyzeFile } from '../../server/src/core/batch';
import { Finding, isSuppressed } from '../../server/src/core/model';
import { applySuppressions, parseDirective } from '../../server/src/core/suppressions';
import { hclComments, jsoncComments, yamlComments } from '../../server/src/core/suppressions/comments';
import { suppressionHoverAt } from '../../server/src/core/suppressions/hover';
import { TerraformParser } from '../../server/src/core/terraform';
import { parseTrustList } from '../../server/src/core/trust';
import { loadWasmParser } from './support';

const NOW = new Date('2026-06-01T12:00:00Z');
const TRUST = parseTrustList(JSON.stringify({ ownAccounts: ['111122223333'] }), '/w/.ecr-trust.json').list;

function jsonc(statements: string): string {
  return `{\n  "Version": "2012-10-17",\n  "Statement": [\n${statements}\n  ]\n}\n`;
}

function findingsOf(text: string, name = '/w/policy.jsonc'): Finding[] {
  return analyzeFile({ name, text }, { trust: TRUST, now: NOW }).findings;
}

const PUBLIC = '    { "Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage" }';

describe('suppressions: the directive', () => {
  const cases: [string, ReturnType<typeof parseDirective>][] = [
    ['// ecr-guard-ignore wildcard-principal -- public base image', { rules: ['wildcard-principal'], reason: 'public base image' }],
    ['#ecr-guard-ignore wildcard-principal,external-write -- vendor', { rules: ['wildcard-principal', 'external-write'], reason: 'vendor' }],
    ['# ecr-guard-ignore wildcard-principal, external-write until=2027-01-31 -- vendor -- contract 12', { rules: ['wildcard-principal', 'external-write'], reason: 'vendor -- contract 12', until: '2027-01-31' }],
    ['/* ecr-guard-ignore untrusted-account -- trial */', { rules: ['untrusted-account'], reason: 'trial' }],
    ['# ecr-guard-ignore wildcard-principal wildcard-principal -- twice is once', { rules: ['wildcard-principal'], reason: 'twice is once' }],
  ];
  for (const [comment, expected] of cases) {
    it(`reads ${comment}`, () => assert.deepStrictEqual(parseDirective(comment), expected));
  }

  it('is no directive unless the marker comes first, as a word', () => {
    assert.strictEqual(parseDirective('# see ecr-guard-ignore wildcard-principal -- x'), undefined);
    assert.strictEqual(parseDirective('# ecr-guard-ignored wildcard-principal -- x'), undefined);
    assert.strictEqual(parseDirective('# nothing here'), undefined);
  });

  it('is a problem without rules, without a reason, with an unknown rule or an impossible date', () => {
    const problem = (comment: string): string => {
      const parsed = parseDirective(comment);
      assert.ok(parsed && 'problem' in parsed, `${comment} is a problem`);
      return parsed.problem;
    };
    assert.match(problem('# ecr-guard-ignore -- reason'), /needs the rules/);
    assert.match(problem('# ecr-guard-ignore'), /needs the rules/);
    assert.match(problem('# ecr-guard-ignore wildcard-principal'), /needs a reason/);
    assert.match(problem('# ecr-guard-ignore wildcard-principal --   '), /needs a reason/);
    assert.match(problem('# ecr-guard-ignore external-writes -- x'), /"external-writes" is not an ECR Guard rule.*Did you mean external-write\?/);
    assert.match(problem('# ecr-guard-ignore wildcard-principal public base image'), /"public" is not an ECR Guard rule.*after " -- "/);
    assert.match(problem('# ecr-guard-ignore wildcard-principal until=2026-13-01 -- x'), /until=2026-13-01 is not a date/);
    assert.match(problem('# ecr-guard-ignore wildcard-principal until=tomorrow -- x'), /until=tomorrow is not a date/);
  });
});

describe('suppressions: where a comment applies', () => {
  it('suppresses the statement below, across blank and comment lines, and not the one after', () => {
    const text = jsonc(`    // ecr-guard-ignore wildcard-principal -- public base image\n\n    // reviewed by security\n${PUBLIC},\n${PUBLIC.replace('Public', 'Second')}`);
    const findings = findingsOf(text);
    assert.deepStrictEqual(findings.map((finding) => [finding.rule, isSuppressed(finding)]), [['wildcard-principal', true], ['wildcard-principal', false]]);
  });

  it('a block comment spanning lines applies below its last line', () => {
    const text = jsonc(`    /* ecr-guard-ignore wildcard-principal --\n       public base image */\n${PUBLIC}`);
    const [finding] = findingsOf(text);
    assert.strictEqual(finding.suppression?.reason, 'public base image');
  });

  it('is recomputed, not stacked, when applied again to its own output', () => {
    const text = jsonc(`    // ecr-guard-ignore wildcard-principal until=2026-01-01 -- old\n${PUBLIC}`);
    const once = findingsOf(text);
    const comments = jsoncComments(text);
    const twice = applySuppressions(once, { text, comments, now: NOW });
    assert.deepStrictEqual(twice, once);
    assert.match(once[0].message, /\(suppression expired on 2026-01-01\)$/);
    // With the comment gone, the finding is as the rule made it.
    const removed = applySuppressions(once, { text, comments: [], now: NOW });
    assert.strictEqual(removed[0].suppression, undefined);
    assert.doesNotMatch(removed[0].message, /expired/);
    assert.strictEqual(removed[0].related.length, once[0].related.length - 1);
  });

  it('an active suppression wins over an expired one for the same rule', () => {
    const text = jsonc(`    // ecr-guard-ignore wildcard-principal until=2026-01-01 -- old\n    // ecr-guard-ignore wildcard-principal -- renewed\n${PUBLIC}`);
    assert.strictEqual(findingsOf(text)[0].suppression?.reason, 'renewed');
    assert.strictEqual(findingsOf(text)[0].suppression?.expired, false);
  });

  it('finds YAML comments only where YAML has them', () => {
    const text = 'a: "# ecr-guard-ignore x -- in a string"\nb: |\n  # ecr-guard-ignore x -- block scalar text\nc: 1 # ecr-guard-ignore x -- a comment\n';
    assert.deepStrictEqual(yamlComments(text).map((span) => text.slice(span.offset, span.offset + span.length)), ['# ecr-guard-ignore x -- a comment']);
  });

  it('reads nothing from a text without the marker, and survives hostile nesting', () => {
    assert.deepStrictEqual(jsoncComments('// a comment\n{}'), []);
    const deep = `${'- '.repeat(5000)}x # ecr-guard-ignore wildcard-principal -- deep\n`;
    assert.ok(yamlComments(deep).length <= 1);
  });
});

describe('suppressions: the hover over a comment', () => {
  it('lists what it suppresses, or says it suppresses nothing', () => {
    const text = jsonc(`    // ecr-guard-ignore wildcard-principal -- public base image\n${PUBLIC},\n    // ecr-guard-ignore untrusted-account -- nothing to suppress\n${PUBLIC.replace('Public', 'Second')}`);
    const findings = findingsOf(text);
    const comments = jsoncComments(text);
    const first = suppressionHoverAt(text, comments, findings, comments[0].offset + 3);
    assert.match(first?.contents ?? '', /^\*\*Suppresses 1 finding\*\*\. Reason: public base image\n\n- line 5, `wildcard-principal`: /);
    const second = suppressionHoverAt(text, comments, findings, comments[1].offset);
    assert.match(second?.contents ?? '', /^\*\*Suppresses nothing here\.\*\* No `untrusted-account` finding/);
    assert.strictEqual(suppressionHoverAt(text, comments, findings, text.indexOf('"Sid"')), undefined);
  });

  it('says why a broken comment is no suppression', () => {
    const text = jsonc(`    // ecr-guard-ignore wildcard-principal\n${PUBLIC}`);
    const comments = jsoncComments(text);
    assert.match(suppressionHoverAt(text, comments, findingsOf(text), comments[0].offset)?.contents ?? '', /^\*\*Not a suppression\.\*\* .*needs a reason/);
  });
});

describe('suppressions: hostile text', () => {
  let terraform: TerraformParser;
  before(async () => {
    terraform = await loadWasmParser();
  });

  /** A small deterministic generator: the same cases every run, so a failure can be replayed. */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
  }

  const PIECES = ['ecr-guard-ignore', ' ', ',', '--', 'until=', '2026-02-30', 'wildcard-principal', '\n', '#', '//', '/*', '*/', '"', "'", '|', '- ', ': ', '{', '}', '<<EOF\n', '\nEOF\n', '\\', '\u2028', '\ud800', '${', 'é'];

  it('never throws or hangs on comments and texts made of the syntax pieces', () => {
    const next = random(13);
    for (let i = 0; i < 400; i++) {
      const text = Array.from({ length: 5 + Math.floor(next() * 60) }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');
      parseDirective(text);
      const spans = [...jsoncComments(text), ...yamlComments(text), ...hclComments(text, terraform)];
      for (const span of spans) assert.ok(span.offset >= 0 && span.offset + span.length <= text.length, JSON.stringify(text));
      const fake: Finding = {
        rule: 'wildcard-principal', severity: 'error', span: { offset: 0, length: Math.min(3, text.length) }, message: 'm', related: [],
        data: { rule: 'wildcard-principal', documentIndex: 0, statementIndex: 0, statementSpan: { offset: 0, length: text.length } },
      };
      applySuppressions([fake], { text, comments: spans, now: NOW });
      suppressionHoverAt(text, spans, [fake], Math.floor(next() * text.length));
    }
  });
});
