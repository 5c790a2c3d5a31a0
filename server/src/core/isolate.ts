/**
 * Runs one piece of analysis (a statement, a rule on a statement, a policy block) so that a failure costs
 * that piece only: policy text is hostile input, and one value the core mishandles must not take the
 * file's other findings with it. The piece then contributes `fallback`, nothing rather than a guess.
 */
export function isolated<T>(work: () => T, fallback: T): T {
  try {
    return work();
  } catch {
    return fallback;
  }
}
