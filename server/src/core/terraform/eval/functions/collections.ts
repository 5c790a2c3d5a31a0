import { bool, EvalError, list, NULL, num, sameValue, str, typeName, Value, whollyKnown } from '../value';
import { HclFunction } from './types';
import { characters, define, holdsOwn, items, known, knownItems, notKnown, present, text, whole } from './support';
import { asSet, unify } from './unify';

/** An argument that is a list, or an unknown standing for one (kept as a single unknown element). */
function sequence(value: Value): Value[] {
  return value.kind === 'unknown' ? [value] : items(value);
}

function flattened(values: readonly Value[]): Value[] {
  return values.flatMap((value) => (value.kind === 'list' ? flattened(value.items) : [value]));
}

/** The elements before `end`, when their positions are certain (no unknown element before them). */
function knownPrefix(values: readonly Value[], end: number): Value[] {
  const prefix = values.slice(0, end);
  return prefix.some((value) => value.kind === 'unknown') ? notKnown() : prefix;
}

const concat = define('concat', 1, Infinity, (args, context) => list(args.flatMap(sequence), context.origin));

const flatten = define('flatten', 1, 1, ([value], context) => list(flattened(items(value)), context.origin));

const distinct = define('distinct', 1, 1, ([value], context) => {
  const result: Value[] = [];
  for (const item of unify(items(value))) {
    if (item.kind === 'unknown' || !result.some((seen) => sameValue(seen, item))) result.push(item);
  }
  return list(result, context.origin);
});

const compact = define('compact', 1, 1, ([value], context) => {
  const kept = items(value).filter((item) => item.kind !== 'null' && !(item.kind === 'string' && item.value === ''));
  return list(kept.map((item) => (item.kind === 'string' || item.kind === 'unknown' ? item : str(text(item), item.origin))), context.origin);
});

const reverse = define('reverse', 1, 1, ([value], context) => list([...items(value)].reverse(), context.origin));

const slice = define('slice', 3, 3, ([value, startValue, endValue], context) => {
  const all = items(value);
  const start = whole(startValue);
  const end = whole(endValue);
  if (start < 0) throw new EvalError('the start index must not be less than zero');
  if (start > end) throw new EvalError('the start index must not be greater than the end index');
  if (end > all.length) return all.some((item) => item.kind === 'unknown') ? notKnown() : fail('the end index must not be greater than the length of the list');
  return list(knownPrefix(all, end).slice(start), context.origin);
});

const element = define('element', 2, 2, ([value, indexValue]) => {
  const all = items(value);
  const index = whole(indexValue);
  if (index < 0) throw new EvalError('cannot use element with a negative index');
  if (all.length === 0) throw new EvalError('cannot use element with an empty list');
  if (all.some((item) => item.kind === 'unknown') && index >= all.length) notKnown();
  return knownPrefix(all, (index % all.length) + 1)[index % all.length];
});

const length = define('length', 1, 1, ([value], context) => {
  const collection = present(value);
  if (collection.kind === 'string') return num(characters(text(collection)).length, context.origin);
  if (collection.kind === 'object') return num(collection.entries.size, context.origin);
  if (collection.kind === 'list') return num(knownPrefix(collection.items, Infinity).length, context.origin);
  throw new EvalError(`length needs a string or a collection, not a ${typeName(collection)}`);
});

/** True when a known element equals the value; unknown when an element or the value is not wholly known. */
const contains = define('contains', 2, 2, ([collection, value], context) => {
  const all = items(collection);
  if (present(value) && all.some((item) => sameValue(item, value))) return bool(true, context.origin);
  if ([value, ...all].some((item) => !whollyKnown(item) || holdsOwn(item))) notKnown();
  return bool(false, context.origin);
});

const one = define('one', 1, 1, ([value]) => {
  const all = knownItems(value);
  if (all.length > 1) throw new EvalError('one needs a list of zero or one elements');
  return all.length === 1 ? all[0] : NULL;
});

const setunion = define('setunion', 1, Infinity, (args, context) => list(asSet(args.flatMap(sequence)), context.origin));

/**
 * The first argument that is neither null nor an empty string. An unknown before it makes the result
 * unknown, but the caller's account ID (never empty) is the result as it is.
 */
const coalesce = define('coalesce', 1, Infinity, (args) => {
  for (const value of unify(args)) {
    if (value.kind === 'unknown') return value.own ? value : notKnown();
    if (value.kind !== 'null' && !(value.kind === 'string' && value.value === '')) return value;
  }
  throw new EvalError('coalesce found no argument that is neither null nor an empty string');
});

/** The first non-empty list; a list of unknown elements alone may be empty, so it is not chosen blindly. */
const coalescelist = define('coalescelist', 1, Infinity, (args) => {
  for (const value of args) {
    const candidate = known(value);
    if (candidate.kind !== 'list') throw new EvalError(`coalescelist takes lists, not a ${typeName(candidate)}`);
    if (candidate.items.some((item) => item.kind !== 'unknown')) return candidate;
    if (candidate.items.length > 0) notKnown();
  }
  throw new EvalError('coalescelist found no non-empty list');
});

function fail(message: string): never {
  throw new EvalError(message);
}

export const COLLECTION_FUNCTIONS: [string, HclFunction][] = [
  ['concat', concat], ['flatten', flatten], ['distinct', distinct], ['compact', compact], ['reverse', reverse],
  ['slice', slice], ['element', element], ['length', length], ['contains', contains], ['one', one],
  ['setunion', setunion], ['coalesce', coalesce], ['coalescelist', coalescelist],
];
