import { bool, EvalError, joinStrings, list, str } from '../value';
import { FunctionContext, HclFunction } from './types';
import { characters, codePoints, compareStrings, define, items, known, knownItems, text, whole } from './support';
import { GO_SPACE, lower, title, upper } from './unicode';

/** A function of one string giving a string (computed: it stands where the call stands). */
function mapping(name: string, map: (value: string) => string): HclFunction {
  return define(name, 1, 1, ([value], context) => str(map(text(value)), context.origin));
}

/** What `trimspace` removes: Go's white space at either end. */
const EDGE_SPACES = new RegExp(`^${GO_SPACE.source}+|${GO_SPACE.source}+$`, 'gu');

function trim(value: string, cutset: string): string {
  const cut = new Set(codePoints(cutset));
  const points = codePoints(value);
  let start = 0;
  let end = points.length;
  while (start < end && cut.has(points[start])) start++;
  while (end > start && cut.has(points[end - 1])) end--;
  return points.slice(start, end).join('');
}

function affix(name: string, cut: (value: string, part: string) => string): HclFunction {
  return define(name, 2, 2, ([value, part], context) => str(cut(text(value), text(part)), context.origin));
}

function test(name: string, check: (value: string, part: string) => boolean): HclFunction {
  return define(name, 2, 2, ([value, part], context) => bool(check(text(value), text(part)), context.origin));
}

/** Go's strings.Split: an empty separator splits between characters (code points). */
const split = define('split', 2, 2, ([separator, value], context) => {
  const by = text(separator);
  const source = text(value);
  const parts = by === '' ? codePoints(source) : source.split(by);
  return list(parts.map((part) => str(part, context.origin)), context.origin);
});

/** Characters counted as Terraform counts them: a negative offset counts from the end, a negative length to it. */
const substr = define('substr', 3, 3, ([value, offsetValue, lengthValue], context) => {
  const all = characters(text(value));
  let offset = whole(offsetValue);
  const length = whole(lengthValue);
  if (offset < 0) offset = Math.max(all.length + offset, 0);
  return str(all.slice(offset, length < 0 ? undefined : offset + length).join(''), context.origin);
});

/** The lists' elements joined by the separator; the caller's account ID among them stays `own`. */
const join = define('join', 2, Infinity, ([separator, ...lists], context: FunctionContext) => {
  const by = str(text(separator));
  const parts = lists.flatMap((value) => items(known(value))).flatMap((item, index) => {
    if (item.kind === 'null') throw new EvalError(`element ${index} is null and cannot be joined`);
    return index === 0 ? [item] : [by, item];
  });
  return joinStrings(parts, context.text, context.origin);
});

/** Strings in lexical order; numbers and bools become strings first, as Terraform converts them. */
const sort = define('sort', 1, 1, ([value], context) => {
  const all = knownItems(value).map((item) => {
    if (item.kind === 'null') throw new EvalError('a null string cannot be sorted');
    return { item, text: text(item) };
  });
  all.sort((a, b) => compareStrings(a.text, b.text));
  return list(all.map(({ item, text }) => (item.kind === 'string' ? item : str(text, item.origin))), context.origin);
});

export const STRING_FUNCTIONS: [string, HclFunction][] = [
  ['lower', mapping('lower', lower)], ['upper', mapping('upper', upper)], ['title', mapping('title', title)],
  ['trimspace', mapping('trimspace', (value) => value.replace(EDGE_SPACES, ''))],
  ['trim', affix('trim', trim)],
  ['trimprefix', affix('trimprefix', (value, prefix) => (value.startsWith(prefix) ? value.slice(prefix.length) : value))],
  ['trimsuffix', affix('trimsuffix', (value, suffix) => (suffix && value.endsWith(suffix) ? value.slice(0, -suffix.length) : value))],
  ['startswith', test('startswith', (value, prefix) => value.startsWith(prefix))],
  ['endswith', test('endswith', (value, suffix) => value.endsWith(suffix))],
  ['split', split], ['substr', substr], ['join', join], ['sort', sort],
];
