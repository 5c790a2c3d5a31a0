import { codePoints } from './support';

/*
 * Terraform changes case with Go's unicode package: one code point to one (simple case mapping),
 * without context. JavaScript's full mappings may give several code points (ß → SS) or look at the
 * neighbours (a final Σ), so the mapping here goes code point by code point and keeps a character whose
 * full mapping is not a single code point, as Go does.
 */

function single(mapped: string): string | undefined {
  return codePoints(mapped).length === 1 ? mapped : undefined;
}

function upperPoint(point: string): string {
  return single(point.toUpperCase()) ?? point;
}

/** İ's full lower case adds a combining dot; its simple lower case is i. */
function lowerPoint(point: string): string {
  return point === '\u0130' ? 'i' : single(point.toLowerCase()) ?? point;
}

/** The digraphs whose title case differs from their upper case (ǆ → ǅ, not Ǆ). */
const TITLE_DIGRAPHS: ReadonlyMap<string, string> = new Map([
  ['\u01c4', '\u01c5'], ['\u01c5', '\u01c5'], ['\u01c6', '\u01c5'],
  ['\u01c7', '\u01c8'], ['\u01c8', '\u01c8'], ['\u01c9', '\u01c8'],
  ['\u01ca', '\u01cb'], ['\u01cb', '\u01cb'], ['\u01cc', '\u01cb'],
  ['\u01f1', '\u01f2'], ['\u01f2', '\u01f2'], ['\u01f3', '\u01f2'],
]);

export function upper(value: string): string {
  return codePoints(value).map(upperPoint).join('');
}

export function lower(value: string): string {
  return codePoints(value).map(lowerPoint).join('');
}

/** Go's unicode.IsSpace. */
export const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;

/** Go's strings.Title: a word starts after anything but a letter, a digit or an underscore. */
function separates(point: string): boolean {
  if (point.codePointAt(0)! <= 0x7f) return !/[0-9A-Za-z_]/.test(point);
  if (/[\p{L}\p{Nd}]/u.test(point)) return false;
  return GO_SPACE.test(point);
}

export function title(value: string): string {
  let previous = ' ';
  return codePoints(value).map((point) => {
    const starts = separates(previous);
    previous = point;
    return starts ? TITLE_DIGRAPHS.get(point) ?? upperPoint(point) : point;
  }).join('');
}
