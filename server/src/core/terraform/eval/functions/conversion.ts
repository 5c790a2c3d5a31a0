import { asBool, asNumber, asString, bool, EvalError, num, str, typeName, Value } from '../value';
import { HclFunction } from './types';
import { define, notKnown } from './support';
import { asSet, unify } from './unify';

/*
 * The conversion functions pass null and unknown arguments through unchanged (Terraform converts an
 * unknown to an unknown of the new type), so an unknown account ID stays the team's own, and keep the
 * argument's origin: a converted value was written where the argument was.
 */

function conversion(name: string, convert: (value: Exclude<Value, { kind: 'null' | 'unknown' }>) => Value): HclFunction {
  return define(name, 1, 1, ([value]) => (value.kind === 'null' || value.kind === 'unknown' ? value : convert(value)));
}

function primitive(value: Value, type: string): void {
  if (value.kind === 'list' || value.kind === 'object') throw new EvalError(`cannot convert a ${typeName(value)} to ${type}`);
}

export const CONVERSION_FUNCTIONS: [string, HclFunction][] = [
  ['tostring', conversion('tostring', (value) => {
    primitive(value, 'string');
    return value.kind === 'string' ? value : str(asString(value), value.origin);
  })],
  ['tonumber', conversion('tonumber', (value) => {
    if (value.kind === 'bool') throw new EvalError('cannot convert a bool to number');
    primitive(value, 'number');
    if (value.kind === 'string' && value.own) notKnown();
    return value.kind === 'number' ? value : num(asNumber(value), value.origin);
  })],
  ['tobool', conversion('tobool', (value) => {
    if (value.kind === 'number') throw new EvalError('cannot convert a number to bool');
    primitive(value, 'bool');
    return value.kind === 'bool' ? value : bool(asBool(value), value.origin);
  })],
  ['tolist', conversion('tolist', (value) => {
    if (value.kind !== 'list') throw new EvalError(`cannot convert a ${typeName(value)} to a list`);
    const items = unify(value.items);
    return items.every((item, index) => item === value.items[index]) ? value : { ...value, items };
  })],
  ['toset', conversion('toset', (value) => {
    if (value.kind !== 'list') throw new EvalError(`cannot convert a ${typeName(value)} to a set`);
    return { ...value, items: asSet(value.items) };
  })],
  ['tomap', conversion('tomap', (value) => {
    if (value.kind !== 'object') throw new EvalError(`cannot convert a ${typeName(value)} to a map`);
    const names = [...value.entries.keys()];
    const converted = unify(names.map((name) => value.entries.get(name)!));
    if (converted.every((item, index) => item === value.entries.get(names[index]))) return value;
    return { ...value, entries: new Map(names.map((name, index) => [name, converted[index]])) };
  })],
];
