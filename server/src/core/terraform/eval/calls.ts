import type { Expr } from './ast';
import { EvalContext, moduleEnv } from './context';
import { evaluate } from './evaluate';
import { FUNCTIONS } from './functions';
import { FunctionContext } from './functions/types';
import { renderTemplate } from './template';
import { bool, EvalError, Origin, unknown, Value } from './value';

type Call = Extract<Expr, { kind: 'call' }>;

/** A function call: `try` and `can` evaluate their arguments lazily; the rest are built-ins (functions/). */
export function callFunction(expr: Call, context: EvalContext): Value {
  const origin: Origin = { file: context.file, span: expr.span };
  if (expr.name === 'try') return tryCall(expr, context);
  if (expr.name === 'can') return canCall(expr, context, origin);
  const implementation = FUNCTIONS.get(expr.name);
  if (!implementation) return unknown(expr.text, origin);
  return implementation(argumentsOf(expr, context), functionContext(expr, context, origin));
}

function argumentsOf(expr: Call, context: EvalContext): Value[] {
  const args = expr.args.map((arg) => evaluate(arg, context));
  if (!expr.expand || args.length === 0) return args;
  // `f(a, list...)`: the last argument's elements become arguments.
  const last = args[args.length - 1];
  if (last.kind === 'list') return [...args.slice(0, -1), ...last.items];
  if (last.kind === 'unknown') throw new EvalError('expanded arguments are not known');
  throw new EvalError('only a list can be expanded into arguments');
}

function tryCall(expr: Call, context: EvalContext): Value {
  for (const arg of expr.args) {
    try {
      return evaluate(arg, context);
    } catch (error) {
      if (!(error instanceof EvalError)) throw error;
    }
  }
  throw new EvalError('no argument of try could be evaluated');
}

function canCall(expr: Call, context: EvalContext, origin: Origin): Value {
  if (expr.args.length !== 1) throw new EvalError('can takes one argument');
  try {
    const value = evaluate(expr.args[0], context);
    return value.kind === 'unknown' ? unknown(expr.text, origin) : bool(true, origin);
  } catch (error) {
    if (!(error instanceof EvalError)) throw error;
    return bool(false, origin);
  }
}

function functionContext(expr: Call, context: EvalContext, origin: Origin): FunctionContext {
  const module = context.module;
  return {
    text: expr.text,
    origin,
    readFile: (path) => module.readFile?.(path),
    renderTemplate: (text, file, variables) => {
      const parts = module.parseTemplate?.(text, file);
      if (!parts) return unknown(expr.text, origin);
      const bindings = new Map<string, Value>();
      if (variables.kind === 'object') for (const [name, value] of variables.entries) bindings.set(name, value);
      else if (variables.kind === 'unknown') return unknown(expr.text, origin);
      // A template sees only its variables (no locals of the caller), as Terraform's templatefile does.
      return renderTemplate(parts, { file, span: { offset: 0, length: text.length } }, { module: moduleEnv({ locals: new Map(), variables: new Map(), readFile: module.readFile, parseTemplate: module.parseTemplate }), file, bindings, depth: context.depth + 1 });
    },
  };
}
