/**
 * Line arithmetic shared by the trust list, the CLI and reports. One line model everywhere, the editor's
 * (LSP and vscode-languageserver-textdocument): `\r\n`, `\n` and a lone `\r` each end a line, so a finding
 * is at the same line and column in the editor, the CLI's text and JSON, SARIF and the inventory. Columns
 * count UTF-16 code units, as LSP positions and JavaScript string offsets do.
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    // The common case, several times faster than the loop below on large files.
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === CR && text.charCodeAt(i + 1) === LF) i++;
    if (c === CR || c === LF) starts.push(i + 1);
  }
  return starts;
}

/** 1-based line of an offset, given the line starts of its text. */
export function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

/**
 * 1-based line and column of an offset, exactly where the editor puts it (TextDocument.positionAt plus
 * one): the offset is clamped to the text, and one between the `\r` and `\n` of a line break stands
 * before the `\r`.
 */
export function positionOf(text: string, starts: readonly number[], offset: number): { line: number; column: number } {
  const clamped = Math.max(0, Math.min(offset, text.length));
  const line = lineOf(starts, clamped);
  const start = starts[line - 1];
  let at = clamped;
  while (at > start && (text.charCodeAt(at - 1) === CR || text.charCodeAt(at - 1) === LF)) at--;
  return { line, column: at - start + 1 };
}

const CR = 13;
const LF = 10;
