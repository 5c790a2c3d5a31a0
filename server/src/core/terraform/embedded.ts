import { parseJson, policyAt } from '../json/extract';
import { mapDocument } from '../shift';
import { DocumentSyntax, PolicyDocument, Span, Str } from '../model';
import { Placement, strsOf } from './eval/strs';
import { Value } from './eval/value';
import { closingBrace, splitTemplate, unescapeTemplate } from './resolve';
import { decodeQuoted, HclValue } from './values';

/** The evaluated `${...}` interpolations of a heredoc or quoted string, in source order, by the range they cover. */
export type Interpolations = readonly { span: Span; value: Value }[];

/**
 * The `policy` of an ECR policy resource written as JSON text in a heredoc or a quoted string, with its
 * interpolations evaluated. Spans point into the JSON text, so findings land on the characters to fix.
 */
export function embeddedPolicy(value: HclValue, interpolations: Interpolations, placement: Placement): PolicyDocument | undefined {
  if (value.kind === 'heredoc') {
    // In the heredoc's own coordinates: jsonPolicy maps every span of the document, this one included, into the file.
    const syntax: DocumentSyntax = { kind: 'json', span: { offset: 0, length: value.raw.length } };
    return jsonPolicy(value.raw, (offset) => value.contentOffset + offset, interpolations, placement, syntax);
  }
  if (value.kind === 'string' && value.quoted) {
    const { value: text, offsets } = decodeQuoted(value.raw, true);
    return jsonPolicy(text, (offset) => value.contentOffset + offsets[Math.min(offset, offsets.length - 1)], interpolations, placement, { kind: 'opaque' });
  }
  return undefined;
}

function jsonPolicy(text: string, toSource: (offset: number) => number, interpolations: Interpolations, placement: Placement, syntax: DocumentSyntax): PolicyDocument | undefined {
  const masked = maskInterpolations(text);
  const root = parseJson(masked);
  const document = root && policyAt(root, syntax);
  if (!document) return undefined;
  const map = (span: Span): Span => {
    const start = toSource(span.offset);
    return { offset: start, length: toSource(span.offset + span.length) - start };
  };
  const expansions = new WeakMap<Str, Str[]>();
  const str = (item: Str): Str => {
    const mapped = { ...item, span: map(item.span) };
    const inside = interpolations.filter((part) => part.span.offset >= mapped.span.offset && part.span.offset < mapped.span.offset + Math.max(mapped.span.length, 1));
    if (item.value.startsWith(MASK)) {
      // `"AWS": ${jsonencode(local.accounts)}`: the interpolation's value stands where JSON was expected.
      const values = inside[0] ? strsOf(inside[0].value, { ...placement, anchor: inside[0].span }) : [];
      const result = values[0] ?? { value: text.slice(item.span.offset, item.span.offset + item.span.length), span: mapped.span, origin: 'unresolved' as const };
      expansions.set(result, values.length > 0 ? values : [result]);
      return result;
    }
    return item.value.includes('${') ? interpolated(item.value, mapped.span, inside, placement) : mapped;
  };
  const mappedDocument = mapDocument(document, map, str);
  const expand = (items: Str[]): Str[] => items.flatMap((item) => expansions.get(item) ?? [item]);
  for (const statement of mappedDocument.statements) {
    statement.principals = statement.principals.flatMap((principal) => expand([principal.value]).map((value) => ({ kind: principal.kind, value })));
    statement.actions = expand(statement.actions);
    for (const clause of statement.conditions) clause.values = expand(clause.values);
  }
  return { ...mappedDocument, ecrRelevant: true };
}

/**
 * A JSON string with `${...}` inside: the evaluated parts substituted in order. An unknown part leaves the
 * string unresolved; the caller's account ID marks it as the team's own.
 */
function interpolated(value: string, span: Span, parts: Interpolations, placement: Placement): Str {
  let text = '';
  let own = false;
  let index = 0;
  for (const piece of splitTemplate(value)) {
    if (typeof piece === 'string') {
      text += unescapeTemplate(piece);
      continue;
    }
    const part = parts[index++];
    const item = part && !piece.directive ? strsOf(part.value, { ...placement, anchor: span }) : [];
    if (item.length !== 1 || item[0].origin === 'unresolved') return { value, span, origin: 'unresolved' };
    if (item[0].origin === 'own-account') own = true;
    text += item[0].value;
  }
  return own ? { value: text, span, origin: 'own-account' } : { value: text, span };
}

/** What stands for an interpolation's characters in the masked text (inside a placeholder string). */
export const MASK = '\u0001';

/**
 * A template interpolation outside JSON strings (`"AWS": ${jsonencode(var.accounts)}`) is not JSON. Each
 * becomes a placeholder string of the same length, so the text parses, ranges still line up, and the
 * value is reported as unresolved rather than dropped.
 */
export function maskInterpolations(text: string): string {
  let result = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') {
        result += text.slice(i, i + 2);
        i++;
        continue;
      }
      if (char === '"') inString = false;
      result += char;
    } else if (char === '"') {
      inString = true;
      result += char;
    } else if (text.startsWith('${', i) && !text.startsWith('$${', i - 1)) {
      const end = closingBrace(text, i + 2);
      const length = Math.min(end + 1, text.length) - i;
      result += length >= 3 ? `"${MASK}${' '.repeat(length - 3)}"` : text.slice(i, i + length);
      i += length - 1;
    } else {
      result += char;
    }
  }
  return result;
}
