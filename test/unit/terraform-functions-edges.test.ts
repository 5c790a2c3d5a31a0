import * as assert from 'assert';
import { FUNCTIONS } from '../../server/src/core/terraform/eval/functions';
import { translate } from '../../server/src/core/terraform/eval/functions/regex';
import { FunctionContext } from '../../server/src/core/terraform/eval/functions/types';
import { EvalError, list, object, Origin, str, unknown, Value } from '../../server/src/core/terraform/eval/value';

/** Files, patterns that cannot be translated, where decoded values stand, and argument counts. */

const CALL: Origin = { file: 'main.tf', span: { offset: 40, length: 12 } };
const FILES: Record<string, string> = { 'policy.json': '{"AWS": "arn:aws:iam::111122223333:root"}', 'hello.tpl': 'Hello, ${name}' };

interface Rendered { text: string; file: string; variables: Value }

function call(name: string, args: Value[], rendered: Rendered[] = []): Value {
  const context: FunctionContext = {
    text: `${name}(...)`,
    origin: CALL,
    readFile: (path) => (path in FILES ? { text: FILES[path], file: `/module/${path}` } : undefined),
    renderTemplate: (text, file, variables) => {
      rendered.push({ text, file, variables });
      return str('rendered', CALL);
    },
  };
  return FUNCTIONS.get(name)!(args, context);
}

function assertUnknownCall(value: Value, name: string): void {
  assert.deepStrictEqual(value, { kind: 'unknown', text: `${name}(...)`, origin: CALL });
}

describe('Terraform functions: files, untranslatable patterns, origins and arity', () => {
  it('file gives the text standing where it was written: the whole file', () => {
    const text = FILES['policy.json'];
    assert.deepStrictEqual(call('file', [str('policy.json')]), str(text, { file: '/module/policy.json', span: { offset: 0, length: text.length } }));
  });

  it('file and templatefile are unknown, not errors, when the file cannot be read or the path is unknown', () => {
    assertUnknownCall(call('file', [str('missing.json')]), 'file');
    assertUnknownCall(call('file', [unknown('var.path')]), 'file');
    assertUnknownCall(call('templatefile', [str('missing.tpl'), object(new Map())]), 'templatefile');
  });

  it('templatefile hands the text, the file and the variables to the evaluator', () => {
    const rendered: Rendered[] = [];
    const variables = object(new Map([['name', str('ECR')]]));
    assert.deepStrictEqual(call('templatefile', [str('hello.tpl'), variables], rendered), str('rendered', CALL));
    assert.deepStrictEqual(rendered, [{ text: FILES['hello.tpl'], file: '/module/hello.tpl', variables }]);
    assert.throws(() => call('templatefile', [str('hello.tpl'), list([])]), EvalError);
    assertUnknownCall(call('templatefile', [str('hello.tpl'), unknown('var.vars')]), 'templatefile');
  });

  it('jsondecode values stand where the JSON text was written', () => {
    const written: Origin = { file: 'locals.tf', span: { offset: 7, length: 30 } };
    const decoded = call('jsondecode', [str('{"AWS": ["a"]}', written)]);
    assert.deepStrictEqual(decoded, object(new Map([['AWS', list([str('a', written)], written)]]), written));
    assert.strictEqual(call('jsondecode', [str('[1]')]).origin, CALL);
  });

  it('jsondecode of a number beyond a double is unknown; of bad JSON, an error', () => {
    assertUnknownCall(call('jsondecode', [str('[1e400]')]), 'jsondecode');
    assert.throws(() => call('jsondecode', [str('{"a":}')]), EvalError);
  });

  it('patterns outside the translated part of RE2 give unknown results, never a guess', () => {
    for (const pattern of ['(?U)a+', '(?i:a)b', 'a(?=b)', '(a)\\1', '\\C', '[[:^alpha:]]', '[\\S]', 'a{1001}', '\\p{Any}', '(?P=n)']) {
      assert.strictEqual(translate(pattern), undefined, pattern);
      assertUnknownCall(call('regex', [str(pattern), str('ab')]), 'regex');
      assertUnknownCall(call('regexall', [str(pattern), str('ab')]), 'regexall');
      assertUnknownCall(call('replace', [str('ab'), str(`/${pattern}/`), str('x')]), 'replace');
    }
  });

  it('translates the RE2 spellings JavaScript reads otherwise', () => {
    const cases: [string, string][] = [
      ['.', '[^\\n]'], ['(?s).', '[\\s\\S]'], ['\\s', '[\\t\\n\\f\\r ]'], ['(?m)^a$', '(?<![^\\n])a(?![^\\n])'],
      ['\\Aa\\z', '(?<![\\s\\S])a(?![\\s\\S])'], ['[[:digit:]-]', '[0-9\\u{2d}]'], ['\\101\\x{1F600}', 'A\\u{1f600}'],
      ['(?P<x>a)', '(?<x>a)'], ['a{,2}', 'a\\u{7b}\\u{2c}2\\u{7d}'], ['\\pL\\p{Greek}\\PN', '\\p{L}\\p{Script=Greek}\\P{N}'],
    ];
    for (const [pattern, source] of cases) assert.strictEqual(translate(pattern)?.regexp.source, source, pattern);
    assert.strictEqual(translate('(?i)a')?.regexp.flags, 'giu');
    assert.deepStrictEqual(translate('(a)(?:b)(?P<c>c)')?.names, [undefined, 'c']);
  });

  it('a wrong number of arguments is an error', () => {
    const wrong: [string, number][] = [['upper', 0], ['upper', 2], ['lookup', 1], ['lookup', 4], ['range', 0], ['range', 4], ['join', 1], ['format', 0], ['jsonencode', 2]];
    for (const [name, count] of wrong) {
      assert.throws(() => call(name, Array.from({ length: count }, () => str('1'))), EvalError, `${name} with ${count}`);
    }
  });

  it('errors Terraform reports are EvalErrors, even when other arguments are unknown', () => {
    assert.throws(() => call('element', [list([]), str('0')]), EvalError);
    assert.throws(() => call('lookup', [object(new Map()), str('missing')]), EvalError);
    assert.throws(() => call('concat', [list([]), str('x')]), EvalError);
    assert.throws(() => call('merge', [list([]), unknown('var.x')]), EvalError);
    assert.throws(() => call('regex', [str('(a)(?P<n>b)'), unknown('var.x')]), EvalError);
  });
});
