import { Span } from '../model';
import { decodeQuoted } from '../terraform/values';
import { CfnScalar, spanEnd } from './nodes';

/**
 * Text assembled from the template (a string's value, or the parts of a `Fn::Join`), and for each of its
 * characters the range of template text it came from, so that spans found in it map back.
 */
export interface MappedText {
  text: string;
  starts: number[];
  ends: number[];
  /** Whether the text is its source verbatim (a `|` block's lines, an unescaped one-line string). */
  verbatim: boolean;
}

export function emptyText(): MappedText {
  return { text: '', starts: [], ends: [], verbatim: true };
}

/** Appends `text`, every character of which came from `source`. */
export function appendFrom(target: MappedText, text: string, source: Span): void {
  target.text += text;
  for (let i = 0; i < text.length; i++) {
    target.starts.push(source.offset);
    target.ends.push(spanEnd(source));
  }
  target.verbatim = false;
}

export function append(target: MappedText, part: MappedText): void {
  target.text += part.text;
  for (let i = 0; i < part.starts.length; i++) {
    target.starts.push(part.starts[i]);
    target.ends.push(part.ends[i]);
  }
  target.verbatim &&= part.verbatim;
}

/** The template range a range of the assembled text came from. */
export function sourceSpan(mapped: MappedText, span: Span): Span {
  const { starts, ends } = mapped;
  if (starts.length === 0) return { offset: 0, length: 0 };
  const first = Math.min(span.offset, starts.length - 1);
  if (span.length === 0) return { offset: span.offset >= starts.length ? ends[starts.length - 1] : starts[first], length: 0 };
  const last = Math.min(span.offset + span.length - 1, ends.length - 1);
  return { offset: starts[first], length: Math.max(0, ends[last] - starts[first]) };
}

/**
 * A scalar's value with where each character stands in `source`. JSON reads the same whatever whitespace
 * lies between its tokens, so a block scalar's source lines are read as they stand (their indentation is
 * only whitespace to JSON). Escapes are mapped back where the value allows; where it does not (YAML
 * folding, escapes JSON does not have) every character maps to the whole scalar.
 */
export function scalarText(node: CfnScalar, source: string): MappedText {
  const { span } = node;
  if (node.style === 'literal' || node.style === 'folded') {
    const newline = source.indexOf('\n', span.offset);
    const start = newline < 0 || newline >= spanEnd(span) ? spanEnd(span) : newline + 1;
    return { ...verbatim(source, start, spanEnd(span)), verbatim: node.style === 'literal' };
  }
  const quoted = node.style === 'single' || node.style === 'double';
  const start = quoted ? span.offset + 1 : span.offset;
  const end = quoted ? Math.max(start, spanEnd(span) - 1) : spanEnd(span);
  const raw = source.slice(start, end);
  if (raw === node.value) return verbatim(source, start, end);
  const decoded = node.style === 'double' ? decodeQuoted(raw) : node.style === 'single' ? decodeSingle(raw) : undefined;
  if (decoded && decoded.value === node.value) return fromOffsets(decoded.value, decoded.offsets, start);
  const whole = emptyText();
  appendFrom(whole, node.value, span);
  return whole;
}

function verbatim(source: string, start: number, end: number): MappedText {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = start; i < end; i++) {
    starts.push(i);
    ends.push(i + 1);
  }
  return { text: source.slice(start, end), starts, ends, verbatim: true };
}

/** From decodeQuoted's offsets: each decoded character's source runs to where the next one's starts. */
function fromOffsets(value: string, offsets: readonly number[], base: number): MappedText {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < value.length; i++) {
    let next = i + 1;
    while (next < value.length && offsets[next] === offsets[i]) next++;
    starts.push(base + offsets[i]);
    ends.push(base + offsets[Math.min(next, offsets.length - 1)]);
  }
  return { text: value, starts, ends, verbatim: false };
}

/** A one-line single-quoted YAML string: `''` stands for `'`. */
function decodeSingle(raw: string): { value: string; offsets: number[] } | undefined {
  if (raw.includes('\n')) return undefined;
  let value = '';
  const offsets: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    offsets.push(i);
    value += raw[i];
    if (raw[i] === "'" && raw[i + 1] === "'") i++;
  }
  offsets.push(raw.length);
  return { value, offsets };
}
