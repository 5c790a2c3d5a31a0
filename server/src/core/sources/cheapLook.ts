/** Whether `text` contains any of `needles`: the cheap look sources take before deciding to parse. */
export function includesAny(text: string, needles: readonly string[]): boolean {
  for (const needle of needles) if (text.includes(needle)) return true;
  return false;
}
