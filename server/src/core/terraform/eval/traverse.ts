import type { Step } from './ast';
import { EvalContext } from './context';
import { evaluate } from './evaluate';
import { asNumber, asString, EvalError, unknown, Value } from './value';

/** Applies attribute accesses, indexes and splats to a value, as Terraform's traversal does. */
export function applySteps(value: Value, steps: readonly Step[], context: EvalContext, text: string): Value {
  let current = value;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (current.kind === 'unknown') return unknown(text, current.origin);
    if (step.kind === 'splat') {
      const rest = steps.slice(i + 1);
      const items = current.kind === 'list' ? current.items : current.kind === 'null' ? [] : [current];
      return { kind: 'list', items: items.map((item) => applySteps(item, rest, context, text)), origin: current.origin, site: current.site };
    }
    current = step.kind === 'attr' ? attribute(current, step.name) : index(current, evaluate(step.index, context), text);
  }
  return current;
}

function attribute(value: Value, name: string): Value {
  if (value.kind !== 'object') throw new EvalError(`a ${value.kind} has no attribute ${name}`);
  const found = value.entries.get(name);
  if (!found) throw new EvalError(`no attribute ${name}`);
  return found;
}

function index(value: Value, key: Value, text: string): Value {
  if (key.kind === 'unknown') return unknown(text, value.origin);
  if (value.kind === 'list') {
    const position = asNumber(key);
    const found = Number.isInteger(position) ? value.items[position] : undefined;
    if (!found) throw new EvalError(`index ${position} out of range`);
    return found;
  }
  if (value.kind === 'object') {
    const found = value.entries.get(asString(key));
    if (!found) throw new EvalError(`no element ${asString(key)}`);
    return found;
  }
  throw new EvalError(`a ${value.kind} cannot be indexed`);
}
