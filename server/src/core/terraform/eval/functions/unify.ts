import { asString, EvalError, sameValue, str, Value } from '../value';
import { compareStrings } from './support';

/*
 * Terraform gives a list, set or map one element type: mixed elements convert to a type they all
 * share (a string, when strings meet numbers or bools), and the conversion fails when there is none
 * (a number with a bool, a list with a string). Null and unknown elements take any type.
 */

type Shape = 'primitive' | 'list' | 'object';

function shapeOf(value: Value): Shape | undefined {
  if (value.kind === 'null' || value.kind === 'unknown') return undefined;
  return value.kind === 'list' || value.kind === 'object' ? value.kind : 'primitive';
}

/** The values converted to one element type; unchanged values keep their identity. */
export function unify(values: readonly Value[]): Value[] {
  const shapes = new Set(values.map(shapeOf).filter((shape) => shape !== undefined));
  if (shapes.size > 1) throw new EvalError('the elements have no type in common');
  const shape = [...shapes][0];
  if (shape === 'primitive') return unifyPrimitives(values);
  if (shape === 'list') return unifyLists(values);
  if (shape === 'object') return unifyObjects(values);
  return [...values];
}

function unifyPrimitives(values: readonly Value[]): Value[] {
  const kinds = new Set(values.map((value) => value.kind).filter((kind) => kind !== 'null' && kind !== 'unknown'));
  if (kinds.size <= 1) return [...values];
  if (!kinds.has('string')) throw new EvalError('numbers and bools have no type in common');
  return values.map((value) => (value.kind === 'number' || value.kind === 'bool' ? str(asString(value), value.origin) : value));
}

/** Lists of one length unify position by position (tuples); others element by element (lists). */
function unifyLists(values: readonly Value[]): Value[] {
  const lists = values.filter((value) => value.kind === 'list');
  const length = lists[0].items.length;
  let rebuilt: (items: Value[], index: number) => Value[];
  if (lists.every((list) => list.items.length === length)) {
    const columns = Array.from({ length }, (_, position) => unify(lists.map((list) => list.items[position])));
    rebuilt = (_items, index) => columns.map((column) => column[index]);
  } else {
    const all = unify(lists.flatMap((list) => list.items));
    const starts = lists.map((_, index) => lists.slice(0, index).reduce((sum, list) => sum + list.items.length, 0));
    rebuilt = (items, index) => all.slice(starts[index], starts[index] + items.length);
  }
  let index = 0;
  return values.map((value) => (value.kind === 'list' ? keepIfSame(value, { ...value, items: rebuilt(value.items, index++) }) : value));
}

/** Objects with the same attributes unify attribute by attribute; others become one map type. */
function unifyObjects(values: readonly Value[]): Value[] {
  const objects = values.filter((value) => value.kind === 'object');
  const names = [...objects[0].entries.keys()].sort().join('\0');
  const sameNames = objects.every((object) => [...object.entries.keys()].sort().join('\0') === names);
  const converted = new Map<Value, Map<string, Value>>(objects.map((object) => [object, new Map()]));
  const groups = sameNames ? [...objects[0].entries.keys()].map((name) => [name]) : [[...new Set(objects.flatMap((object) => [...object.entries.keys()]))]];
  for (const group of groups) {
    const cells = objects.flatMap((object) => group.filter((name) => object.entries.has(name)).map((name) => ({ object, name, value: object.entries.get(name)! })));
    unify(cells.map((cell) => cell.value)).forEach((value, index) => converted.get(cells[index].object)!.set(cells[index].name, value));
  }
  return values.map((value) => (value.kind === 'object' ? keepIfSame(value, { ...value, entries: orderedLike(value.entries, converted.get(value)!) }) : value));
}

function orderedLike(original: Map<string, Value>, converted: Map<string, Value>): Map<string, Value> {
  return new Map([...original.keys()].map((name) => [name, converted.get(name)!]));
}

function keepIfSame(original: Value, converted: Value): Value {
  if (original.kind === 'list' && converted.kind === 'list') return original.items.every((item, index) => item === converted.items[index]) ? original : converted;
  if (original.kind === 'object' && converted.kind === 'object') return [...original.entries].every(([name, item]) => converted.entries.get(name) === item) ? original : converted;
  return converted;
}

/**
 * The elements as a Terraform set holds them: converted to one type, without duplicates, strings in
 * lexical order, numbers ascending, false before true, then nulls; lists and objects keep their order
 * (Terraform orders them by hash) and unknown elements come last.
 */
export function asSet(values: readonly Value[]): Value[] {
  const distinct: Value[] = [];
  for (const value of unify(values)) {
    if (value.kind === 'unknown' || !distinct.some((seen) => sameValue(seen, value))) distinct.push(value);
  }
  return distinct.map((value, index) => ({ value, index })).sort((a, b) => compareSetElements(a.value, b.value) || a.index - b.index).map(({ value }) => value);
}

const RANK: Record<Value['kind'], number> = { bool: 0, number: 0, string: 0, list: 1, object: 1, null: 2, unknown: 3 };

function compareSetElements(a: Value, b: Value): number {
  if (RANK[a.kind] !== RANK[b.kind]) return RANK[a.kind] - RANK[b.kind];
  if (a.kind === 'string' && b.kind === 'string') return compareStrings(a.value, b.value);
  if (a.kind === 'number' && b.kind === 'number') return a.value - b.value;
  if (a.kind === 'bool' && b.kind === 'bool') return Number(a.value) - Number(b.value);
  return 0;
}
