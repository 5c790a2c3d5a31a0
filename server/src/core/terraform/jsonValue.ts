import { Value } from './eval/value';

const CALLER_ACCOUNT = '${data.aws_caller_identity.';

/**
 * JSON text as a Terraform value (what `jsondecode` makes of it), every part placed where the text
 * stands. Undefined when the text is not JSON.
 */
export function jsonValue(text: string, at: Pick<Value, 'origin' | 'site'>): Value | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return toValue(parsed, at, 0);
}

function toValue(json: unknown, at: Pick<Value, 'origin' | 'site'>, depth: number): Value {
  const place = { origin: at.origin, site: at.site };
  if (depth > 64) return { kind: 'unknown', text: 'a deeply nested JSON value', ...place };
  if (json === null) return { kind: 'null', ...place };
  // A JSON text rendered with the caller's account ID keeps it as written: such strings are the team's own.
  if (typeof json === 'string') return json.includes(CALLER_ACCOUNT) ? { kind: 'string', value: json, own: true, ...place } : { kind: 'string', value: json, ...place };
  if (typeof json === 'number') return { kind: 'number', value: json, ...place };
  if (typeof json === 'boolean') return { kind: 'bool', value: json, ...place };
  if (Array.isArray(json)) return { kind: 'list', items: json.map((item) => toValue(item, at, depth + 1)), ...place };
  const entries = new Map<string, Value>();
  for (const [key, item] of Object.entries(json as Record<string, unknown>)) entries.set(key, toValue(item, at, depth + 1));
  return { kind: 'object', entries, ...place };
}
