import { Value } from '../eval/value';

/** A condition the module tests: known, or not computable from the inputs. */
export type Tri = boolean | 'unknown';

/**
 * A `list(string)` input: its elements (the caller's values themselves), and whether its length is unknown,
 * in which case `items` holds the unknown input itself.
 */
export interface ListInput {
  items: Value[];
  open: boolean;
}

/**
 * An argument as the module sees it: undefined when missing or null. Terraform would reject null for
 * most of these variables at plan time; the module's default is the closest reading.
 */
export function input(inputs: ReadonlyMap<string, Value>, name: string): Value | undefined {
  const value = inputs.get(name);
  return value && value.kind !== 'null' ? value : undefined;
}

/** A `bool` argument: true or false, `unknown` when it cannot be computed (or is not a bool). */
export function flag(inputs: ReadonlyMap<string, Value>, name: string, fallback: boolean): Tri {
  const value = input(inputs, name);
  if (!value) return fallback;
  if (value.kind === 'bool') return value.value;
  if (value.kind === 'string' && (value.value === 'true' || value.value === 'false')) return value.value === 'true';
  return 'unknown';
}

/** A `string` argument's text, or the argument itself when it is unknown (or not a string). */
export function text(inputs: ReadonlyMap<string, Value>, name: string, fallback: string): string | Value {
  const value = input(inputs, name);
  if (!value) return fallback;
  return value.kind === 'string' ? value.value : value;
}

export function listInput(inputs: ReadonlyMap<string, Value>, name: string): ListInput {
  const value = input(inputs, name);
  if (!value) return { items: [], open: false };
  return value.kind === 'list' ? { items: value.items, open: false } : { items: [value], open: true };
}

/** `length(list) > 0`. */
export function nonEmpty(list: ListInput): Tri {
  return list.open ? 'unknown' : list.items.length > 0;
}

export function and(...conditions: Tri[]): Tri {
  if (conditions.includes(false)) return false;
  return conditions.every((condition) => condition === true) ? true : 'unknown';
}

export function or(...conditions: Tri[]): Tri {
  if (conditions.includes(true)) return true;
  return conditions.every((condition) => condition === false) ? false : 'unknown';
}
