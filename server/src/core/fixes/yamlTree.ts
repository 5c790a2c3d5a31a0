import { CST, Document, isAlias, isMap, isPair, isScalar, isSeq, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { Span } from '../model';
import type { FixSource } from './types';

/**
 * Reading a YAML text for the fix builders: the `yaml` package's nodes with their CST tokens kept (the
 * `-`, `:` and `,` indicators and tags, which node ranges leave out), and where each node's text ends.
 */

export type YamlNode = Scalar | YAMLMap | YAMLSeq;
type SourceToken = CST.SourceToken;

export function parseYaml(text: string): Document.Parsed {
  return parseDocument(text, { keepSourceTokens: true, prettyErrors: false });
}

/** A template parsed once per fix source: the damage check and every builder of every finding read it. */
export interface ParsedTemplate {
  /** Undefined when the text nests too deep to parse (no statement there is edited). */
  document?: Document.Parsed;
  /** Where the parser reports errors, as offsets into the text. */
  errors: Span[];
}

const templates = new WeakMap<FixSource, ParsedTemplate>();

export function parsedTemplate(source: FixSource): ParsedTemplate {
  let parsed = templates.get(source);
  if (!parsed) templates.set(source, parsed = parseTemplate(source.text));
  return parsed;
}

function parseTemplate(text: string): ParsedTemplate {
  try {
    const document = parseYaml(text);
    return { document, errors: document.errors.map((error) => ({ offset: error.pos[0], length: Math.max(0, error.pos[1] - error.pos[0]) })) };
  } catch (error) {
    // The composer recurses once per nesting level: thousands deep overflow the stack.
    if (error instanceof RangeError) return { errors: [{ offset: 0, length: text.length }] };
    throw error;
  }
}

/** The mapping that starts at `offset`, with the collection that holds it. */
export function mappingAt(root: unknown, offset: number): { node: YAMLMap; parent?: YAMLMap | YAMLSeq } | undefined {
  const visit = (node: unknown, parent: YAMLMap | YAMLSeq | undefined): { node: YAMLMap; parent?: YAMLMap | YAMLSeq } | undefined => {
    const yamlNode = asNode(node);
    if (!yamlNode?.range || isScalar(yamlNode) || offset < yamlNode.range[0] || offset >= yamlNode.range[2]) return undefined;
    if (isMap(yamlNode) && yamlNode.range[0] === offset) return { node: yamlNode, parent };
    for (const item of yamlNode.items) {
      const found = isPair(item) ? visit(item.value, yamlNode) : visit(item, yamlNode);
      if (found) return found;
    }
    return undefined;
  };
  return visit(root, undefined);
}

export function asNode(value: unknown): YamlNode | undefined {
  return isScalar(value) || isMap(value) || isSeq(value) ? value : undefined;
}

export function start(node: YamlNode): number {
  return node.range![0];
}

/** The pair whose key is the scalar `name`. */
export function pairNamed(map: YAMLMap, name: string): Pair<Scalar, unknown> | undefined {
  return map.items.find((pair): pair is Pair<Scalar, unknown> => isScalar(pair.key) && pair.key.value === name);
}

/** A value CloudFormation computes: a short-form tag (`!Ref`, `!If`) or a long-form `Ref` / `Fn::` mapping. */
export function isIntrinsic(node: unknown): boolean {
  const tag = asNode(node)?.tag;
  if (tag?.startsWith('!') && !tag.startsWith('!!')) return true;
  return isMap(node) && node.items.some((pair) => isScalar(pair.key) && typeof pair.key.value === 'string' && (pair.key.value === 'Ref' || pair.key.value.startsWith('Fn::')));
}

/**
 * Whether an edit inside the node could change text that means something elsewhere or that these
 * builders do not lay out: anchors, aliases, merge keys, explicit (`?`) or non-scalar keys.
 */
export function hasUnsafeSyntax(node: unknown): boolean {
  if (isAlias(node)) return true;
  const yamlNode = asNode(node);
  if (!yamlNode) return false;
  if (yamlNode.anchor) return true;
  if (isSeq(yamlNode)) return yamlNode.items.some(hasUnsafeSyntax);
  if (!isMap(yamlNode)) return false;
  const tokens = yamlNode.srcToken && 'items' in yamlNode.srcToken ? yamlNode.srcToken.items : [];
  if (tokens.some((item) => item.start.some((token) => token.type === 'explicit-key-ind'))) return true;
  return yamlNode.items.some((pair) => !isScalar(pair.key) || pair.key.value === '<<' || hasUnsafeSyntax(pair.key) || hasUnsafeSyntax(pair.value));
}

/** The CST entry of `child` (a key or value) in its parent collection: its indicator and tag tokens. */
function entryOf(parent: YAMLMap | YAMLSeq, child: YamlNode): CST.CollectionItem | undefined {
  const token = parent.srcToken;
  if (!token || !('items' in token) || !child.srcToken) return undefined;
  return (token.items as CST.CollectionItem[]).find((item) => item.value === child.srcToken || item.key === child.srcToken);
}

function tokenOf(tokens: readonly SourceToken[] | undefined, types: readonly string[]): SourceToken | undefined {
  return tokens?.find((token) => types.includes(token.type));
}

/** The offset just after the `:` of a pair. */
export function colonEnd(map: YAMLMap, pair: Pair<Scalar, unknown>): number | undefined {
  const colon = tokenOf(entryOf(map, pair.key)?.sep, ['map-value-ind']);
  return colon && colon.offset + 1;
}

/** Whether the node's text, or the tag or anchor written before it, starts at `offset`. */
export function startsAt(parent: YAMLMap | YAMLSeq, node: YamlNode, offset: number): boolean {
  if (start(node) === offset) return true;
  const entry = entryOf(parent, node);
  // A map value's tag stands after its `:` (in `sep`); a sequence item's after its `-` or `,` (in `start`).
  return ((isMap(parent) ? entry?.sep : entry?.start) ?? []).some((token) => (token.type === 'tag' || token.type === 'anchor') && token.offset === offset);
}

/** Where an item of a sequence starts: at its `-` in block style, at its tag or itself in flow style. */
export function itemStart(seq: YAMLSeq, item: YamlNode): number | undefined {
  const entry = entryOf(seq, item);
  if (!entry) return undefined;
  if (!seq.flow) return tokenOf(entry.start, ['seq-item-ind'])?.offset;
  return tokenOf(entry.start, ['tag', 'anchor'])?.offset ?? start(item);
}

/** Where the written text of a value ends: its last character, trailing comments and blank lines left out. */
export function contentEnd(text: string, node: unknown): number | undefined {
  const yamlNode = asNode(node);
  if (!yamlNode?.range) return undefined;
  if ((isMap(yamlNode) || isSeq(yamlNode)) && !yamlNode.flow) {
    const last: unknown = yamlNode.items[yamlNode.items.length - 1];
    if (isPair(last)) return last.value === null ? contentEnd(text, last.key) : contentEnd(text, last.value);
    return last === undefined ? undefined : contentEnd(text, last);
  }
  let end = yamlNode.range[1];
  while (end > yamlNode.range[0] && /\s/.test(text[end - 1])) end--;
  return end;
}

/** The end of the line holding `offset`, before its line break. */
export function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline === -1) return text.length;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** Whether only spaces stand before `offset` on its line. */
export function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

/** The offset of the `,` that comes next after `offset` in a flow collection, past spaces, line breaks and comments. */
export function commaAfter(text: string, offset: number): number | undefined {
  let position = offset;
  for (;;) {
    const skipped = /^(?:[ \t\r\n]+|#[^\r\n]*)/.exec(text.slice(position, position + 4096));
    if (!skipped) break;
    position += skipped[0].length;
  }
  return text[position] === ',' ? position : undefined;
}

/**
 * The node as plain data, with a local tag kept as a one-key object (`{ "!Ref": "Repo" }`), so two readings
 * compare equal only when they say the same, intrinsics included.
 */
export function plainOf(node: unknown): unknown {
  if (isAlias(node)) return { '*': node.source };
  const yamlNode = asNode(node);
  if (!yamlNode) return node ?? null;
  let value: unknown;
  if (isScalar(yamlNode)) value = yamlNode.value;
  else if (isSeq(yamlNode)) value = yamlNode.items.map(plainOf);
  else value = Object.fromEntries(yamlNode.items.map((pair) => [String(plainOf(pair.key)), plainOf(pair.value)]));
  const tag = yamlNode.tag;
  return tag?.startsWith('!') && !tag.startsWith('!!') ? { [tag]: value } : value;
}

/** Plain data as text with object keys sorted: equal for equal data whatever the key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => inner && typeof inner === 'object' && !Array.isArray(inner)
    ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : inner);
}
