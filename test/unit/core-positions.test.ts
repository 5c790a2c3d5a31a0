import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { inventoryRows } from '../../server/src/cli/inventory';
import { formatJson, reportFindings } from '../../server/src/cli/report';
import { formatText } from '../../server/src/cli/textReport';
import { sarifFindings } from '../../server/src/cli/sarif';
import { grantsInventory } from '../../server/src/core/inventory';
import { Finding } from '../../server/src/core/model';
import { analyzeBatch } from '../../server/src/core/batch';
import { TerraformParser } from '../../server/src/core/terraform';
import { lineOf, lineStarts, positionOf } from '../../server/src/core/text';
import { parseTrustList } from '../../server/src/core/trust';
import { buildSarif } from '../../server/src/export/sarif';
import { loadWasmParser } from './support';

/**
 * One line model everywhere (issue 9): `\r\n`, `\n` and a lone `\r` end lines, as in the editor, so the CLI's
 * text and JSON, SARIF, the inventory and trust list lines give every finding the line and column the editor
 * shows (TextDocument.positionAt, 1-based). Columns are UTF-16 code units.
 */
const NOW = new Date('2026-06-01T12:00:00Z');
const TRUST_TEXT = '{\n  "ownAccounts": ["111122223333"],\n  "trustedAccounts": {\n    "222233334444": { "name": "ci", "access": "pull" }\n  }\n}\n';

const JSON_LINES = [
  '{',
  '  "Version": "2012-10-17",',
  '  "Statement": [',
  '    { "Sid": "😀 public", "Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage" },',
  '    {',
  '      "Effect": "Allow",',
  '      "Principal": { "AWS": ["arn:aws:iam::222233334444:root", "444455556666"] },',
  '      "Action": ["ecr:BatchGetImage", "ecr:PutImage"]',
  '    }',
  '  ]',
  '}',
  '',
];

const TERRAFORM_LINES = [
  'resource "aws_ecr_repository_policy" "app" {',
  '  repository = "app"',
  '  policy = jsonencode({',
  '    Statement = [{',
  '      Sid       = "é"',
  '      Effect    = "Allow"',
  '      Principal = { AWS = "444455556666" }',
  '      Action    = ["ecr:PutImage"]',
  '    }]',
  '  })',
  '}',
  '',
];

/** The same lines joined by each kind of line break, and by a mix of all three. */
function endings(lines: readonly string[]): Record<string, string> {
  const mixed = lines.map((line, index) => `${line}${index === lines.length - 1 ? '' : ['\r\n', '\r', '\n'][index % 3]}`).join('');
  return { LF: lines.join('\n'), CRLF: lines.join('\r\n'), CR: lines.join('\r'), mixed };
}

/** Where the editor shows an offset: 1-based line and column. */
function editorPosition(document: TextDocument, offset: number): string {
  const position = document.positionAt(offset);
  return `${position.line + 1}:${position.character + 1}`;
}

function assertAsEditor(name: string, text: string, findings: readonly Finding[], languageId: string): void {
  assert.ok(findings.length >= 2, `${name} has findings to place`);
  const document = TextDocument.create(`file:///w/${name}`, languageId, 1, text);
  const expected = findings.map((finding) => editorPosition(document, finding.span.offset));
  const reported = reportFindings(name, text, findings);
  assert.deepStrictEqual(reported.map((finding) => `${finding.line}:${finding.column}`), expected, 'CLI report');
  const printed = formatText({ filesScanned: 1, findings: reported, suppressed: [] }).split('\n').filter((line) => line.startsWith('  '));
  assert.deepStrictEqual(printed.map((line) => /^ {2}(\d+:\d+) /.exec(line)?.[1]), expected, 'CLI text');
  const json = JSON.parse(formatJson({ filesScanned: 1, findings: reported, suppressed: [] })) as { findings: { line: number; column: number }[] };
  assert.deepStrictEqual(json.findings.map((finding) => `${finding.line}:${finding.column}`), expected, 'CLI JSON');
  const sarif = sarifFindings(name, text, findings);
  assert.deepStrictEqual(sarif.map((finding) => `${finding.startLine}:${finding.startColumn}`), expected, 'SARIF start');
  assert.deepStrictEqual(sarif.map((finding) => `${finding.endLine}:${finding.endColumn}`), findings.map((finding) => editorPosition(document, finding.span.offset + finding.span.length)), 'SARIF end');
  const log = buildSarif(sarif, { toolVersion: '0' }) as { runs: { results: { locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[] }[] }[] };
  assert.deepStrictEqual(log.runs[0].results.map((result) => `${result.locations[0].physicalLocation.region.startLine}:${result.locations[0].physicalLocation.region.startColumn}`), expected, 'SARIF log');
}

describe('positions: one line model for the editor, CLI, SARIF and inventory', () => {
  const trust = parseTrustList(TRUST_TEXT, '/w/.ecr-trust.json').list;
  let parser: TerraformParser;
  before(async () => {
    parser = await loadWasmParser();
  });

  for (const [ending, text] of Object.entries(endings(JSON_LINES))) {
    it(`JSON with ${ending} line endings: findings and inventory rows where the editor shows them`, () => {
      const result = analyzeBatch([{ name: '/w/policy.json', text }], () => ({ trust, now: NOW })).get('/w/policy.json')!;
      assertAsEditor('policy.json', text, result.findings, 'json');
      const document = TextDocument.create('file:///w/policy.json', 'json', 1, text);
      const rows = inventoryRows('policy.json', text, result, trust, NOW);
      const spans = grantsInventory(result.documents, result.findings, { trust, now: NOW }).map((grant) => grant.span.offset);
      assert.ok(rows.length >= 3);
      const grants = rows.map((row) => `${row.line}:${row.column} ${row.grantee.id}`);
      const expected = rows.map((row, index) => `${editorPosition(document, spans[index])} ${row.grantee.id}`);
      assert.deepStrictEqual(grants, expected, 'inventory rows');
    });
  }

  it('the case of the issue: CR-only JSON puts the untrusted principal on line 7, not line 1', () => {
    const text = endings(JSON_LINES).CR;
    const result = analyzeBatch([{ name: '/w/policy.json', text }], () => ({ trust, now: NOW })).get('/w/policy.json')!;
    const untrusted = reportFindings('policy.json', text, result.findings).find((finding) => finding.rule === 'untrusted-account')!;
    assert.deepStrictEqual([untrusted.line, untrusted.column], [7, 64]);
  });

  for (const [ending, text] of Object.entries(endings(TERRAFORM_LINES))) {
    it(`Terraform with ${ending} line endings: findings where the editor shows them`, () => {
      const result = analyzeBatch([{ name: '/w/main.tf', text }], () => ({ trust, now: NOW }), { terraform: parser }).get('/w/main.tf')!;
      assertAsEditor('main.tf', text, result.findings, 'terraform');
      const rows = inventoryRows('main.tf', text, result, trust, NOW);
      assert.deepStrictEqual(rows.map((row) => `${row.line}:${row.column} ${row.policy}`), ['7:27 aws_ecr_repository_policy.app']);
    });
  }

  for (const [ending, text] of Object.entries(endings(TRUST_TEXT.split('\n')))) {
    it(`trust list with ${ending} line endings: entry lines as the editor counts them`, () => {
      const list = parseTrustList(text, '/w/.ecr-trust.json').list;
      const document = TextDocument.create('file:///w/.ecr-trust.json', 'json', 1, text);
      assert.strictEqual(list.trustedAccounts.get('222233334444')!.line, document.positionAt(list.trustedAccounts.get('222233334444')!.span.offset).line + 1);
      assert.strictEqual(list.trustedAccounts.get('222233334444')!.line, 4);
      assert.strictEqual(list.ownAccounts.get('111122223333')!.line, 2);
    });
  }

  it('positionOf equals TextDocument.positionAt at every offset of random texts of line breaks (seeded)', () => {
    let state = 9;
    const random = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const alphabet = ['\r', '\n', '\r\n', 'a', 'é', '😀', ' '];
    for (let round = 0; round < 300; round++) {
      let text = '';
      const length = Math.floor(random() * 30);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      const document = TextDocument.create('file:///w/x.json', 'json', 1, text);
      const starts = lineStarts(text);
      assert.strictEqual(starts.length, document.lineCount, `line count of ${JSON.stringify(text)}`);
      for (let offset = -1; offset <= text.length + 1; offset++) {
        const position = positionOf(text, starts, offset);
        assert.strictEqual(`${position.line}:${position.column}`, editorPosition(document, offset), `offset ${offset} of ${JSON.stringify(text)}`);
        if (offset >= 0 && offset <= text.length) assert.strictEqual(lineOf(starts, offset), document.positionAt(offset).line + 1);
      }
    }
  });
});
