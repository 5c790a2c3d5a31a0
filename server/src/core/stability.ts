import { Finding, RelatedLocation, Span } from './model';

/**
 * Keeps findings steady while the user types: inside a range the parser could not make sense of, the last
 * good findings stand and nothing new is reported; everywhere else the fresh findings win.
 */
export function stabilize(current: readonly Finding[], damaged: readonly Span[], previous: readonly Finding[]): Finding[] {
  if (damaged.length === 0) return [...current];
  const inside = (span: Span): boolean => damaged.some((range) => span.offset >= range.offset && span.offset + span.length <= range.offset + range.length);
  return [...current.filter((finding) => !inside(finding.span)), ...previous.filter((finding) => inside(finding.span))]
    .sort((a, b) => a.span.offset - b.span.offset || a.rule.localeCompare(b.rule));
}

/**
 * Moves findings to where their text is after `[start, end)` was replaced by `insertedLength` characters;
 * findings the edit touched are dropped, since their text is no longer what was judged.
 */
export function shiftFindings(findings: readonly Finding[], start: number, end: number, insertedLength: number): Finding[] {
  const delta = insertedLength - (end - start);
  const shift = (span: Span): Span => span.offset >= end ? { offset: span.offset + delta, length: span.length } : span;
  return findings
    .filter((finding) => finding.span.offset + finding.span.length <= start || finding.span.offset >= end)
    .map((finding) => ({
      ...finding,
      span: shift(finding.span),
      data: { ...finding.data, statementSpan: shiftEnclosing(finding.data.statementSpan, start, end, delta) },
      related: finding.related.flatMap((related) => shiftRelated(related, start, end, shift)),
    }));
}

/**
 * Related locations in another file stay; those in this document (a CloudFormation parameter's Default)
 * move with the text, and go when the edit touched them.
 */
function shiftRelated(related: RelatedLocation, start: number, end: number, shift: (span: Span) => Span): RelatedLocation[] {
  if (related.file !== undefined) return [related];
  if (!related.span || (related.span.offset + related.span.length > start && related.span.offset < end)) return [];
  return [{ ...related, span: shift(related.span) }];
}

function shiftEnclosing(span: Span, start: number, end: number, delta: number): Span {
  if (span.offset >= end) return { offset: span.offset + delta, length: span.length };
  if (span.offset + span.length <= start) return span;
  return { offset: span.offset, length: Math.max(0, span.length + delta) };
}
