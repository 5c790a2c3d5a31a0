/**
 * IAM-style wildcard matching without regular expressions: `*` matches any run of characters (colons too),
 * `?` exactly one UTF-16 code unit, everything else itself. Policy text is untrusted, and a regular
 * expression built from it can be too large to compile or backtrack exponentially; this loop is
 * O(pattern x text) at worst and allocates nothing. Case folding is the caller's choice.
 */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  // Where the last `*` stood, and how much of the text it has swallowed so far.
  let star = -1;
  let starText = 0;
  while (t < text.length) {
    const c = pattern.charCodeAt(p);
    if (p < pattern.length && c !== STAR && (c === QUESTION || c === text.charCodeAt(t))) {
      p++;
      t++;
    } else if (p < pattern.length && c === STAR) {
      // A run of stars is one star; only the last one needs to be remembered.
      star = p++;
      starText = t;
    } else if (star !== -1) {
      // Backtrack to the last star only: earlier stars can never need more text than this one gives up.
      p = star + 1;
      t = ++starText;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern.charCodeAt(p) === STAR) p++;
  return p === pattern.length;
}

const STAR = 42;
const QUESTION = 63;
