import { Value } from './value';

const CALLER_ACCOUNT = '${data.aws_caller_identity.';
const MAX_DEPTH = 64;

type Place = Pick<Value, 'origin' | 'site'>;

/**
 * JSON text as a Terraform value (what `jsondecode` makes of it), every part placed where the text
 * stands. Undefined when the text is not JSON, or holds a number a double cannot (1e400), which Terraform
 * holds and this evaluator does not.
 */
export function jsonValue(text: string, at: Place): Value | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return fromParsedJson(parsed, at);
}

/** What JSON.parse returned, as a Terraform value placed at `at`; undefined for a number out of range. */
export function fromParsedJson(parsed: unknown, at: Place): Value | undefined {
  try {
    // The place as given, keys included: the decoded values have the shape of the value they were decoded from.
    return toValue(parsed, 'site' in at ? { origin: at.origin, site: at.site } : { origin: at.origin }, 0);
  } catch (error) {
    if (error instanceof OutOfRange) return undefined;
    throw error;
  }
}

class OutOfRange extends Error {}

function toValue(json: unknown, place: Place, depth: number): Value {
  if (depth > MAX_DEPTH) return { kind: 'unknown', text: 'a deeply nested JSON value', ...place };
  if (json === null) return { kind: 'null', ...place };
  // A JSON text rendered with the caller's account ID keeps it as written: such strings are the team's own.
  if (typeof json === 'string') return json.includes(CALLER_ACCOUNT) ? { kind: 'string', value: json, own: true, ...place } : { kind: 'string', value: json, ...place };
  if (typeof json === 'number') {
    if (!Number.isFinite(json)) throw new OutOfRange();
    return { kind: 'number', value: json, ...place };
  }
  if (typeof json === 'boolean') return { kind: 'bool', value: json, ...place };
  if (Array.isArray(json)) return { kind: 'list', items: json.map((item) => toValue(item, place, depth + 1)), ...place };
  const entries = new Map<string, Value>();
  for (const [key, item] of Object.entries(json as Record<string, unknown>)) entries.set(key, toValue(item, place, depth + 1));
  return { kind: 'object', entries, ...place };
}
