/**
 * The answers "Suppress RULE for this statement..." takes, checked alike by the client (as the user types)
 * and the server (for callers that pass them). A reason is written into a one-line comment or a JSON
 * string, so it must be one line; a date must be a real day, and one already past would suppress nothing.
 */

/** Line breaks of every format a comment lands in, and other control characters, which no reviewer sees. */
function unprintable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why `reason` cannot be written, or undefined when it can (after trimming). */
export function suppressionReasonProblem(reason: string): string | undefined {
  const trimmed = reason.trim();
  if (trimmed === '') return 'Say why the finding is accepted; reviewers and every report see the reason.';
  if (unprintable(trimmed)) return 'The reason must be one line, without tabs or control characters.';
  return undefined;
}

/** Why `until` cannot be used, or undefined when it is empty (no end) or a calendar date from `now`'s day (UTC) on. */
export function suppressionUntilProblem(until: string, now: Date): string | undefined {
  const trimmed = until.trim();
  if (trimmed === '') return undefined;
  const match = DATE.exec(trimmed);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== trimmed) return 'Write the last day the suppression holds as YYYY-MM-DD, or leave it empty for none.';
  if (trimmed < now.toISOString().slice(0, 10)) return `${trimmed} is past; the suppression would not apply.`;
  return undefined;
}
