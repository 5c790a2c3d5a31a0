import { Span } from '../model';
import { TemplatePart } from './eval/ast';

/** Template parts with every range moved by `delta` (expressions inside keep theirs: they only name unknowns). */
export function shiftParts(parts: readonly TemplatePart[], delta: number): TemplatePart[] {
  const shift = (span: Span): Span => ({ offset: Math.max(0, span.offset + delta), length: span.length });
  return parts.map((part): TemplatePart => {
    switch (part.kind) {
      case 'text': case 'interpolation': return { ...part, span: shift(part.span) };
      case 'if': return { ...part, span: shift(part.span), then: shiftParts(part.then, delta), else: shiftParts(part.else, delta) };
      case 'for': return { ...part, span: shift(part.span), body: shiftParts(part.body, delta) };
    }
  });
}
