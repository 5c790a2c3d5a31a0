import { globMatch } from './glob';

/**
 * Path globs of the trust list's `suppressions`: `/`-separated segments, where a segment `**` matches any
 * number of folders (none too) and `*` and `?` match within one name only. Patterns come from a file anyone
 * may edit, so there is no regular expression: segments are matched by dynamic programming over (pattern
 * segment, path segment), O(pattern segments x path segments) calls of the linear-backtracking globMatch,
 * however many `**` the pattern holds. Empty and `.` segments are ignored (`./a//b.json` is `a/b.json`).
 */
export function pathGlobMatch(pattern: string, path: string, foldCase = false): boolean {
  const patternSegments = collapseGlobstars(segmentsOf(foldCase ? pattern.toLowerCase() : pattern));
  const pathSegments = segmentsOf(foldCase ? path.toLowerCase() : path);
  const n = pathSegments.length;
  // next[j]: whether the pattern's segments after the current one match the path from segment j on.
  let next: boolean[] = Array.from({ length: n + 1 }, (_, j) => j === n);
  for (let i = patternSegments.length - 1; i >= 0; i--) {
    const segment = patternSegments[i];
    const current: boolean[] = new Array<boolean>(n + 1).fill(false);
    for (let j = n; j >= 0; j--) {
      if (segment === GLOBSTAR) current[j] = next[j] || (j < n && current[j + 1]);
      else current[j] = j < n && next[j + 1] && globMatch(segment, pathSegments[j]);
    }
    next = current;
  }
  return next[0];
}

/** The segments of a `/`-separated path, without empty and `.` ones. */
export function segmentsOf(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '' && segment !== '.');
}

const GLOBSTAR = '**';

/** `**` twice in a row matches what one does; folding them keeps a hostile pattern as cheap as a plain one. */
function collapseGlobstars(segments: readonly string[]): string[] {
  return segments.filter((segment, index) => segment !== GLOBSTAR || segments[index - 1] !== GLOBSTAR);
}
