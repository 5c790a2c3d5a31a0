import * as assert from 'assert';
import * as path from 'path';
import { Span } from '../../server/src/core/model';
import { TerraformParser } from '../../server/src/core/terraform';
import { lineOf, lineStarts } from '../../server/src/core/text';
import { caseFolders, FIXTURES, runCase } from './fixtureCases';
import { loadWasmParser } from './support';

describe('fixture cases', () => {
  const folders = caseFolders();
  let terraform: TerraformParser;

  before(async () => {
    terraform = await loadWasmParser();
  });

  it('finds the fixture cases', () => {
    assert.ok(folders.length >= 40, `expected at least 40 fixture cases, found ${folders.length}`);
  });

  for (const folder of folders) {
    const name = path.relative(FIXTURES, folder);
    it(name, () => {
      const { expected, names, files } = runCase(folder, terraform);
      const actual = files.flatMap((file) => {
        const starts = lineStarts(file.text);
        return file.findings.map((finding) => ({
          file: file.name,
          rule: finding.rule,
          severity: finding.severity,
          line: lineOf(starts, finding.span.offset),
          text: file.text.slice(finding.span.offset, finding.span.offset + finding.span.length),
          message: finding.message,
          detail: finding.related.map((related) => related.message).join('\n'),
          ...(finding.suppression ? { suppression: { kind: finding.suppression.kind, reason: finding.suppression.reason, ...(finding.suppression.until ? { until: finding.suppression.until } : {}), expired: finding.suppression.expired } } : {}),
          // The long form on the statement itself is checked by detailIncludes; `related` names the other places.
          related: finding.related.filter((related) => related.file === undefined && related.span && !sameSpan(related.span, finding.data.statementSpan)).map((related) => ({
            line: lineOf(starts, related.span!.offset),
            text: file.text.slice(related.span!.offset, related.span!.offset + related.span!.length),
            message: related.message,
          })),
        }));
      });
      assert.deepStrictEqual(
        actual.map(({ message: _message, detail: _detail, related: _related, ...rest }) => rest),
        expected.findings.map(({ file, rule, severity, line, text: covered, suppression }) => ({ file: file ?? names[0], rule, severity, line, text: covered, ...(suppression ? { suppression } : {}) })),
      );
      expected.findings.forEach((want, index) => {
        for (const part of want.messageIncludes ?? []) {
          assert.ok(actual[index].message.includes(part), `finding ${index} message "${actual[index].message}" lacks "${part}"`);
        }
        for (const part of want.detailIncludes ?? []) {
          assert.ok(actual[index].detail.includes(part), `finding ${index} related information "${actual[index].detail}" lacks "${part}"`);
        }
        if (want.related) assert.deepStrictEqual(actual[index].related, want.related, `finding ${index} related locations`);
      });
    });
  }
});

function sameSpan(a: Span, b: Span): boolean {
  return a.offset === b.offset && a.length === b.length;
}
