import { Span } from '../model';

/**
 * A template value reduced to what policy extraction needs, the same for YAML and JSON templates. Spans
 * are offsets into the text that was parsed; a node's span leaves out its tag, the tag's span covers both.
 */
export type CfnNode = CfnScalar | CfnSeq | CfnMap;

/**
 * How a scalar is written, which decides how its source maps onto its value: `plain`, `single` and
 * `double` quoted (YAML flow scalars; a JSON string is `double`), `literal` (`|`) and `folded` (`>`) block
 * scalars, and `other` for JSON numbers, booleans and null.
 */
/** A short-form intrinsic's tag: its name without the `!` (`Ref`, `Sub`), and the span of tag and value. */
export interface Tag {
  name: string;
  span: Span;
}

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded' | 'other';

export interface CfnScalar {
  kind: 'scalar';
  /** The string value; numbers and booleans keep their source text (`012345678901` keeps its zero). */
  value: string;
  style: ScalarStyle;
  span: Span;
  tag?: Tag;
}

export interface CfnSeq {
  kind: 'seq';
  items: CfnNode[];
  span: Span;
  tag?: Tag;
}

export interface CfnEntry {
  key: string;
  keySpan: Span;
  value: CfnNode;
}

export interface CfnMap {
  kind: 'map';
  entries: CfnEntry[];
  span: Span;
  tag?: Tag;
}

/** The value of `key` in a map (the last one when the key is repeated, as JSON.parse reads it). */
export function entryOf(node: CfnNode | undefined, key: string): CfnEntry | undefined {
  if (node?.kind !== 'map') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i].key === key) return node.entries[i];
  return undefined;
}

export function valueOf(node: CfnNode | undefined, key: string): CfnNode | undefined {
  return entryOf(node, key)?.value;
}

/** The scalar's value when the node is a plain literal (not an intrinsic), else undefined. */
export function literalOf(node: CfnNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.tag === undefined ? node.value : undefined;
}

/** An intrinsic function call: `!Sub x`, or its long form `{ "Fn::Sub": x }` (`Ref` for `!Ref`). */
export interface Intrinsic {
  name: string;
  argument: CfnNode;
  /** The whole call, what a finding on its value points at. */
  span: Span;
}

export function intrinsicOf(node: CfnNode): Intrinsic | undefined {
  if (node.tag !== undefined) return { name: node.tag.name, argument: untagged(node), span: node.tag.span };
  if (node.kind !== 'map' || node.entries.length !== 1) return undefined;
  const { key, value } = node.entries[0];
  if (key === 'Ref' || key === 'Condition') return { name: key, argument: value, span: node.span };
  return key.startsWith('Fn::') ? { name: key.slice(4), argument: value, span: node.span } : undefined;
}

function untagged(node: CfnNode): CfnNode {
  switch (node.kind) {
    case 'scalar': return { kind: 'scalar', value: node.value, style: node.style, span: node.span };
    case 'seq': return { kind: 'seq', items: node.items, span: node.span };
    case 'map': return { kind: 'map', entries: node.entries, span: node.span };
  }
}

export function spanEnd(span: Span): number {
  return span.offset + span.length;
}

/** The span of a node as written, its tag included. */
export function fullSpan(node: CfnNode): Span {
  return node.tag?.span ?? node.span;
}

/** A copy of the node with every span moved by `delta` (a part parsed on its own, placed in its template). */
export function shiftNode(node: CfnNode, delta: number): CfnNode {
  if (delta === 0) return node;
  const move = (span: Span): Span => ({ offset: span.offset + delta, length: span.length });
  const tag = node.tag ? { tag: { name: node.tag.name, span: move(node.tag.span) } } : {};
  switch (node.kind) {
    case 'scalar': return { ...node, span: move(node.span), ...tag };
    case 'seq': return { kind: 'seq', items: node.items.map((item) => shiftNode(item, delta)), span: move(node.span), ...tag };
    case 'map': return { kind: 'map', entries: node.entries.map((entry) => ({ key: entry.key, keySpan: move(entry.keySpan), value: shiftNode(entry.value, delta) })), span: move(node.span), ...tag };
  }
}
