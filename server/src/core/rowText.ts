/**
 * Messages fit one row of VS Code's Problems panel: the grantee and the verdict first, values capped, and
 * the long form in related information.
 */
export const ROW = 120;

/** A value capped for a one-row message: its start and end around an ellipsis. */
export function cap(value: string, max = 40): string {
  if (value.length <= max) return value;
  const head = Math.ceil((max - 1) * 0.6);
  return `${value.slice(0, head)}…${value.slice(value.length - (max - 1 - head))}`;
}

/** The first wording that fits one row, else the last (the shortest the caller has). */
export function fitRow(...wordings: string[]): string {
  return wordings.find((wording) => wording.length <= ROW) ?? wordings[wordings.length - 1];
}
