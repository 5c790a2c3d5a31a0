/** What RE2's syntax names that JavaScript's does not, written for a JavaScript RegExp with the `u` flag. */

/** POSIX classes ([[:alpha:]]): ASCII ranges. */
export const POSIX: Record<string, [number, number][]> = {
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]], alpha: [[0x41, 0x5a], [0x61, 0x7a]], ascii: [[0, 0x7f]],
  blank: [[9, 9], [0x20, 0x20]], cntrl: [[0, 0x1f], [0x7f, 0x7f]], digit: [[0x30, 0x39]], graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]], print: [[0x20, 0x7e]], punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  space: [[9, 0xd], [0x20, 0x20]], upper: [[0x41, 0x5a]], word: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]],
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
};

/** The general categories RE2's \p names; any other name is a script (\p{Greek}). */
export const CATEGORIES = new Set('C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(' '));

/** RE2's \s: ASCII white space without \v. */
export const SPACE = '\\t\\n\\f\\r ';
export const SIMPLE_ESCAPES: Record<string, number> = { a: 7, f: 0xc, t: 9, n: 0xa, r: 0xd, v: 0xb };

/** A code point written so that no JavaScript syntax can mistake it. */
export function literal(code: number): string {
  const char = String.fromCodePoint(code);
  return /[0-9A-Za-z]/.test(char) ? char : `\\u{${code.toString(16)}}`;
}
