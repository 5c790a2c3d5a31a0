import type { Expr } from './ast';
import { EvalContext, MAX_DEPTH } from './context';
import { callFunction } from './calls';
import { forExpression } from './forExpression';
import { binaryOperation, unaryOperation } from './operators';
import { reference } from './references';
import { renderTemplate } from './template';
import { applySteps } from './traverse';
import { EvalError, Origin, unknown, Value, asBool, asString } from './value';

/**
 * Evaluates an HCL expression as Terraform would at plan time, with what the module knows statically.
 * Throws EvalError where Terraform reports an error; `evaluateOrUnknown` turns that into an unknown value.
 */
export function evaluate(expr: Expr, context: EvalContext): Value {
  if (context.depth > MAX_DEPTH) throw new EvalError('expression nested too deeply');
  const inner: EvalContext = { ...context, depth: context.depth + 1 };
  const origin: Origin = { file: context.file, span: expr.span };
  switch (expr.kind) {
    case 'literal':
      return literal(expr.value, origin);
    case 'template':
      return renderTemplate(expr.parts, origin, inner);
    case 'tuple':
      return { kind: 'list', items: expr.items.map((item) => evaluate(item, inner)), origin };
    case 'object':
      return objectOf(expr, origin, inner);
    case 'variable':
    case 'traversal':
      return reference(expr, inner);
    case 'call':
      return callFunction(expr, inner);
    case 'conditional':
      return conditional(expr, inner);
    case 'for':
      return forExpression(expr, inner);
    case 'binary':
      return binaryOperation(expr.operator, () => evaluate(expr.left, inner), () => evaluate(expr.right, inner), origin);
    case 'unary':
      return unaryOperation(expr.operator, evaluate(expr.operand, inner), origin);
    case 'unsupported':
      return unknown(expr.text, origin);
  }
}

/** The expression's value, or unknown (with the expression's text) where Terraform would report an error. */
export function evaluateOrUnknown(expr: Expr, context: EvalContext, text: () => string): Value {
  try {
    return evaluate(expr, context);
  } catch (error) {
    if (error instanceof EvalError || error instanceof RangeError) return unknown(text(), { file: context.file, span: expr.span });
    throw error;
  }
}

export { applySteps };

function literal(value: string | number | boolean | null, origin: Origin): Value {
  if (value === null) return { kind: 'null', origin };
  if (typeof value === 'string') return { kind: 'string', value, origin };
  if (typeof value === 'number') return { kind: 'number', value, origin };
  return { kind: 'bool', value, origin };
}

function objectOf(expr: Extract<Expr, { kind: 'object' }>, origin: Origin, context: EvalContext): Value {
  const entries = new Map<string, Value>();
  const keys = new Map<string, Origin>();
  for (const entry of expr.entries) {
    const key = evaluate(entry.key, context);
    if (key.kind === 'unknown') return unknown(key.text, origin);
    entries.set(asString(key), evaluate(entry.value, context));
    keys.set(asString(key), { file: context.file, span: entry.key.span });
  }
  return { kind: 'object', entries, keys, origin };
}

function conditional(expr: Extract<Expr, { kind: 'conditional' }>, context: EvalContext): Value {
  const test = evaluate(expr.test, context);
  if (test.kind === 'unknown') return unknown(test.text, { file: context.file, span: expr.span });
  return evaluate(asBool(test) ? expr.then : expr.else, context);
}
