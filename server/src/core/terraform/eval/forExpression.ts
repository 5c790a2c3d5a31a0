import type { Expr } from './ast';
import { bind, EvalContext } from './context';
import { evaluate } from './evaluate';
import { asBool, asString, EvalError, num, Origin, str, unknown, Value } from './value';

type ForExpr = Extract<Expr, { kind: 'for' }>;

/** The key and value of each element Terraform iterates: list indexes, or map keys in lexical order. */
export function iterationOf(collection: Value): { key: Value; value: Value }[] {
  if (collection.kind === 'list') return collection.items.map((value, index) => ({ key: num(index), value }));
  if (collection.kind === 'object') return [...collection.entries.keys()].sort().map((key) => ({ key: str(key), value: collection.entries.get(key)! }));
  throw new EvalError(`cannot iterate over a ${collection.kind}`);
}

/** `[for k, v in coll : expr if cond]` and `{for k, v in coll : key => value...}`. */
export function forExpression(expr: ForExpr, context: EvalContext): Value {
  const origin: Origin = { file: context.file, span: expr.span };
  const collection = evaluate(expr.collection, context);
  if (collection.kind === 'unknown') return unknown(collection.text, origin);
  const items: Value[] = [];
  const entries = new Map<string, Value>();
  const groups = new Map<string, Value[]>();
  for (const element of iterationOf(collection)) {
    const names: Record<string, Value> = { [expr.valueName]: element.value };
    if (expr.keyName) names[expr.keyName] = element.key;
    const inner = bind(context, names);
    const keep = expr.condition ? evaluate(expr.condition, inner) : undefined;
    if (keep && keep.kind !== 'unknown' && !asBool(keep)) continue;
    const value = keep?.kind === 'unknown' ? unknown(keep.text, origin) : evaluate(expr.value, inner);
    if (!expr.key) {
      items.push(value);
      continue;
    }
    const key = evaluate(expr.key, inner);
    if (key.kind === 'unknown') return unknown(key.text, origin);
    const name = asString(key);
    if (expr.grouping) groups.set(name, [...(groups.get(name) ?? []), value]);
    else if (entries.has(name)) throw new EvalError(`duplicate key ${name} in a for expression`);
    else entries.set(name, value);
  }
  if (!expr.key) return { kind: 'list', items, origin };
  for (const [name, values] of groups) entries.set(name, { kind: 'list', items: values, origin });
  return { kind: 'object', entries, origin };
}
