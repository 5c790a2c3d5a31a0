import { jsonValue } from '../eval/json';
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
  return jsonValue(argument.value, at) ?? { kind: 'unknown', text: 'a policy that is not valid JSON', ...at };
}
