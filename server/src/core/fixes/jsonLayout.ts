import { applyEdits, createScanner, format, FormattingOptions, SyntaxKind } from 'jsonc-parser';

/** How the JSON editor lays out what it writes: formatting a range like the document, or on one line. */

/** The text with `prefix` taken off the lines that start with it. */
export function withoutLinePrefix(text: string, prefix: string): string {
  return text.split('\n').map((line) => (line.startsWith(prefix) ? line.slice(prefix.length) : line)).join('\n');
}

/**
 * `format` of one range. It indents in whole steps from the line's indentation rounded down to one: where
 * the JSON stands off that grid, the inserted lines move by the remainder to line up.
 */
export function formatRange(text: string, offset: number, length: number, formatting: FormattingOptions): string {
  const edits = format(text, { offset, length }, { ...formatting, keepLines: false });
  const shift = formatting.insertSpaces ? ' '.repeat(indentWidth(text, offset, formatting.tabSize!) % formatting.tabSize!) : '';
  return applyEdits(text, shift ? edits.map((item) => ({ ...item, content: item.content.replace(/\n/g, `\n${shift}`) })) : edits);
}

/** The width of the indentation of the line holding `offset`, a tab counting `tabSize`, as `format` measures it. */
function indentWidth(text: string, offset: number, tabSize: number): number {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  return [...indent].reduce((width, char) => width + (char === '\t' ? tabSize : 1), 0);
}

/** From the start of the line holding `start` to the end of the line holding `end`: what `format` reads. */
export function lineWindow(text: string, start: number, end: number): { start: number; end: number } {
  let lineStart = start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const eol = /[\r\n]/g;
  eol.lastIndex = end;
  const lineEnd = eol.exec(text)?.index ?? text.length;
  return { start: lineStart, end: lineEnd };
}

/**
 * JSON text as `modify` inserts it (`"key": {"a":"b"}`), re-spaced for one line: with a space after `:`
 * and `,` and inside non-empty braces (`{ "a": "b" }`), or with none, as in a minified policy.
 */
export function inlineJson(json: string, spacedOut: boolean): string {
  const scanner = createScanner(json, false);
  const space = spacedOut ? ' ' : '';
  let result = '';
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    const text = scanner.getTokenValue();
    switch (token) {
      case SyntaxKind.Trivia:
      case SyntaxKind.LineBreakTrivia: break;
      case SyntaxKind.ColonToken: result += `:${space}`; break;
      case SyntaxKind.CommaToken: result = `${result.trimEnd()},${space}`; break;
      case SyntaxKind.OpenBraceToken: result += `{${space}`; break;
      case SyntaxKind.CloseBraceToken: result = result.endsWith('{ ') ? `${result.trimEnd()}}` : `${result.trimEnd()}${space}}`; break;
      case SyntaxKind.StringLiteral: result += JSON.stringify(text); break;
      default: result += json.slice(scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength());
    }
  }
  return json.endsWith(',') ? result.trimEnd() : result;
}
