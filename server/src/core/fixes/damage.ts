import { Node, ParseError, parseTree } from 'jsonc-parser';
import { PolicyDocument, PolicyStatement, Span } from '../model';
import { nestsTooDeep } from '../json/nesting';
import { MASK, maskInterpolations } from '../terraform/embedded';
import { FixSource } from './types';
import { parsedTemplate } from './yamlTree';

/** A JSON region parsed once per fix source: every builder of every finding reads the same tree. */
export interface ParsedRegion {
  root: Node | undefined;
  /** Where jsonc-parser had to recover, as offsets into the whole text. */
  errors: Span[];
  /**
   * The whitespace every line of the region after its first starts with: the indentation of a YAML block
   * scalar or an indented heredoc, which a line the builders write must keep (else the block ends there).
   */
  linePrefix: string;
}

const regions = new WeakMap<FixSource, Map<string, ParsedRegion>>();

export function parsedRegion(source: FixSource, region: Span): ParsedRegion {
  let cache = regions.get(source);
  if (!cache) regions.set(source, cache = new Map());
  const key = `${region.offset}:${region.length}`;
  let parsed = cache.get(key);
  if (!parsed) cache.set(key, parsed = parseRegion(source, region));
  return parsed;
}

function parseRegion(source: FixSource, region: Span): ParsedRegion {
  const errors: ParseError[] = [];
  const text = source.text.slice(region.offset, region.offset + region.length);
  // Nesting no policy has: no statement there can be edited (and parsing it could overflow the stack).
  if (nestsTooDeep(text)) return { root: undefined, errors: [region], linePrefix: '' };
  try {
    const root = parseTree(text, errors, PARSE_OPTIONS);
    // A heredoc's `${...}` outside JSON strings is Terraform's, not a half-typed statement: judge the
    // syntax as extraction read it (interpolations masked, same length). The tree stays the raw text's, so
    // builders never write a mask back.
    const judged = source.parseTerraform && text.includes('${') ? maskedErrors(text) : errors;
    return { root, errors: judged.map((error) => ({ offset: region.offset + error.offset, length: error.length })), linePrefix: commonLinePrefix(text) };
  } catch (error) {
    // Nesting thousands deep overflows jsonc-parser's recursion: no statement there can be edited.
    if (error instanceof RangeError) return { root: undefined, errors: [region], linePrefix: '' };
    throw error;
  }
}

/** The leading whitespace all non-blank lines after the first share. */
function commonLinePrefix(text: string): string {
  let prefix: string | undefined;
  for (const match of text.matchAll(/\n([ \t]*)(?=[^ \t\r\n])/g)) {
    const indent = match[1];
    if (prefix === undefined || !indent.startsWith(prefix)) {
      let length = 0;
      while (prefix !== undefined && length < Math.min(prefix.length, indent.length) && prefix[length] === indent[length]) length++;
      prefix = prefix === undefined ? indent : prefix.slice(0, length);
    }
    if (prefix === '') return '';
  }
  return prefix ?? '';
}

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false };

function maskedErrors(text: string): ParseError[] {
  const errors: ParseError[] = [];
  // The mask's control character would be an error of its own inside a JSON string.
  parseTree(maskInterpolations(text).split(MASK).join(' '), errors, PARSE_OPTIONS);
  return errors;
}

/**
 * Whether the statement is half-typed: a syntax error inside it, or between it and the next statement (a
 * missing brace or comma belongs to the statement before it). A fix built on recovered syntax lands in the
 * wrong place (a condition key outside its Condition), so such a statement is not edited.
 */
export function isDamaged(source: FixSource, document: PolicyDocument, statement: PolicyStatement): boolean {
  const errors = [...(source.damaged ?? []), ...syntaxErrors(source, document)];
  if (errors.length === 0) return false;
  const start = statement.span.offset;
  const end = start + statement.span.length;
  const next = document.statements.map((other) => other.span.offset).filter((offset) => offset >= end).sort((a, b) => a - b)[0];
  const zoneEnd = Math.max(end, next ?? spanEnd(document.syntax.kind === 'json' ? document.syntax.span : document.span));
  // YAML reports a collection left open where the next line fails to continue it: just past the policy.
  const pastEnd = document.syntax.kind === 'yaml' ? 1 : 0;
  return errors.some((error) => error.offset < zoneEnd + pastEnd && spanEnd(error) >= start);
}

/** The parser's errors where the document is written: its JSON region, or the whole YAML template (parsed once per source). */
function syntaxErrors(source: FixSource, document: PolicyDocument): readonly Span[] {
  switch (document.syntax.kind) {
    case 'json': return parsedRegion(source, document.syntax.span).errors;
    case 'yaml': return parsedTemplate(source).errors;
    default: return [];
  }
}

function spanEnd(span: Span): number {
  return span.offset + span.length;
}
