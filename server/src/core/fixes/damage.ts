import { Node, ParseError, parseTree } from 'jsonc-parser';
import { PolicyDocument, PolicyStatement, Span } from '../model';
import { FixSource } from './types';

/** A JSON region parsed once per fix source: every builder of every finding reads the same tree. */
export interface ParsedRegion {
  root: Node | undefined;
  /** Where jsonc-parser had to recover, as offsets into the whole text. */
  errors: Span[];
}

const regions = new WeakMap<FixSource, Map<string, ParsedRegion>>();

export function parsedRegion(source: FixSource, region: Span): ParsedRegion {
  let cache = regions.get(source);
  if (!cache) regions.set(source, cache = new Map());
  const key = `${region.offset}:${region.length}`;
  let parsed = cache.get(key);
  if (!parsed) cache.set(key, parsed = parseRegion(source.text, region));
  return parsed;
}

function parseRegion(text: string, region: Span): ParsedRegion {
  const errors: ParseError[] = [];
  try {
    const root = parseTree(text.slice(region.offset, region.offset + region.length), errors, { allowTrailingComma: true, disallowComments: false });
    return { root, errors: errors.map((error) => ({ offset: region.offset + error.offset, length: error.length })) };
  } catch (error) {
    // Nesting thousands deep overflows jsonc-parser's recursion: no statement there can be edited.
    if (error instanceof RangeError) return { root: undefined, errors: [region] };
    throw error;
  }
}

/**
 * Whether the statement is half-typed: a syntax error inside it, or between it and the next statement (a
 * missing brace or comma belongs to the statement before it). A fix built on recovered syntax lands in the
 * wrong place (a condition key outside its Condition), so such a statement is not edited.
 */
export function isDamaged(source: FixSource, document: PolicyDocument, statement: PolicyStatement): boolean {
  const errors = [...(source.damaged ?? []), ...(document.syntax.kind === 'json' ? parsedRegion(source, document.syntax.span).errors : [])];
  if (errors.length === 0) return false;
  const start = statement.span.offset;
  const end = start + statement.span.length;
  const next = document.statements.map((other) => other.span.offset).filter((offset) => offset >= end).sort((a, b) => a - b)[0];
  const zoneEnd = Math.max(end, next ?? spanEnd(document.syntax.kind === 'json' ? document.syntax.span : document.span));
  return errors.some((error) => error.offset < zoneEnd && spanEnd(error) >= start);
}

function spanEnd(span: Span): number {
  return span.offset + span.length;
}
