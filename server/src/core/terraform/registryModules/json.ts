import { Value } from '../eval/value';

/**
 * `jsondecode` of a policy argument the module passes through as JSON text (`repository_policy`,
 * `registry_policy`). Every decoded value carries the argument's own origin and site: the finding lands on
 * the caller's string. Unknown text stays the argument itself; text that is not JSON (which the provider
 * rejects at plan time) is unknown.
 */
export function decodePolicyText(argument: Value): Value {
  if (argument.kind === 'unknown') return argument;
  const at = { origin: argument.origin, site: argument.site };
  if (argument.kind !== 'string') return { kind: 'unknown', text: 'a policy that is not a JSON string', ...at };
  let parsed: unknown;
  try {
    parsed = JSON.parse(argument.value);
  } catch {
    return { kind: 'unknown', text: 'a policy that is not valid JSON', ...at };
  }
  return toValue(parsed, at);
}

function toValue(json: unknown, at: { origin: Value['origin']; site: Value['site'] }): Value {
  if (json === null) return { kind: 'null', ...at };
  if (typeof json === 'string') return { kind: 'string', value: json, ...at };
  if (typeof json === 'number') return { kind: 'number', value: json, ...at };
  if (typeof json === 'boolean') return { kind: 'bool', value: json, ...at };
  if (Array.isArray(json)) return { kind: 'list', items: json.map((item) => toValue(item, at)), ...at };
  const entries = new Map<string, Value>();
  for (const [key, item] of Object.entries(json as Record<string, unknown>)) entries.set(key, toValue(item, at));
  return { kind: 'object', entries, ...at };
}
