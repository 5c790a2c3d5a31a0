import { Span } from '../model';
import { TextEditSpan } from './types';

/** How the surrounding code indents, so inserted text looks like the user wrote it. */
export interface Indentation {
  unit: string;
  eol: string;
}

/** The last text measured: every fix of one fix-all round measures the same document. */
let lastDetected: { text: string; indentation: Indentation } | undefined;

/** The indentation step: the most common increase from one line's indent to the next (tabs win outright). */
export function detectIndentation(text: string): Indentation {
  if (lastDetected?.text !== text) lastDetected = { text, indentation: measureIndentation(text) };
  return lastDetected.indentation;
}

function measureIndentation(text: string): Indentation {
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

/**
 * One minimal edit that turns `before` into `after`: only the changed middle is replaced. The common ends
 * are skipped a chunk at a time (string comparison is native), so a fix in a large file costs no loop
 * over every character.
 */
export function minimalEdit(before: string, after: string): TextEditSpan | undefined {
  if (before === after) return undefined;
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start + CHUNK <= limit && before.slice(start, start + CHUNK) === after.slice(start, start + CHUNK)) start += CHUNK;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end + CHUNK <= limit - start && before.slice(before.length - end - CHUNK, before.length - end) === after.slice(after.length - end - CHUNK, after.length - end)) end += CHUNK;
  while (end < limit - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { span: { offset: start, length: before.length - end - start }, newText: after.slice(start, after.length - end) };
}

const CHUNK = 1024;

/** The text with non-overlapping edits applied, in one pass (fix-all applies hundreds at once). */
export function applyEdits(text: string, edits: readonly TextEditSpan[]): string {
  const pieces: string[] = [];
  let position = 0;
  for (const edit of [...edits].sort((a, b) => a.span.offset - b.span.offset)) {
    pieces.push(text.slice(position, edit.span.offset), edit.newText);
    position = edit.span.offset + edit.span.length;
  }
  pieces.push(text.slice(position));
  return pieces.join('');
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
