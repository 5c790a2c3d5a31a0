import type { Expr, Step } from './ast';
import { EvalContext } from './context';
import { evaluateOrUnknown } from './evaluate';
import { resite } from './site';
import { applySteps } from './traverse';
import { str, unknown, Value } from './value';

type Reference = Extract<Expr, { kind: 'variable' | 'traversal' }>;

/**
 * A named value: a binding (`each`, `count`, `for` variables, dynamic iterators), a local, a variable,
 * `path.*`, `terraform.workspace`, or a data source, resource or module attribute (unknown unless the
 * module knows it statically). Values that come from elsewhere are re-sited to this reference.
 */
export function reference(expr: Reference, context: EvalContext): Value {
  const root = expr.kind === 'variable' ? expr.name : expr.base.kind === 'variable' ? expr.base.name : undefined;
  const steps = expr.kind === 'traversal' ? expr.steps : [];
  const text = expr.kind === 'traversal' ? expr.text : expr.name;
  if (root === undefined) {
    // `(expression)[0]`, `concat(...)[0]`: a traversal of a computed value.
    const base = expr.kind === 'traversal' ? evaluateOrUnknown(expr.base, context, () => text) : unknown(text);
    return applySteps(base, steps, context, text);
  }
  const origin = { file: context.file, span: expr.span };
  const bound = context.bindings.get(root);
  if (bound) return resite(applySteps(bound, steps, context, text), expr.span, context, text);
  const first = steps[0]?.kind === 'attr' ? steps[0].name : undefined;
  const named = first === undefined ? undefined : namedValue(root, first, steps.slice(1), context, text);
  if (named) return resite(applySteps(named.value, named.rest, context, text), expr.span, context, text);
  return unknown(text, origin);
}

function namedValue(root: string, first: string, rest: readonly Step[], context: EvalContext, text: string): { value: Value; rest: readonly Step[] } | undefined {
  switch (root) {
    case 'local':
      return { value: localValue(first, context, text), rest };
    case 'var': {
      const value = context.module.variables.get(first);
      return value ? { value, rest } : undefined;
    }
    case 'path':
      return { value: str('.'), rest };
    case 'terraform':
      return first === 'workspace' ? { value: str('default'), rest } : undefined;
    case 'data':
      return dataValue(first, rest, text);
    case 'module':
    case 'self':
    case 'each':
    case 'count':
      return undefined;
    default: {
      // A resource: TYPE.NAME.attribute or TYPE.NAME[index].attribute.
      const at = rest[0]?.kind === 'attr' ? 0 : rest[1]?.kind === 'attr' ? 1 : -1;
      const step = rest[at];
      const value = step?.kind === 'attr' ? context.module.resourceAttribute?.(`${root}.${first}`, step.name) : undefined;
      return value ? { value, rest: rest.slice(at + 1) } : undefined;
    }
  }
}

function localValue(name: string, context: EvalContext, text: string): Value {
  const module = context.module;
  const cached = module.localValues.get(name);
  if (cached) return cached;
  const definition = module.locals.get(name);
  if (!definition || module.evaluating.has(name)) return unknown(text);
  module.evaluating.add(name);
  try {
    // A local is evaluated in its own file, with no bindings and no home: it is re-sited where it is used.
    const value = evaluateOrUnknown(definition.expr, { module, file: definition.file, bindings: new Map(), depth: context.depth }, () => `local.${name}`);
    module.localValues.set(name, value);
    return value;
  } finally {
    module.evaluating.delete(name);
  }
}

/**
 * Data sources are read at apply time, so unknown; two are known enough to judge a policy: the caller
 * identity's account ID is the team's own account (which one is unknown), and the partition only shapes
 * ARNs (`aws` is assumed, which no account check depends on).
 */
function dataValue(type: string, rest: readonly Step[], text: string): { value: Value; rest: readonly Step[] } | undefined {
  // rest: NAME, an optional [index], then the attribute.
  const at = rest.findIndex((step, index) => index > 0 && step.kind === 'attr');
  const attribute = rest[at];
  const name = attribute?.kind === 'attr' ? attribute.name : undefined;
  const after = rest.slice(at + 1);
  if (type === 'aws_caller_identity' && name === 'account_id') return { value: { kind: 'unknown', text: `\${${text}}`, own: true }, rest: after };
  if (type === 'aws_partition' && name === 'partition') return { value: str('aws'), rest: after };
  return undefined;
}
