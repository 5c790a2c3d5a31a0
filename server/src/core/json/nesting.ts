/**
 * jsonc-parser (and the scan's own reader) recurse once per nesting level. Text nested thousands deep
 * overflows the stack, and whether it does depends on how deep the stack already is where the parse runs:
 * the same text would be a policy in one place and nothing in another. No policy or trust list nests
 * anywhere near this deep, so deeper text is refused before parsing, the same way everywhere.
 */
export const MAX_JSON_NESTING = 1000;

const QUOTE = 34;
const BACKSLASH = 92;
const SLASH = 47;
const STAR = 42;
const NEWLINE = 10;
const RETURN = 13;

/** Whether brackets and braces outside strings and comments nest deeper than `limit`; one linear pass. */
export function nestsTooDeep(text: string, limit = MAX_JSON_NESTING): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 123 || code === 91) {
      if (++depth > limit) return true;
    } else if (code === 125 || code === 93) {
      if (depth > 0) depth--;
    } else if (code === QUOTE) {
      i = stringEnd(text, i);
    } else if (code === SLASH && text.charCodeAt(i + 1) === SLASH) {
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== NEWLINE && text.charCodeAt(i + 1) !== RETURN) i++;
    } else if (code === SLASH && text.charCodeAt(i + 1) === STAR) {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? text.length : close + 1;
    }
  }
  return false;
}

/** The index of the quote closing the string opened at `open` (or of its line end: jsonc-parser stops there too). */
function stringEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i++;
    else if (code === QUOTE || code === NEWLINE || code === RETURN) return i;
  }
  return text.length;
}
