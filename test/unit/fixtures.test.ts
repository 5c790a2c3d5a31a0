import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeText, sourceKindOf } from '../../server/src/core/analyze';
import { parseTrustList } from '../../server/src/core/trust';
import { lineOf, lineStarts } from '../../server/src/core/text';

/**
 * One case per folder under test/fixtures: the input policy, `expected.json` beside it, and the trust list
 * that governs it: the case's own `.ecr-trust.json`, else the nearest one above (unless `"trust": "none"`).
 */
const FIXTURES = path.resolve(__dirname, '..', 'fixtures');

interface ExpectedFinding {
  rule: string;
  severity: string;
  line: number;
  /** The exact source text the finding covers, quotes included. */
  text: string;
  messageIncludes?: string[];
}

interface ExpectedCase {
  description?: string;
  trust?: 'none';
  /** The day the case is evaluated on (trust expiry), YYYY-MM-DD; default 2026-06-01. */
  now?: string;
  findings: ExpectedFinding[];
}

function caseFolders(folder: string): string[] {
  const entries = fs.readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return entries.flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return fs.existsSync(path.join(full, 'expected.json')) ? [full] : caseFolders(full);
  });
}

function inputFile(folder: string): string {
  const inputs = fs.readdirSync(folder).filter((name) => name !== 'expected.json' && !name.startsWith('.') && sourceKindOf(name));
  assert.strictEqual(inputs.length, 1, `${folder} must hold exactly one input file, found: ${inputs.join(', ') || 'none'}`);
  return path.join(folder, inputs[0]);
}

function trustFileFor(folder: string): string | undefined {
  for (let current = folder; current.startsWith(FIXTURES); current = path.dirname(current)) {
    const candidate = path.join(current, '.ecr-trust.json');
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

describe('fixture cases', () => {
  const folders = caseFolders(FIXTURES);

  it('finds the fixture cases', () => {
    assert.ok(folders.length >= 40, `expected at least 40 fixture cases, found ${folders.length}`);
  });

  for (const folder of folders) {
    const name = path.relative(FIXTURES, folder);
    it(name, () => {
      const expected = JSON.parse(fs.readFileSync(path.join(folder, 'expected.json'), 'utf8')) as ExpectedCase;
      const file = inputFile(folder);
      const text = fs.readFileSync(file, 'utf8');
      const trustFile = expected.trust === 'none' ? undefined : trustFileFor(folder);
      const trust = trustFile ? parseTrustList(fs.readFileSync(trustFile, 'utf8'), trustFile) : undefined;
      if (trust) assert.deepStrictEqual(trust.problems, [], `trust list ${trustFile} has problems`);
      const findings = analyzeText(text, sourceKindOf(file)!, { trust: trust?.list, now: new Date(`${expected.now ?? '2026-06-01'}T12:00:00Z`) });
      const starts = lineStarts(text);
      const actual = findings.map((finding) => ({
        rule: finding.rule,
        severity: finding.severity,
        line: lineOf(starts, finding.span.offset),
        text: text.slice(finding.span.offset, finding.span.offset + finding.span.length),
      }));
      assert.deepStrictEqual(actual, expected.findings.map(({ rule, severity, line, text: covered }) => ({ rule, severity, line, text: covered })));
      expected.findings.forEach((want, index) => {
        for (const part of want.messageIncludes ?? []) {
          assert.ok(findings[index].message.includes(part), `finding ${index} message "${findings[index].message}" lacks "${part}"`);
        }
      });
    });
  }
});
