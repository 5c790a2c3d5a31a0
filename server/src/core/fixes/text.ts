import { Span } from '../model';
import { TextEditSpan } from './types';

/** How the surrounding code indents, so inserted text looks like the user wrote it. */
export interface Indentation {
  unit: string;
  eol: string;
}

/** The indentation step: the most common increase from one line's indent to the next (tabs win outright). */
export function detectIndentation(text: string): Indentation {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const steps = new Map<number, number>();
  let previous = 0;
  for (const match of text.matchAll(/^([ \t]*)\S/gm)) {
    const indent = match[1];
    if (indent.startsWith('\t')) return { unit: '\t', eol };
    if (indent.length > previous) steps.set(indent.length - previous, (steps.get(indent.length - previous) ?? 0) + 1);
    previous = indent.length;
  }
  const [unit] = [...steps].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [2];
  return { unit: ' '.repeat(unit), eol };
}

/** The whitespace that starts the line holding `offset`. */
export function lineIndentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** One minimal edit that turns `before` into `after`: only the changed middle is replaced. */
export function minimalEdit(before: string, after: string): TextEditSpan | undefined {
  if (before === after) return undefined;
  let start = 0;
  const limit = Math.min(before.length, after.length);
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < limit - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { span: { offset: start, length: before.length - end - start }, newText: after.slice(start, after.length - end) };
}

export function applyEdits(text: string, edits: readonly TextEditSpan[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.span.offset - a.span.offset)) {
    result = result.slice(0, edit.span.offset) + edit.newText + result.slice(edit.span.offset + edit.span.length);
  }
  return result;
}

/**
 * Removes `[start, end)` and, when nothing else stands on the lines it covers, those whole lines, so a
 * removed element does not leave a blank line behind.
 */
export function removeRange(text: string, start: number, end: number): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  const lineEnd = newline === -1 ? text.length : newline + 1;
  const before = text.slice(lineStart, start);
  const after = text.slice(end, newline === -1 ? text.length : newline);
  if (/^[ \t]*$/.test(before) && /^[ \t]*\r?$/.test(after)) return text.slice(0, lineStart) + text.slice(lineEnd);
  return text.slice(0, start) + text.slice(end).replace(/^[ \t]+(?=\S)/, before.endsWith(' ') ? '' : ' ');
}

export function replaceSpan(text: string, span: Span, newText: string): string {
  return text.slice(0, span.offset) + newText + text.slice(span.offset + span.length);
}
