import { EvalError, formatNumber, str, Value } from '../value';
import { fromParsedJson } from '../json';
import { HclFunction } from './types';
import { compareStrings, define, notKnown, text, unknownOf } from './support';

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/**
 * A JSON string as Go's encoding/json writes it (and so Terraform's jsonencode and %q): <, > and &
 * escaped for HTML, U+2028 and U+2029 escaped for JavaScript, a lone surrogate replaced.
 */
export function quote(value: string): string {
  let quoted = '"';
  for (const point of value) {
    const code = point.codePointAt(0)!;
    if (ESCAPES[point]) quoted += ESCAPES[point];
    else if (code < 0x20 || point === '<' || point === '>' || point === '&' || code === 0x2028 || code === 0x2029) quoted += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (code >= 0xd800 && code < 0xe000) quoted += '\\ufffd';
    else quoted += point;
  }
  return `${quoted}"`;
}

/** Marks that the JSON holds the caller's account ID as a reference (see `joinStrings`). */
interface Encoding {
  own: boolean;
}

function encode(value: Value, encoding: Encoding): string | undefined {
  switch (value.kind) {
    case 'null': return 'null';
    case 'bool': return value.value ? 'true' : 'false';
    case 'number': return formatNumber(value.value);
    case 'string':
      encoding.own ||= value.own === true;
      return quote(value.value);
    case 'unknown':
      if (!value.own) return undefined;
      encoding.own = true;
      return quote(`\${${value.text}}`);
    case 'list': {
      const parts = value.items.map((item) => encode(item, encoding));
      return parts.every((part) => part !== undefined) ? `[${parts.join(',')}]` : undefined;
    }
    case 'object': {
      const parts = [...value.entries.keys()].sort(compareStrings).map((name) => {
        const encoded = encode(value.entries.get(name)!, encoding);
        return encoded === undefined ? undefined : `${quote(name)}:${encoded}`;
      });
      return parts.every((part) => part !== undefined) ? `{${parts.join(',')}}` : undefined;
    }
  }
}

/**
 * Terraform's jsonencode of a value, or undefined when a part of it is unknown. `own` tells whether the
 * text holds the caller's account ID as `${reference}`.
 */
export function toJson(value: Value): { json: string; own: boolean } | undefined {
  const encoding = { own: false };
  const json = encode(value, encoding);
  return json === undefined ? undefined : { json, own: encoding.own };
}

const jsonencode = define('jsonencode', 1, 1, ([value], context) => {
  const encoded = toJson(value);
  if (!encoded) return unknownOf(context);
  return encoded.own ? { kind: 'string', value: encoded.json, origin: context.origin, own: true } : str(encoded.json, context.origin);
});

/** The decoded values stand where the JSON text was written (the argument's origin) when that is known. */
const jsondecode = define('jsondecode', 1, 1, ([value], context) => {
  const source = text(value);
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    throw new EvalError(`jsondecode: ${(error as Error).message}`);
  }
  return fromParsedJson(parsed, { origin: value.origin ?? context.origin }) ?? notKnown();
});

export const ENCODING_FUNCTIONS: [string, HclFunction][] = [['jsonencode', jsonencode], ['jsondecode', jsondecode]];
