import { Span } from '../../model';

/** Where a value was written: a file of the module (a path or URI, as the host named it) and its range. */
export interface Origin {
  file: string;
  span: Span;
}

interface Located {
  /** Where the literal that made this value stands (absent for values computed from nothing written). */
  origin?: Origin;
  /**
   * Where the value entered the block being evaluated: the reference (`local.accounts`, `var.x`,
   * `each.value`) in that block. Findings on a value defined elsewhere sit here and point at `origin`.
   */
  site?: Span;
  /** The reference it entered the block through, as written (`local.accounts`): what messages name. */
  via?: string;
}

/**
 * A Terraform value as the evaluator knows it. `unknown` is explicit: whatever the evaluator cannot
 * compute (a resource attribute, a function it does not know, a variable without a value) stays unknown
 * and is reported as such, never guessed. Lists stand for tuples, lists and sets; objects for objects and
 * maps (Terraform converts between them freely in the expressions policies are built with).
 */
export type Value =
  | (Located & { kind: 'string'; value: string; /** Built from the caller identity's account ID. */ own?: boolean })
  | (Located & { kind: 'number'; value: number })
  | (Located & { kind: 'bool'; value: boolean })
  | (Located & { kind: 'null' })
  | (Located & { kind: 'list'; items: Value[] })
  | (Located & { kind: 'object'; entries: Map<string, Value>; /** Where each key is written, for an object literal. */ keys?: Map<string, Origin> })
  | (Located & {
    kind: 'unknown';
    /** The expression that could not be computed, as written. */
    text: string;
    /** The caller identity's account ID (`data.aws_caller_identity.X.account_id`): unknown, but the team's own. */
    own?: boolean;
  });

export type KnownValue = Exclude<Value, { kind: 'unknown' }>;

/**
 * A Terraform evaluation error (a function given the wrong type, an index out of range): what `try` and
 * `can` catch. Outside them the expression becomes unknown.
 */
export class EvalError extends Error {}

export function str(value: string, origin?: Origin): Value {
  return { kind: 'string', value, origin };
}

export function num(value: number, origin?: Origin): Value {
  return { kind: 'number', value, origin };
}

export function bool(value: boolean, origin?: Origin): Value {
  return { kind: 'bool', value, origin };
}

export function list(items: Value[], origin?: Origin): Value {
  return { kind: 'list', items, origin };
}

export function object(entries: Map<string, Value>, origin?: Origin): Value {
  return { kind: 'object', entries, origin };
}

export const NULL: Value = { kind: 'null' };

export function unknown(text: string, origin?: Origin): Value {
  return { kind: 'unknown', text, origin };
}

/** Whether the value, and everything inside it, is known. */
export function whollyKnown(value: Value): boolean {
  if (value.kind === 'unknown') return false;
  if (value.kind === 'list') return value.items.every(whollyKnown);
  if (value.kind === 'object') return [...value.entries.values()].every(whollyKnown);
  return true;
}

/** Terraform's conversion of a primitive to a string (numbers and bools convert; others are errors). */
export function asString(value: Value): string {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'number') return formatNumber(value.value);
  if (value.kind === 'bool') return value.value ? 'true' : 'false';
  throw new EvalError(`a ${typeName(value)} is not a string`);
}

/**
 * Terraform prints numbers in plain decimal, never with an exponent (1e30 is thirty zeros, 1e-7 is
 * 0.0000001), with the shortest digits that name the number.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new EvalError(`${value} is not a number Terraform can hold`);
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const point = Number(exponentText) + 1;
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

export function typeName(value: Value): string {
  return value.kind === 'list' ? 'list' : value.kind === 'object' ? 'object' : value.kind;
}

/** Terraform's truthiness is strict: only bools (and the strings "true"/"false") convert. */
export function asBool(value: Value): boolean {
  if (value.kind === 'bool') return value.value;
  if (value.kind === 'string' && (value.value === 'true' || value.value === 'false')) return value.value === 'true';
  throw new EvalError(`a ${typeName(value)} is not a bool`);
}

/** A decimal number as Terraform reads one from a string (no spaces, hexadecimal or `Infinity`). */
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Terraform's conversion to number (numbers and numeric strings). */
export function asNumber(value: Value): number {
  if (value.kind === 'number') return value.value;
  if (value.kind === 'string' && DECIMAL.test(value.value) && Number.isFinite(Number(value.value))) return Number(value.value);
  throw new EvalError(`a ${typeName(value)} is not a number`);
}

/** The elements of a list, or of a map/object's values in key order (as Terraform iterates them). */
export function elementsOf(value: Value): Value[] {
  if (value.kind === 'list') return value.items;
  if (value.kind === 'object') return [...value.entries.keys()].sort().map((key) => value.entries.get(key)!);
  throw new EvalError(`a ${typeName(value)} is not a collection`);
}

/** Value equality as Terraform's `==` and `distinct` see it (locations do not count). */
export function sameValue(a: Value, b: Value): boolean {
  if (a.kind === 'unknown' || b.kind === 'unknown') return false;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'string': case 'number': case 'bool': return a.value === (b as typeof a).value;
    case 'null': return true;
    case 'list': {
      const other = (b as typeof a).items;
      return a.items.length === other.length && a.items.every((item, index) => sameValue(item, other[index]));
    }
    case 'object': {
      const other = (b as typeof a).entries;
      return a.entries.size === other.size && [...a.entries].every(([key, item]) => other.has(key) && sameValue(item, other.get(key)!));
    }
  }
}

/**
 * Strings joined as a template or `join`/`format` joins them. Unknown parts make the result unknown,
 * except the caller identity's account ID (`own`): it is the team's own account whatever its digits, so
 * the result is a string marked `own` that keeps the reference where the digits would stand
 * (`arn:aws:iam::${data.aws_caller_identity.c.account_id}:root`).
 */
export function joinStrings(parts: readonly Value[], text: string, origin?: Origin): Value {
  let own = false;
  let joined = '';
  for (const part of parts) {
    if (part.kind === 'unknown') {
      if (!part.own) return unknown(text, origin);
      own = true;
      joined += `\${${part.text}}`;
      continue;
    }
    if (part.kind === 'string' && part.own) own = true;
    joined += asString(part);
  }
  return own ? { kind: 'string', value: joined, origin, own } : str(joined, origin);
}
