import { asBool, asNumber, asString, EvalError, KnownValue } from '../value';
import { digitsIn, exponential, fixed, general } from './numbers';
import { quote, toJson } from './encoding';
import { codePoints, notKnown } from './support';

/** One `%` sequence of a format specification: `%-08.3[2]f`. */
export interface Verb {
  flags: string;
  width?: number;
  precision?: number;
  /** The one-based argument `[n]` names. */
  index?: number;
  letter: string;
}

export const VERB_LETTERS = new Set('vtbdoxXeEfgGsq');

/** A known, non-null argument formatted as the verb says (Terraform's format, after Go's fmt). */
export function formatVerb(verb: Verb, value: KnownValue): string {
  switch (verb.letter) {
    case 'v': return verb.flags.includes('#') ? padText(json(value), verb) : defaultFormat(verb, value);
    case 't':
      if (value.kind !== 'bool' && value.kind !== 'string') throw new EvalError('%t needs a bool');
      return asBool(value) ? 'true' : 'false';
    case 's': return padText(truncated(stringOf(value), verb), verb);
    case 'q': return padText(quote(truncated(stringOf(value), verb)), verb);
    case 'b': case 'd': case 'o': case 'x': case 'X': return integer(verb, numberOf(value));
    default: return float(verb, numberOf(value));
  }
}

function defaultFormat(verb: Verb, value: KnownValue): string {
  if (value.kind === 'number') return float({ ...verb, letter: 'g' }, value.value);
  if (value.kind === 'string') return padText(truncated(value.value, verb), verb);
  if (value.kind === 'bool') return padText(value.value ? 'true' : 'false', verb);
  return padText(json(value), verb);
}

function json(value: KnownValue): string {
  const encoded = toJson(value);
  return encoded && !encoded.own ? encoded.json : notKnown();
}

function stringOf(value: KnownValue): string {
  if (value.kind === 'list' || value.kind === 'object') throw new EvalError('a string is required');
  return asString(value);
}

function numberOf(value: KnownValue): number {
  if (value.kind !== 'number' && value.kind !== 'string') throw new EvalError('a number is required');
  return asNumber(value);
}

function truncated(text: string, verb: Verb): string {
  return verb.precision === undefined ? text : codePoints(text).slice(0, verb.precision).join('');
}

/** Strings pad with spaces, or zeros with the 0 flag (on the right too, with the - flag, as Go does). */
function padText(text: string, verb: Verb): string {
  const missing = (verb.width ?? 0) - codePoints(text).length;
  if (missing <= 0) return text;
  const padding = (verb.flags.includes('0') ? '0' : ' ').repeat(missing);
  return verb.flags.includes('-') ? text + padding : padding + text;
}

function signOf(value: number, verb: Verb): string {
  if (value < 0 || Object.is(value, -0)) return '-';
  return verb.flags.includes('+') ? '+' : verb.flags.includes(' ') ? ' ' : '';
}

/** Numbers pad as [spaces][sign][zeros][digits][spaces]. */
function padNumber(sign: string, digits: string, verb: Verb, zeros: boolean): string {
  const missing = (verb.width ?? 0) - sign.length - digits.length;
  if (missing <= 0) return sign + digits;
  if (verb.flags.includes('-')) return sign + digits + ' '.repeat(missing);
  if (zeros && verb.flags.includes('0')) return sign + '0'.repeat(missing) + digits;
  return ' '.repeat(missing) + sign + digits;
}

const RADIX: Record<string, number> = { b: 2, d: 10, o: 8, x: 16, X: 16 };
const PREFIX: Record<string, string> = { b: '0b', o: '0', x: '0x', X: '0X' };

function integer(verb: Verb, value: number): string {
  if (!Number.isInteger(value)) throw new EvalError(`%${verb.letter} needs a whole number`);
  let digits = digitsIn(value, RADIX[verb.letter]);
  if (verb.letter === 'X') digits = digits.toUpperCase();
  if (verb.precision !== undefined) digits = value === 0 && verb.precision === 0 ? '' : digits.padStart(verb.precision, '0');
  const prefix = verb.flags.includes('#') ? PREFIX[verb.letter] ?? '' : '';
  return padNumber((value < 0 ? '-' : signOf(Math.abs(value), verb)) + prefix, digits, verb, verb.precision === undefined);
}

function float(verb: Verb, value: number): string {
  const magnitude = Math.abs(value);
  const letter = verb.letter.toLowerCase();
  const upper = verb.letter !== letter;
  const digits = letter === 'f' ? fixed(magnitude, verb.precision ?? 6)
    : letter === 'e' ? exponential(magnitude, verb.precision ?? 6, upper)
      : general(magnitude, verb.precision, upper);
  return padNumber(signOf(value, verb), digits, verb, true);
}
