import * as assert from 'assert';
import { FUNCTIONS } from '../../server/src/core/terraform/eval/functions';
import { FunctionContext } from '../../server/src/core/terraform/eval/functions/types';
import { EvalError, list, num, object, Origin, str, unknown, Value } from '../../server/src/core/terraform/eval/value';

/**
 * What the functions keep when parts are unknown: partial lists and maps, passed-through values with
 * their own origin (the very object), and the caller's account ID as an `own` string.
 */

const CALL: Origin = { file: 'main.tf', span: { offset: 100, length: 20 } };
const at = (offset: number): Origin => ({ file: 'locals.tf', span: { offset, length: 5 } });
const ACCOUNT = 'data.aws_caller_identity.current.account_id';

function call(name: string, ...args: Value[]): Value {
  const context: FunctionContext = {
    text: `${name}(...)`,
    origin: CALL,
    readFile: () => undefined,
    renderTemplate: () => assert.fail('no template to render'),
  };
  return FUNCTIONS.get(name)!(args, context);
}

const a = str('a', at(1));
const b = str('b', at(2));
const unknownList = unknown('var.accounts', at(3));
const own = (): Value => ({ kind: 'unknown', text: ACCOUNT, own: true, origin: at(4) });
const map = (entries: Record<string, Value>): Value => object(new Map(Object.entries(entries)), at(5));

function assertUnknownCall(value: Value, name: string): void {
  assert.deepStrictEqual(value, { kind: 'unknown', text: `${name}(...)`, origin: CALL });
}

function itemsOf(value: Value): Value[] {
  assert.strictEqual(value.kind, 'list');
  return value.kind === 'list' ? value.items : [];
}

describe('Terraform functions: unknown parts and origins', () => {
  it('concat keeps the known elements and an unknown list as one unknown element, each the very value passed', () => {
    const items = itemsOf(call('concat', list([a, b]), unknownList));
    assert.deepStrictEqual(items.length, 3);
    [a, b, unknownList].forEach((value, index) => assert.strictEqual(items[index], value));
    assert.strictEqual(call('concat', list([a])).origin, CALL);
  });

  it('flatten, distinct, toset, setunion, compact and reverse keep unknown elements', () => {
    assert.deepStrictEqual(itemsOf(call('flatten', list([list([a]), unknownList]))), [a, unknownList]);
    assert.deepStrictEqual(itemsOf(call('distinct', list([a, unknownList, str('a'), unknownList]))), [a, unknownList, unknownList]);
    assert.deepStrictEqual(itemsOf(call('toset', list([b, unknownList, a]))), [a, b, unknownList]);
    assert.deepStrictEqual(itemsOf(call('setunion', list([b]), unknownList)), [b, unknownList]);
    assert.deepStrictEqual(itemsOf(call('compact', list([a, str(''), unknownList]))), [a, unknownList]);
    assert.deepStrictEqual(itemsOf(call('reverse', list([a, unknownList]))), [unknownList, a]);
    assertUnknownCall(call('flatten', unknownList), 'flatten');
  });

  it('merge is unknown with an unknown argument, and keeps unknown attribute values', () => {
    assertUnknownCall(call('merge', map({ x: a }), unknownList), 'merge');
    const merged = call('merge', map({ x: a }), map({ y: unknownList }));
    assert.ok(merged.kind === 'object');
    assert.strictEqual(merged.entries.get('x'), a);
    assert.strictEqual(merged.entries.get('y'), unknownList);
  });

  it('element is unknown with an unknown index, list, or an unknown element before or at the index', () => {
    assertUnknownCall(call('element', list([a, b]), unknown('var.i')), 'element');
    assertUnknownCall(call('element', unknownList, num(0)), 'element');
    assert.strictEqual(call('element', list([a, unknownList, b]), num(0)), a);
    assertUnknownCall(call('element', list([a, unknownList, b]), num(2)), 'element');
    assertUnknownCall(call('element', list([a, b, unknownList]), num(5)), 'element');
    assert.strictEqual(call('element', list([a, b]), num(3)), b);
  });

  it('lookup is unknown with an unknown key or map, and gives the value itself otherwise', () => {
    assertUnknownCall(call('lookup', map({ k: a }), unknown('var.key')), 'lookup');
    assertUnknownCall(call('lookup', unknownList, str('k')), 'lookup');
    assert.strictEqual(call('lookup', map({ k: a }), str('k')), a);
    const account = own();
    assert.strictEqual(call('lookup', map({ k: account }), str('k')), account);
    assert.strictEqual(call('lookup', map({}), str('k'), b), b);
  });

  it('join and format build an own string from the caller account ID, keeping its reference', () => {
    const expected = { kind: 'string', value: `arn:aws:iam::\${${ACCOUNT}}:root`, origin: CALL, own: true };
    assert.deepStrictEqual(call('join', str(''), list([str('arn:aws:iam::'), own(), str(':root')])), expected);
    assert.deepStrictEqual(call('format', str('arn:aws:iam::%s:root'), own()), expected);
    assert.deepStrictEqual(call('format', str('%v'), expected as Value), expected);
    const listed = itemsOf(call('formatlist', str('arn:aws:iam::%s:root'), list([own(), str('111122223333')])));
    assert.deepStrictEqual(listed, [expected, str('arn:aws:iam::111122223333:root', CALL)]);
  });

  it('join and format are unknown with any other unknown part, or the account ID padded or quoted', () => {
    assertUnknownCall(call('join', str(','), list([a, unknownList])), 'join');
    assertUnknownCall(call('join', str(','), unknownList), 'join');
    assertUnknownCall(call('format', str('%s-%s'), own(), unknownList), 'format');
    assertUnknownCall(call('format', str('%15s'), own()), 'format');
    assertUnknownCall(call('format', str('%q'), own()), 'format');
    assertUnknownCall(call('format', str('%v'), list([unknownList])), 'format');
    assertUnknownCall(call('format', unknownList, a), 'format');
  });

  it('jsonencode writes the account ID as its reference and is unknown with other unknown parts', () => {
    const encoded = call('jsonencode', map({ AWS: own(), Sid: a }));
    assert.deepStrictEqual(encoded, { kind: 'string', value: `{"AWS":"\${${ACCOUNT}}","Sid":"a"}`, origin: CALL, own: true });
    assertUnknownCall(call('jsonencode', list([a, unknownList])), 'jsonencode');
  });

  it('computations that depend on how many elements a list has are unknown', () => {
    assertUnknownCall(call('length', list([a, unknownList])), 'length');
    assert.deepStrictEqual(call('length', map({ x: unknownList })), num(1, CALL));
    assertUnknownCall(call('sort', list([a, unknownList])), 'sort');
    assertUnknownCall(call('sum', list([num(1), unknownList])), 'sum');
    assertUnknownCall(call('one', list([unknownList])), 'one');
    assert.strictEqual(call('one', list([a])), a);
    assert.deepStrictEqual(itemsOf(call('slice', list([a, b, unknownList]), num(0), num(2))), [a, b]);
    assertUnknownCall(call('slice', list([a, unknownList, b]), num(1), num(3)), 'slice');
    assertUnknownCall(call('slice', list([a, unknownList]), num(0), num(5)), 'slice');
    assert.throws(() => call('slice', list([a, b]), num(0), num(5)), EvalError);
  });

  it('contains is true when a known element matches, unknown when an unknown one might', () => {
    assert.deepStrictEqual(call('contains', list([a, unknownList]), str('a')), { kind: 'bool', value: true, origin: CALL });
    assertUnknownCall(call('contains', list([a, unknownList]), str('z')), 'contains');
    assertUnknownCall(call('contains', list([a, b]), unknownList), 'contains');
  });

  it('coalesce and coalescelist choose past nothing unknown', () => {
    assertUnknownCall(call('coalesce', unknownList, a), 'coalesce');
    assert.strictEqual(call('coalesce', str(''), a, unknownList), a);
    const account = own();
    assert.strictEqual(call('coalesce', account, a), account);
    assertUnknownCall(call('coalescelist', list([unknownList]), list([a])), 'coalescelist');
    const first = list([a, unknownList]);
    assert.strictEqual(call('coalescelist', list([]), first, list([b])), first);
  });

  it('keys, values and zipmap keep unknown values and need known keys', () => {
    assert.deepStrictEqual(itemsOf(call('keys', map({ x: unknownList }))), [str('x', CALL)]);
    const values = itemsOf(call('values', map({ b: unknownList, a })));
    assert.strictEqual(values[0], a);
    assert.strictEqual(values[1], unknownList);
    const zipped = call('zipmap', list([str('x'), str('y')]), list([a, unknownList]));
    assert.ok(zipped.kind === 'object');
    assert.strictEqual(zipped.entries.get('y'), unknownList);
    assertUnknownCall(call('zipmap', list([unknownList]), list([a])), 'zipmap');
    assertUnknownCall(call('zipmap', list([str('x')]), list([a, unknownList])), 'zipmap');
  });

  it('conversions pass unknown and null values through, the account ID still own', () => {
    const account = own();
    assert.strictEqual(call('tostring', account), account);
    assert.strictEqual(call('tolist', unknownList), unknownList);
    const ownString: Value = { kind: 'string', value: `\${${ACCOUNT}}`, own: true, origin: at(6) };
    assert.strictEqual(call('tostring', ownString), ownString);
    assert.deepStrictEqual(call('tostring', num(5, at(7))), str('5', at(7)));
  });

  it('string functions are unknown for unknown strings and for strings built from the account ID', () => {
    assertUnknownCall(call('lower', unknownList), 'lower');
    assertUnknownCall(call('upper', { kind: 'string', value: `\${${ACCOUNT}}`, own: true }), 'upper');
    assertUnknownCall(call('split', str(','), own()), 'split');
    assert.deepStrictEqual(call('upper', a), str('A', CALL));
  });

  it('a string built from the account ID is never compared, counted or read as a number', () => {
    const ownString: Value = { kind: 'string', value: `\${${ACCOUNT}}`, own: true, origin: at(8) };
    assertUnknownCall(call('contains', list([str('111122223333')]), ownString), 'contains');
    assertUnknownCall(call('contains', list([ownString]), str('111122223333')), 'contains');
    assertUnknownCall(call('format', str('%d'), ownString), 'format');
    assertUnknownCall(call('format', str('%v'), list([ownString])), 'format');
    assertUnknownCall(call('tonumber', ownString), 'tonumber');
    assertUnknownCall(call('element', list([a, b]), ownString), 'element');
    assertUnknownCall(call('length', ownString), 'length');
  });
});
