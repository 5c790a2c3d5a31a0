import { Span, Str } from '../model';
import { decodeQuoted, HclValue } from './values';

/**
 * What a module knows statically: locals and variable defaults that are plain strings or lists of plain
 * strings. Anything else is undefined here and stays unresolved: never guess.
 */
export interface ModuleScope {
  locals: ReadonlyMap<string, readonly string[] | undefined>;
  variables: ReadonlyMap<string, readonly string[] | undefined>;
}

export const EMPTY_SCOPE: ModuleScope = { locals: new Map(), variables: new Map() };

const CALLER_ACCOUNT = /^data\.aws_caller_identity\.[A-Za-z_][\w-]*\.account_id$/;
const LOCAL_OR_VAR = /^(local|var)\.([A-Za-z_][\w-]*)$/;

/** The strings an expression stands for, each pointing at the source that produced it. */
export function resolveStrings(value: HclValue, scope: ModuleScope): Str[] {
  switch (value.kind) {
    case 'string':
      return [resolveTemplate(value.raw, value.span, scope, value.quoted ? (text) => decodeQuoted(text).value : (text) => text)];
    case 'heredoc':
      return [resolveTemplate(value.raw, value.span, scope, unescapeTemplate)];
    case 'list':
      return value.items.flatMap((item) => resolveStrings(item, scope));
    case 'reference':
      return resolveReference(value.text, value.span, scope);
    case 'call':
    case 'object':
      return [{ value: sourceTextOf(value), span: value.span, origin: 'unresolved' }];
    case 'other':
      return [{ value: value.text, span: value.span, origin: 'unresolved' }];
  }
}

function sourceTextOf(value: HclValue): string {
  return value.kind === 'call' ? `${value.name}(...)` : 'an object';
}

function resolveReference(text: string, span: Span, scope: ModuleScope): Str[] {
  if (CALLER_ACCOUNT.test(text)) return [{ value: text, span, origin: 'own-account' }];
  const match = LOCAL_OR_VAR.exec(text);
  const values = match ? (match[1] === 'local' ? scope.locals : scope.variables).get(match[2]) : undefined;
  return values ? values.map((item) => ({ value: item, span })) : [{ value: text, span, origin: 'unresolved' }];
}

/**
 * Resolves `${...}` interpolations in a template's raw text: the caller identity's account ID marks the
 * value as the team's own, a local or variable holding one plain string is substituted, and anything
 * else leaves the whole value unresolved.
 */
export function resolveTemplate(raw: string, span: Span, scope: ModuleScope, decode: (literal: string) => string): Str {
  const pieces = splitTemplate(raw);
  if (pieces.every((piece) => typeof piece === 'string')) return { value: decode(raw), span };
  let own = false;
  let value = '';
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      value += decode(piece);
      continue;
    }
    const expression = piece.expression.trim();
    if (CALLER_ACCOUNT.test(expression)) {
      own = true;
      value += `\${${expression}}`;
      continue;
    }
    const resolved = piece.directive ? undefined : resolveReference(expression, span, scope);
    if (!resolved || resolved.length !== 1 || resolved[0].origin) return { value: raw, span, origin: 'unresolved' };
    value += resolved[0].value;
  }
  return own ? { value, span, origin: 'own-account' } : { value, span };
}

/** Literal text and `${...}` / `%{...}` parts of a template; `$${` and `%%{` are escapes, not parts. */
export function splitTemplate(raw: string): (string | { expression: string; directive: boolean })[] {
  const pieces: (string | { expression: string; directive: boolean })[] = [];
  let literal = '';
  let i = 0;
  while (i < raw.length) {
    if ((raw.startsWith('$${', i) || raw.startsWith('%%{', i))) {
      literal += raw.slice(i, i + 3);
      i += 3;
      continue;
    }
    if ((raw.startsWith('${', i) || raw.startsWith('%{', i))) {
      const end = closingBrace(raw, i + 2);
      if (literal) pieces.push(literal);
      literal = '';
      pieces.push({ expression: raw.slice(i + 2, end), directive: raw[i] === '%' });
      i = end + 1;
      continue;
    }
    literal += raw[i];
    i += 1;
  }
  if (literal) pieces.push(literal);
  return pieces;
}

export function closingBrace(raw: string, from: number): number {
  let depth = 0;
  for (let i = from; i < raw.length; i++) {
    if (raw[i] === '{') depth++;
    else if (raw[i] === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return raw.length;
}

export function unescapeTemplate(text: string): string {
  return text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

/** A local or variable default as the scope keeps it: plain strings only, else undefined. */
export function literalStrings(value: HclValue): string[] | undefined {
  if (value.kind === 'string') {
    const pieces = splitTemplate(value.raw);
    return pieces.every((piece) => typeof piece === 'string') ? [value.quoted ? decodeQuoted(value.raw).value : value.raw] : undefined;
  }
  if (value.kind === 'list') {
    const items = value.items.map(literalStrings);
    return items.every((item) => item?.length === 1) ? items.map((item) => item![0]) : undefined;
  }
  return undefined;
}
