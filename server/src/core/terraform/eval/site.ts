import { Span } from '../../model';
import { EvalContext, isHome } from './context';
import { Value } from './value';

/**
 * A value that arrives in the home block through the reference at `span` (written in the home block) is
 * re-sited there, unless it was written inside the home block itself or already entered it elsewhere.
 * Copies only what changes: values defined elsewhere are shared, never mutated.
 */
export function resite(value: Value, span: Span, context: EvalContext, via: string): Value {
  if (!context.home || !isHome(context, context.file, span)) return value;
  return resiteInto(value, span, context, 0, via);
}

function resiteInto(value: Value, span: Span, context: EvalContext, depth: number, via: string): Value {
  if (value.site || isHome(context, value.origin?.file, value.origin?.span) || depth > 64) return value;
  if (value.kind === 'list') return { ...value, site: span, via, items: value.items.map((item) => resiteInto(item, span, context, depth + 1, via)) };
  if (value.kind === 'object') {
    const entries = new Map<string, Value>();
    for (const [key, item] of value.entries) entries.set(key, resiteInto(item, span, context, depth + 1, via));
    return { ...value, site: span, via, entries };
  }
  return { ...value, site: span, via };
}
