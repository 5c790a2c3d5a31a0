import { Span, Str } from '../../model';
import { within } from './context';
import { formatNumber, Origin, Value } from './value';

/** The block a policy is built from, and where values that cannot be placed inside it are shown. */
export interface Placement {
  file: string;
  home: Span;
  /** Where a value written outside the block, with no reference inside it, is shown (the attribute). */
  anchor: Span;
}

/**
 * The strings a value stands for, in the statement model: lists flatten, unknown values become
 * unresolved strings (reported as such, never dropped), the caller's account ID marks the team's own.
 * Each sits where it was written if that is inside the block, else where it entered the block, with
 * `definedAt` pointing at where it was written.
 */
export function strsOf(value: Value, placement: Placement, depth = 0): Str[] {
  switch (value.kind) {
    case 'list':
      return depth > 32 ? [] : value.items.flatMap((item) => strsOf(item, placement, depth + 1));
    case 'null':
      return [];
    case 'object':
      return [placed({ value: value.via ?? 'an object', origin: 'unresolved' }, value, placement)];
    case 'unknown':
      return [placed(value.own ? { value: value.text, origin: 'own-account' } : { value: unknownText(value.text, value.via), origin: 'unresolved' }, value, placement)];
    case 'string':
      return [placed(value.own ? { value: value.value, origin: 'own-account' } : { value: value.value }, value, placement)];
    case 'number':
      return [placed({ value: formatNumber(value.value) }, value, placement)];
    case 'bool':
      return [placed({ value: value.value ? 'true' : 'false' }, value, placement)];
  }
}

/** The first string a value stands for (sid, effect, a condition's operator). */
export function firstStr(value: Value | undefined, placement: Placement): Str | undefined {
  return value ? strsOf(value, placement)[0] : undefined;
}

export function spanIn(value: Value, placement: Placement): Span {
  if (value.site) return value.site;
  if (value.origin && inHome(value.origin, placement)) return value.origin.span;
  return placement.anchor;
}

function placed(base: Omit<Str, 'span'>, value: Value, placement: Placement): Str {
  const span = spanIn(value, placement);
  const origin = value.origin;
  if (!origin || inHome(origin, placement) || origin.span.length === 0) return { ...base, span };
  const definedAt = { span: origin.span, message: `${base.origin === 'unresolved' ? 'Not computed' : 'Defined'} here`, ...(origin.file === placement.file ? {} : { file: origin.file }) };
  return { ...base, span, definedAt };
}

/** What an unknown value is called: the reference in the block, and what it stands for when that differs. */
function unknownText(text: string, via: string | undefined): string {
  return via && via !== text ? `${via} (${text})` : text;
}

function inHome(origin: Origin, placement: Placement): boolean {
  return origin.file === placement.file && within(origin.span, placement.home);
}
