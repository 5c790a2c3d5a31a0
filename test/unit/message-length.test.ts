import * as assert from 'assert';
import * as path from 'path';
import { Finding } from '../../server/src/core/model';
import { TerraformParser } from '../../server/src/core/terraform';
import { caseFolders, FIXTURES, runCase } from './fixtureCases';
import { loadWasmParser } from './support';

/** What fits one row of VS Code's Problems panel at its default width, beside the file name and position. */
const ROW = 120;

interface Said {
  where: string;
  finding: Finding;
}

/**
 * Every message of every fixture case fits one Problems row and leads with what tells it apart: long values
 * are summarised in the message, the detail lives in the hover and related information.
 */
describe('finding messages', () => {
  let terraform: TerraformParser;
  let said: Said[] = [];

  before(async () => {
    terraform = await loadWasmParser();
    said = caseFolders().flatMap((folder) => runCase(folder, terraform).files.flatMap((file) =>
      file.findings.map((finding) => ({ where: `${path.relative(FIXTURES, folder)}/${file.name}`, finding }))));
  });

  it('runs over the findings of every fixture case', () => {
    assert.ok(said.length >= 500, `expected at least 500 findings over the fixtures, found ${said.length}`);
  });

  it(`fit one Problems row (at most ${ROW} characters)`, () => {
    const sorted = [...said].sort((a, b) => b.finding.message.length - a.finding.message.length);
    const over = sorted.filter(({ finding }) => finding.message.length > ROW);
    const longest = sorted[0];
    const worst = over.slice(0, 5).map(({ where, finding }) => `\n  ${finding.message.length} ${where} ${finding.rule}: ${finding.message}`).join('');
    assert.ok(over.length === 0, `${over.length} of ${said.length} messages are longer than ${ROW} characters; the longest (${longest.finding.message.length}) is in ${longest.where}:${worst}`);
  });

  it('tell apart the findings on one statement', () => {
    const seen = new Map<string, Said>();
    const alike: string[] = [];
    for (const entry of said) {
      const { statementSpan } = entry.finding.data;
      const key = `${entry.where}@${statementSpan.offset}:${statementSpan.length}|${entry.finding.message}`;
      const before = seen.get(key);
      if (before && before.finding.span.offset !== entry.finding.span.offset) alike.push(`${entry.where}: ${entry.finding.message}`);
      seen.set(key, entry);
    }
    assert.deepStrictEqual(alike, []);
  });

  it('lead with the grantee or the thing at fault, never with advice', () => {
    const advice = said.filter(({ finding }) => /^(Add|Create|Remove|Grant|Renew|Use)\b/.test(finding.message));
    assert.deepStrictEqual(advice.map(({ where, finding }) => `${where}: ${finding.message}`), []);
  });
});
