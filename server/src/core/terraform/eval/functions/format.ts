import { EvalError, joinStrings, list, str, unknown, Value, whollyKnown } from '../value';
import { HclFunction } from './types';
import { define, holdsOwn, items, known, notKnown, text } from './support';
import { formatVerb, Verb, VERB_LETTERS } from './verbs';

const SEQUENCE = /%([-+# 0]*)(\d+)?(?:\.(\d*))?(?:\[(\d+)\])?/y;

/** A format specification's literal text and verbs, in order (`%%` is literal text). */
export function parseSpec(spec: string): (string | Verb)[] {
  const parts: (string | Verb)[] = [];
  let literal = '';
  let at = 0;
  while (at < spec.length) {
    const percent = spec.indexOf('%', at);
    if (percent < 0) break;
    literal += spec.slice(at, percent);
    SEQUENCE.lastIndex = percent;
    const [sequence, flags, width, precision, index] = SEQUENCE.exec(spec)!;
    const letter = spec[percent + sequence.length];
    if (letter === undefined) throw new EvalError(`invalid format string starting at offset ${percent}`);
    at = percent + sequence.length + 1;
    if (letter === '%') {
      literal += '%';
      continue;
    }
    if (!/[A-Za-z]/.test(letter)) throw new EvalError(`unrecognized format character '${letter}' at offset ${at - 1}`);
    if (!VERB_LETTERS.has(letter)) throw new EvalError(`unsupported format verb '${letter}' at offset ${percent}`);
    parts.push(literal, {
      flags, letter,
      width: width === undefined ? undefined : Number(width),
      precision: precision === undefined ? undefined : Number(precision || '0'),
      index: index === undefined ? undefined : Number(index),
    });
    literal = '';
  }
  parts.push(literal + spec.slice(at));
  return parts.filter((part) => part !== '');
}

function ownValue(value: Value): boolean {
  return (value.kind === 'unknown' || value.kind === 'string') && value.own === true;
}

/**
 * Whether an argument takes part in the result as it is: the caller's account ID (unknown, or a string
 * built from it) printed plainly by %s or %v, which `joinStrings` keeps as its reference.
 */
function ownPart(verb: Verb, value: Value): boolean {
  const plain = verb.flags === '' && verb.width === undefined && verb.precision === undefined;
  return ownValue(value) && plain && (verb.letter === 's' || verb.letter === 'v');
}

/** The formatted string; unknown where Terraform's would be (a null argument makes it unknown too). */
export function formatValues(spec: string, args: readonly Value[], text: string, origin: Value['origin']): Value {
  // Terraform looks at the arguments before the specification: any unknown one makes the result unknown.
  if (args.some((arg) => arg.kind === 'null' || (!whollyKnown(arg) && !ownValue(arg)))) return unknown(text, origin);
  const parts: Value[] = [];
  let next = 0;
  let used = 0;
  for (const part of parseSpec(spec)) {
    if (typeof part === 'string') {
      parts.push(str(part));
      continue;
    }
    const position = part.index === undefined ? next : part.index - 1;
    if (position < 0 || position >= args.length) throw new EvalError(`not enough arguments for the verb at argument ${position + 1}`);
    next = position + 1;
    used = Math.max(used, next);
    const value = args[position];
    if (ownPart(part, value)) parts.push(value);
    else if (!whollyKnown(value) || holdsOwn(value)) return unknown(text, origin);
    else parts.push(str(formatVerb(part, known(value))));
  }
  if (args.length > used) throw new EvalError(`too many arguments: the format string uses ${used}`);
  return joinStrings(parts, text, origin);
}

const format = define('format', 1, Infinity, ([spec, ...args], context) => formatValues(text(spec), args, context.text, context.origin));

/**
 * One formatted string per element of the list arguments (a non-list argument is used for every
 * element). An unknown list argument makes the whole result unknown; an unknown element, that string.
 */
const formatlist = define('formatlist', 1, Infinity, ([specValue, ...args], context) => {
  const spec = text(specValue);
  const lists = args.map((arg) => {
    const value = known(arg);
    return value.kind === 'list' ? items(value) : undefined;
  });
  const lengths = new Set(lists.filter((items) => items !== undefined).map((items) => items.length));
  if (lengths.size > 1) {
    if (lists.some((items) => items?.some((item) => item.kind === 'unknown'))) notKnown();
    throw new EvalError('the list arguments of formatlist have different lengths');
  }
  const rows = lengths.size === 0 ? 1 : [...lengths][0];
  const results = Array.from({ length: rows }, (_, row) => formatValues(spec, args.map((arg, index) => lists[index]?.[row] ?? arg), context.text, context.origin));
  return list(results, context.origin);
});

export const FORMAT_FUNCTIONS: [string, HclFunction][] = [['format', format], ['formatlist', formatlist]];
