import { EvalError, list, NULL, object, Origin, str, Value } from '../value';
import { HclFunction } from './types';
import { codePoints, define, notKnown, text } from './support';
import { translate, Translated } from './regex';

function compile(pattern: string): Translated {
  return translate(pattern) ?? notKnown();
}

function width(input: string, at: number): number {
  return at < input.length ? ((input.codePointAt(at) ?? 0) > 0xffff ? 2 : 1) : 0;
}

/**
 * Every match as Go's FindAll finds them: after a match, an empty match right where it ended does not
 * count (so `a*` in "baaac" matches "", "aaa" and "" at the end, not "" before "c").
 */
function allMatches(regexp: RegExp, input: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  let position = 0;
  let previousEnd = -1;
  while (position <= input.length) {
    regexp.lastIndex = position;
    const match = regexp.exec(input);
    if (!match) break;
    const end = match.index + match[0].length;
    const accepted = end !== position || match.index !== previousEnd;
    position = end === position ? position + (width(input, position) || 1) : end;
    previousEnd = end;
    if (accepted) found.push(match);
  }
  return found;
}

/** What regex gives for a match: the text, a list of the groups, or an object of the named groups. */
function captures(match: RegExpExecArray, names: readonly (string | undefined)[], origin: Origin): Value {
  if (names.length === 0) return str(match[0], origin);
  const groups = names.map((_, index) => (match[index + 1] === undefined ? NULL : str(match[index + 1], origin)));
  if (names[0] === undefined) return list(groups, origin);
  return object(new Map(names.map((name, index) => [name!, groups[index]])), origin);
}

function pattern(value: Value): Translated {
  const translated = compile(text(value));
  const named = translated.names.filter((name) => name !== undefined).length;
  if (named > 0 && named < translated.names.length) throw new EvalError('a pattern cannot mix named and unnamed capture groups');
  return translated;
}

const regex = define('regex', 2, 2, ([patternValue, input], context) => {
  const { regexp, names } = pattern(patternValue);
  const [first] = allMatches(regexp, text(input));
  if (!first) throw new EvalError('the pattern did not match any part of the string');
  return captures(first, names, context.origin);
});

const regexall = define('regexall', 2, 2, ([patternValue, input], context) => {
  const { regexp, names } = pattern(patternValue);
  return list(allMatches(regexp, text(input)).map((match) => captures(match, names, context.origin)), context.origin);
});

/** Go's Regexp.Expand: `$1`, `${1}`, `$name`, `${name}` (the longest name), `$$`; a missing group is empty. */
function expand(template: string, match: RegExpExecArray, names: readonly (string | undefined)[]): string {
  return template.replace(/\$(?:(\$)|\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/gu, (_all, dollar?: string, braced?: string, bare?: string) => {
    if (dollar) return '$';
    const name = (braced ?? bare)!;
    const number = /^(0|[1-9]\d{0,7})$/.test(name) ? Number(name) : -1;
    const group = number >= 0 ? number : names.indexOf(name) + 1;
    return (group > 0 || number === 0 ? match[group] : undefined) ?? '';
  });
}

/** Go's ReplaceAllString, including its rule for empty matches next to a previous match. */
function replaceMatches(input: string, translated: Translated, template: string): string {
  const { regexp, names } = translated;
  let result = '';
  let lastEnd = 0;
  let position = 0;
  while (position <= input.length) {
    regexp.lastIndex = position;
    const match = regexp.exec(input);
    if (!match) break;
    const end = match.index + match[0].length;
    result += input.slice(lastEnd, match.index);
    if (end > lastEnd || match.index === 0) result += expand(template, match, names);
    lastEnd = end;
    const step = width(input, position);
    position = position + step > end ? position + step : position + 1 > end ? position + 1 : end;
  }
  return result + input.slice(lastEnd);
}

/** A substring, or a regular expression written between slashes, replaced everywhere. */
const replace = define('replace', 3, 3, ([inputValue, searchValue, replacementValue], context) => {
  const input = text(inputValue);
  const search = text(searchValue);
  const replacement = text(replacementValue);
  if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) {
    return str(replaceMatches(input, compile(search.slice(1, -1)), replacement), context.origin);
  }
  if (search === '') return str(replacement + codePoints(input).map((point) => point + replacement).join(''), context.origin);
  return str(input.split(search).join(replacement), context.origin);
});

export const MATCHING_FUNCTIONS: [string, HclFunction][] = [['regex', regex], ['regexall', regexall], ['replace', replace]];
