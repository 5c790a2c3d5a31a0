import { HclBlock, attributesOf } from './syntax';
import { toExpr } from './eval/ast';
import { EvalContext } from './eval/context';
import { evaluateOrUnknown } from './eval/evaluate';
import { iterationOf } from './eval/forExpression';
import { asNumber, asString, EvalError, num, object, str, unknown, Value } from './eval/value';

/** One instance of a block with `count` or `for_each`: its address suffix and what `count`/`each` mean in it. */
export interface Instance {
  /** `[0]`, `["a"]`, or empty for a block without count or for_each. */
  key: string;
  bindings: Record<string, Value>;
  /** The instance cannot be named statically (an unknown count or for_each). */
  unknown?: boolean;
}

/** Instances made of one block (count, for_each, a dynamic block's elements): beyond this, the rest are not judged. */
export const MAX_INSTANCES = 1000;

/**
 * The instances Terraform creates of a resource or data block: one without count/for_each, `count` of
 * them, or one per for_each element (map keys or set members). `count = 0` creates none: such a policy is
 * not deployed. When the count or collection is not known, one instance stands for all of them.
 */
export function instancesOf(block: HclBlock, context: EvalContext): Instance[] {
  const attributes = attributesOf(block.body);
  const count = attributes.get('count');
  const forEach = attributes.get('for_each');
  if (count) {
    const value = evaluateOrUnknown(toExpr(count), context, () => count.text);
    if (value.kind === 'unknown') return [{ key: '[count.index]', bindings: { count: object(new Map([['index', unknown('count.index')]])) }, unknown: true }];
    const n = safeNumber(value);
    if (n === undefined) return [];
    return Array.from({ length: Math.min(n, MAX_INSTANCES) }, (_, index) => ({ key: `[${index}]`, bindings: { count: object(new Map([['index', num(index)]])) } }));
  }
  if (forEach) {
    const value = evaluateOrUnknown(toExpr(forEach), context, () => forEach.text);
    if (value.kind === 'unknown') return [{ key: '[each.key]', bindings: { each: object(new Map([['key', unknown('each.key')], ['value', unknown(`each.value of ${forEach.text}`)]])) }, unknown: true }];
    return eachOf(value).slice(0, MAX_INSTANCES).map(({ key, value: element }) => ({
      key: key.kind === 'unknown' ? '[each.key]' : `[${JSON.stringify(asString(key))}]`,
      bindings: { each: object(new Map([['key', key], ['value', element]])) },
      unknown: key.kind === 'unknown' || undefined,
    }));
  }
  return [{ key: '', bindings: {} }];
}

function eachOf(collection: Value): { key: Value; value: Value }[] {
  if (collection.kind === 'null') return [];
  if (collection.kind === 'list') {
    // A set of strings: each.key and each.value are both the member.
    return collection.items.map((item) => ({ key: item.kind === 'unknown' ? item : str(safeString(item)), value: item }));
  }
  try {
    return iterationOf(collection);
  } catch (error) {
    if (error instanceof EvalError) return [];
    throw error;
  }
}

function safeNumber(value: Value): number | undefined {
  try {
    const n = asNumber(value);
    return Number.isInteger(n) && n >= 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

function safeString(value: Value): string {
  try {
    return asString(value);
  } catch {
    return '?';
  }
}
