import { asNumber, asString, EvalError, KnownValue, Value, typeName, unknown } from '../value';
import { FunctionContext, HclFunction } from './types';

/*
 * How functions read a list with unknown elements. Such a list can come from `concat(local.a, var.b)`
 * with `var.b` unknown: the unknown element then stands for however many elements `var.b` has (none,
 * one or more). So a function keeps unknown elements where their count does not matter (concat,
 * flatten, distinct, toset) and gives an unknown result where it does (length, element past the known
 * prefix, sort, sum).
 */

/** Thrown by the argument readers below when what the function needs is not known. */
class NotKnown {}

const NOT_KNOWN = new NotKnown();

/** The call's result when it cannot be computed: unknown, written as the call. */
export function unknownOf(context: FunctionContext): Value {
  return unknown(context.text, context.origin);
}

/**
 * A function taking `min` to `max` arguments whose body may stop at an unknown argument (through the
 * readers below) to return an unknown result.
 */
export function define(name: string, min: number, max: number, body: HclFunction): HclFunction {
  return (args, context) => {
    if (args.length < min || args.length > max) {
      const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      throw new EvalError(`${name} takes ${expected} argument${expected === '1' ? '' : 's'}, not ${args.length}`);
    }
    try {
      return body(args, context);
    } catch (error) {
      if (error === NOT_KNOWN) return unknownOf(context);
      throw error;
    }
  };
}

/** Stops the function: its result is unknown. */
export function notKnown(): never {
  throw NOT_KNOWN;
}

/** The value if it is known (its parts may still be unknown). */
export function known(value: Value): KnownValue {
  return value.kind === 'unknown' ? notKnown() : value;
}

/** A known, non-null argument: Terraform refuses null for most parameters. */
export function present(value: Value): KnownValue {
  const result = known(value);
  if (result.kind === 'null') throw new EvalError('argument must not be null');
  return result;
}

/**
 * A string parameter's value (numbers and bools convert). A string built from the caller's account ID
 * is unknown here: its text holds the reference, not the digits a computation would work on.
 */
export function text(value: Value): string {
  const result = present(value);
  if (result.kind === 'string' && result.own) notKnown();
  return asString(result);
}

/** A number parameter's value (numeric strings convert; one built from the account ID is not known). */
export function numeric(value: Value): number {
  const result = present(value);
  if (result.kind === 'string' && result.own) notKnown();
  return asNumber(result);
}

/** Whether the value holds a string built from the caller's account ID, whose digits are not known. */
export function holdsOwn(value: Value): boolean {
  if (value.kind === 'string' || value.kind === 'unknown') return value.own === true;
  if (value.kind === 'list') return value.items.some(holdsOwn);
  return value.kind === 'object' && [...value.entries.values()].some(holdsOwn);
}

/** A whole-number parameter (an index, a count). */
export function whole(value: Value): number {
  const result = numeric(value);
  if (!Number.isInteger(result)) throw new EvalError(`${result} is not a whole number`);
  return result;
}

/** The elements of a list parameter (a tuple, list or set). */
export function items(value: Value): Value[] {
  const result = present(value);
  if (result.kind !== 'list') throw new EvalError(`a list is required, not a ${typeName(result)}`);
  return result.items;
}

/** The elements of a list parameter when every one of them is known. */
export function knownItems(value: Value): KnownValue[] {
  return items(value).map(known);
}

/** The entries of a map or object parameter. */
export function entries(value: Value): Map<string, Value> {
  const result = present(value);
  if (result.kind !== 'object') throw new EvalError(`a map or object is required, not a ${typeName(result)}`);
  return result.entries;
}

/** Code points, as Go iterates a string's runes. */
export function codePoints(value: string): string[] {
  return Array.from(value);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** User-perceived characters (grapheme clusters): what Terraform's `length` and `substr` count. */
export function characters(value: string): string[] {
  return Array.from(graphemes.segment(value), (segment) => segment.segment);
}

/**
 * Go's (and so Terraform's) string order: UTF-8 byte order, which is code point order. It differs from
 * UTF-16 order only where a surrogate (an astral character) meets a character from U+E000 up.
 */
export function compareStrings(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const left = a.charCodeAt(index);
    const right = b.charCodeAt(index);
    if (left === right) continue;
    const leftAstral = left >= 0xd800 && left < 0xe000;
    const rightAstral = right >= 0xd800 && right < 0xe000;
    return leftAstral === rightAstral ? left - right : leftAstral ? 1 : -1;
  }
  return a.length - b.length;
}
