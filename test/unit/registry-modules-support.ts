import { list, object, Origin, str, unknown, Value } from '../../server/src/core/terraform/eval/value';

/** Test values for registry module calls: each caller value at its own offset of the caller's file. */
export const CALL: { origin: Origin } = { origin: { file: 'main.tf', span: { offset: 0, length: 6 } } };
let offset = 100;
const at = (): Origin => ({ file: 'main.tf', span: { offset: offset++, length: 1 } });

export const s = (value: string): Value => str(value, at());
export const u = (text: string): Value => unknown(text, at());
export const b = (value: boolean): Value => ({ kind: 'bool', value, origin: at() });
export const l = (...items: (Value | string)[]): Value => list(items.map((item) => (typeof item === 'string' ? s(item) : item)), at());
export const o = (entries: Record<string, Value | string>): Value =>
  object(new Map(Object.entries(entries).map(([key, item]) => [key, typeof item === 'string' ? s(item) : item])), at());
export const inputs = (entries: Record<string, Value>): Map<string, Value> => new Map(Object.entries(entries));

/**
 * A value as plain JSON, to compare with a policy written out by hand: unknown values become
 * `{ unknown: TEXT }`, strings built from the caller identity `{ own: TEXT }`.
 */
export function plain(value: Value): unknown {
  switch (value.kind) {
    case 'unknown': return { unknown: value.text };
    case 'string': return value.own ? { own: value.value } : value.value;
    case 'number': case 'bool': return value.value;
    case 'null': return null;
    case 'list': return value.items.map(plain);
    case 'object': return Object.fromEntries([...value.entries].map(([key, item]) => [key, plain(item)]));
  }
}

/** The value at a path of object keys and list indexes. */
export function pick(value: Value, ...path: (string | number)[]): Value {
  let current = value;
  for (const step of path) {
    if (typeof step === 'number' && current.kind === 'list') current = current.items[step];
    else if (typeof step === 'string' && current.kind === 'object') current = current.entries.get(step)!;
    else throw new Error(`no ${step} in a ${current.kind}`);
    if (!current) throw new Error(`no ${step}`);
  }
  return current;
}
