import * as assert from 'assert';
import { checkFile, checkModule, Failed, failureMessage } from '../../server/src/cli/analysisStep';
import { Finding } from '../../server/src/core/model';
import { analyzeFile, FileResult } from '../../server/src/core/batch';
import { SourceFile } from '../../server/src/core/sources/types';
import { buildSarif } from '../../server/src/export/sarif';
import { sarifValidator } from './sarifSchema';

/** A CLI run never aborts on one file: the per-file (and per-module) step fails only what it covers. */

const PUBLIC = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }] });
const NOW = new Date('2026-01-01T00:00:00Z');
const analyseJson = (text: string): FileResult => analyzeFile({ name: 'policy.json', text }, { now: NOW });
const rules = (_file: string, _text: string, result: FileResult | undefined): string[] | undefined => result?.findings.map((finding: Finding) => finding.rule);
const throwing = (message: string) => (): never => {
  throw new SyntaxError(message);
};

describe('cli: one file that cannot be checked', () => {
  it('a JSON file whose analysis throws is recorded as failed; the next file is checked as usual', () => {
    const failed: Failed[] = [];
    assert.strictEqual(checkFile('a.json', PUBLIC, throwing('Invalid regular expression: /^ecr:a.*$/: Stack overflow'), rules, failed), undefined);
    assert.deepStrictEqual(checkFile('b.json', PUBLIC, analyseJson, rules, failed), ['wildcard-principal']);
    assert.deepStrictEqual(failed, [{ file: 'a.json', message: 'SyntaxError: Invalid regular expression: /^ecr:a.*$/: Stack overflow' }]);
  });

  it('a throw while collecting a file\'s report (SARIF, inventory) fails that file too', () => {
    const failed: Failed[] = [];
    assert.strictEqual(checkFile('a.json', PUBLIC, analyseJson, throwing('inventory'), failed), undefined);
    assert.deepStrictEqual(failed.map((entry) => entry.file), ['a.json']);
  });

  it('a Terraform module whose analysis throws fails each of its scanned files, not its context files', () => {
    const failed: Failed[] = [];
    const sources: SourceFile[] = [{ name: 'infra/a.tf', text: '' }, { name: 'infra/b.tf', text: '' }];
    const checked = checkModule(sources, [{ name: 'infra/context.tf', text: '' }], throwing('memory access out of bounds'), rules, failed);
    assert.deepStrictEqual(checked, [undefined, undefined]);
    assert.deepStrictEqual(failed, [
      { file: 'infra/a.tf', message: 'SyntaxError: memory access out of bounds' },
      { file: 'infra/b.tf', message: 'SyntaxError: memory access out of bounds' },
    ]);
  });

  it('in a module that analyses, one file whose collection throws fails alone', () => {
    const failed: Failed[] = [];
    const sources: SourceFile[] = [{ name: 'a.tf', text: 'a' }, { name: 'b.tf', text: 'b' }, { name: 'c.tf', text: 'c' }];
    let given: readonly SourceFile[] = [];
    const analyse = (all: readonly SourceFile[]): Map<string, FileResult> => {
      given = all;
      return new Map(all.map((source) => [source.name, analyseJson(PUBLIC)]));
    };
    const collect = (file: string, text: string, result: FileResult | undefined): string[] | undefined => {
      if (file === 'b.tf') throw new RangeError('Maximum call stack size exceeded');
      return rules(file, text, result);
    };
    assert.deepStrictEqual(checkModule(sources, [{ name: 'context.tf', text: '' }], analyse, collect, failed), [['wildcard-principal'], undefined, ['wildcard-principal']]);
    assert.deepStrictEqual(given.map((source) => source.name), ['a.tf', 'b.tf', 'c.tf', 'context.tf'], 'the context files are analysed with the module');
    assert.deepStrictEqual(failed, [{ file: 'b.tf', message: 'RangeError: Maximum call stack size exceeded' }]);
  });

  it('keeps the failure message to its first line and 200 characters (errors may quote the whole value)', () => {
    const message = failureMessage(new SyntaxError(`Invalid regular expression: /^ecr:${'a.*'.repeat(8000)}$/\n    at RegExp`));
    assert.ok(message.startsWith('SyntaxError: Invalid regular expression: /^ecr:a.*'));
    assert.ok(message.length <= 201 && message.endsWith('…'), `${message.length} characters`);
    assert.strictEqual(failureMessage('plain'), 'plain');
  });

  it('SARIF lists failed files as error notifications before the skipped notes, in a valid log that still counts as executed', () => {
    const log = buildSarif([], { toolVersion: '0.1.0', baseUri: 'file:///repo/', notifications: ['skipped big.json: larger than 10 bytes'], failures: ['failed a.json: SyntaxError: x'] }) as {
      runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[] }[];
    };
    assert.deepStrictEqual(sarifValidator()(log), []);
    const [invocation] = log.runs[0].invocations;
    assert.deepStrictEqual(invocation.toolExecutionNotifications.map((note) => [note.level, note.message.text]), [
      ['error', 'failed a.json: SyntaxError: x'],
      ['note', 'skipped big.json: larger than 10 bytes'],
    ]);
    // GitHub code scanning drops the results of an unsuccessful execution; the other files' results must show.
    assert.strictEqual(invocation.executionSuccessful, true);
  });
});
