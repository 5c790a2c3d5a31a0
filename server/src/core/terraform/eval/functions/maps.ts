import { EvalError, list, object, str, typeName, Value } from '../value';
import { HclFunction } from './types';
import { compareStrings, define, entries, items, known, knownItems, notKnown, text } from './support';

function sortedNames(map: Map<string, Value>): string[] {
  return [...map.keys()].sort(compareStrings);
}

/** Later arguments win; a null argument adds nothing; an unknown one could hold any attribute. */
const merge = define('merge', 0, Infinity, (args, context) => {
  for (const value of args) {
    if (value.kind !== 'object' && value.kind !== 'null' && value.kind !== 'unknown') throw new EvalError(`merge takes maps or objects, not a ${typeName(value)}`);
  }
  const merged = new Map<string, Value>();
  for (const value of args.map(known)) {
    if (value.kind === 'object') for (const [name, item] of value.entries) merged.set(name, item);
  }
  return object(merged, context.origin);
});

const keys = define('keys', 1, 1, ([value], context) => list(sortedNames(entries(value)).map((name) => str(name, context.origin)), context.origin));

const values = define('values', 1, 1, ([value], context) => {
  const map = entries(value);
  return list(sortedNames(map).map((name) => map.get(name)!), context.origin);
});

/** The attribute's value as written (no conversion to the default's type, as Terraform does). */
const lookup = define('lookup', 2, 3, ([value, key, fallback]) => {
  const map = known(value);
  if (map.kind !== 'object') throw new EvalError(`lookup needs a map, not a ${typeName(map)}`);
  const name = text(key);
  const found = map.entries.get(name);
  if (found) return found;
  if (fallback) return fallback;
  throw new EvalError(`the map has no key "${name}"`);
});

/**
 * A map from each key to the value at its position. The keys must all be known; an unknown value stays
 * in place (when the counts differ only an unknown element, standing for several, could explain it).
 */
const zipmap = define('zipmap', 2, 2, ([keysValue, valuesValue], context) => {
  const names = knownItems(keysValue).map((name) => {
    if (name.kind === 'null') throw new EvalError('a zipmap key is null');
    return text(name);
  });
  const all = items(valuesValue);
  if (names.length !== all.length) {
    if (all.some((item) => item.kind === 'unknown')) notKnown();
    throw new EvalError(`${names.length} keys do not match ${all.length} values`);
  }
  return object(new Map(names.map((name, index) => [name, all[index]])), context.origin);
});

export const MAP_FUNCTIONS: [string, HclFunction][] = [
  ['merge', merge], ['keys', keys], ['values', values], ['lookup', lookup], ['zipmap', zipmap],
];
