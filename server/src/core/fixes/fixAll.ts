import { Finding } from '../model';
import { fixesFor } from './fixesFor';
import { applyEdits } from './text';
import { FixSource } from './types';

/**
 * Applies every preferred fix that needs no answer, one at a time, re-analysing after each so later
 * fixes see the text earlier ones produced. A fix that does not clear its finding is not tried twice.
 */
export function fixAll(text: string, analyze: (text: string) => { source: FixSource; findings: readonly Finding[] }, maxSteps = 200): string {
  let current = text;
  const attempted = new Set<string>();
  for (let step = 0; step < maxSteps; step++) {
    const { source, findings } = analyze(current);
    let applied = false;
    for (const finding of findings) {
      const key = `${finding.rule}|${finding.span.offset}|${finding.message}|${current.length}`;
      if (attempted.has(key)) continue;
      attempted.add(key);
      const fix = fixesFor(finding, source).find((candidate) => candidate.isPreferred && !candidate.needs && candidate.edits);
      if (!fix?.edits) continue;
      current = applyEdits(current, fix.edits);
      applied = true;
      break;
    }
    if (!applied) break;
  }
  return current;
}
