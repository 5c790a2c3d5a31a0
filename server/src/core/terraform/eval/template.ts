import type { TemplatePart } from './ast';
import { bind, EvalContext } from './context';
import { evaluate } from './evaluate';
import { iterationOf } from './forExpression';
import { asBool, asString, Origin, unknown, Value } from './value';

interface Rendering {
  text: string;
  /** Parts that are not known: the result is unknown, or (when all are the caller's account ID) an own string. */
  unknown: boolean;
  own: boolean;
}

/**
 * A string template. A template that is a single interpolation (`"${local.accounts}"`) is that value
 * itself, of whatever type, as in HCL. An unknown part makes the whole string unknown, except the caller
 * identity's account ID, which is kept as written and marks the string as the team's own.
 */
export function renderTemplate(parts: readonly TemplatePart[], origin: Origin, context: EvalContext): Value {
  if (parts.length === 1 && parts[0].kind === 'interpolation') return evaluate(parts[0].expr, context);
  const rendering: Rendering = { text: '', unknown: false, own: false };
  renderInto(parts, rendering, context);
  if (rendering.unknown) return unknown(rendering.text, origin);
  return rendering.own ? { kind: 'string', value: rendering.text, origin, own: true } : { kind: 'string', value: rendering.text, origin };
}

function renderInto(parts: readonly TemplatePart[], rendering: Rendering, context: EvalContext): void {
  for (const part of parts) {
    switch (part.kind) {
      case 'text':
        rendering.text += part.text;
        break;
      case 'interpolation':
        append(evaluate(part.expr, context), rendering);
        break;
      case 'if': {
        const test = evaluate(part.test, context);
        if (test.kind === 'unknown') append(test, rendering);
        else renderInto(asBool(test) ? part.then : part.else, rendering, context);
        break;
      }
      case 'for': {
        const collection = evaluate(part.collection, context);
        if (collection.kind === 'unknown') {
          append(collection, rendering);
          break;
        }
        for (const element of iterationOf(collection)) {
          const names: Record<string, Value> = { [part.valueName]: element.value };
          if (part.keyName) names[part.keyName] = element.key;
          renderInto(part.body, rendering, bind(context, names));
        }
        break;
      }
    }
  }
}

function append(value: Value, rendering: Rendering): void {
  if (value.kind === 'unknown') {
    rendering.text += value.own ? value.text : `\${${value.text}}`;
    if (value.own) rendering.own = true;
    else rendering.unknown = true;
    return;
  }
  if (value.kind === 'string' && value.own) rendering.own = true;
  rendering.text += asString(value);
}
