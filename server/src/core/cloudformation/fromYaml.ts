import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, Node, Scalar, visit } from 'yaml';
import { Span } from '../model';
import { CfnEntry, CfnNode, fullSpan, ScalarStyle, Tag } from './nodes';

/**
 * Nodes one resource may make, aliases expanded: ECR takes policy text of at most 10,240 characters
 * (SetRepositoryPolicy), so no real resource comes near; a billion laughs stops here.
 */
export const MAX_NODES = 10_000;
/** Nesting followed; deeper values are cut off (no policy nests anywhere near this deep). */
export const MAX_DEPTH = 200;

const STYLES: Record<string, ScalarStyle> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'literal',
  BLOCK_FOLDED: 'folded',
};

/**
 * Converts a yaml node into a CfnNode. Values reached through an alias take the alias's span, where the
 * value is used; a budget of nodes keeps alias expansion linear in what a policy can hold.
 */
export function fromYaml(node: unknown, text: string, document: Document): CfnNode | undefined {
  return new Converter(text, document).convert(node, 0, undefined);
}

class Converter {
  private budget = MAX_NODES;
  /** What each alias stands for, worked out once from one walk over the document's anchors. */
  private targets?: Map<Alias, Node>;

  constructor(private readonly text: string, private readonly document: Document) {}

  convert(node: unknown, depth: number, aliasSpan: Span | undefined): CfnNode | undefined {
    if (--this.budget < 0 || depth > MAX_DEPTH || !node) return undefined;
    if (isAlias(node)) return this.alias(node, depth, aliasSpan);
    const yamlNode = node as Node;
    const range = aliasSpan ?? rangeSpan(yamlNode.range);
    if (!range) return undefined;
    if (isScalar(node)) return this.tagged({ kind: 'scalar', value: scalarText(node), style: STYLES[node.type ?? 'PLAIN'] ?? 'plain', span: range }, yamlNode, aliasSpan);
    if (isSeq(node)) {
      const items: CfnNode[] = [];
      for (const item of node.items) {
        const converted = this.convert(item, depth + 1, aliasSpan);
        if (converted) items.push(converted);
      }
      const last = items[items.length - 1];
      return this.tagged({ kind: 'seq', items, span: this.blockSpan(node.flow, range, last && fullSpan(last), aliasSpan) }, yamlNode, aliasSpan);
    }
    if (isMap(node)) {
      const entries: CfnEntry[] = [];
      for (const pair of node.items) {
        const entry = isPair(pair) ? this.entry(pair.key, pair.value, depth, aliasSpan) : undefined;
        if (entry) entries.push(entry);
      }
      const last = entries[entries.length - 1];
      return this.tagged({ kind: 'map', entries, span: this.blockSpan(node.flow, range, last && fullSpan(last.value), aliasSpan) }, yamlNode, aliasSpan);
    }
    return undefined;
  }

  private tagged(node: CfnNode, yamlNode: Node, aliasSpan: Span | undefined): CfnNode {
    const tag = this.tagOf(yamlNode, node.span, aliasSpan !== undefined);
    if (tag) node.tag = tag;
    return node;
  }

  /**
   * A block collection's range runs on over the line breaks and comments after it; its span ends with its
   * last value, as a JSON object's ends with its brace.
   */
  private blockSpan(flow: boolean | undefined, range: Span, last: Span | undefined, aliasSpan: Span | undefined): Span {
    if (flow || aliasSpan || !last) return range;
    return { offset: range.offset, length: Math.max(0, last.offset + last.length - range.offset) };
  }

  private alias(node: Alias, depth: number, aliasSpan: Span | undefined): CfnNode | undefined {
    this.targets ??= anchorTargets(this.document);
    const target = this.targets.get(node);
    return target ? this.convert(target, depth + 1, aliasSpan ?? rangeSpan(node.range)) : undefined;
  }

  private entry(key: unknown, value: unknown, depth: number, aliasSpan: Span | undefined): CfnEntry | undefined {
    if (!isScalar(key)) return undefined;
    const keySpan = aliasSpan ?? rangeSpan(key.range);
    if (!keySpan) return undefined;
    // `Key:` with nothing after it is an empty value, where the value would be.
    const converted = this.convert(value, depth + 1, aliasSpan) ?? { kind: 'scalar', value: '', style: 'plain', span: { offset: keySpan.offset + keySpan.length, length: 0 } };
    return { key: scalarText(key), keySpan, value: converted };
  }

  /** A short-form intrinsic's tag, with its span reaching back over the tag to `!`. */
  private tagOf(node: Node, span: Span, aliased: boolean): Tag | undefined {
    const name = node.tag?.startsWith('!') && !node.tag.startsWith('!!') ? node.tag.slice(1) : undefined;
    if (!name) return undefined;
    if (aliased) return { name, span };
    let at = span.offset;
    while (at > 0 && isSpace(this.text.charCodeAt(at - 1))) at--;
    const start = at - name.length - 1;
    const written = start >= 0 && this.text.startsWith(`!${name}`, start);
    return { name, span: written ? { offset: start, length: span.offset + span.length - start } : span };
  }
}

/** Each alias's node: the last node anchored with its name before it, in document order. */
function anchorTargets(document: Document): Map<Alias, Node> {
  const anchored = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  visit(document, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        const target = anchored.get(node.source);
        if (target) targets.set(node, target);
      } else if ((node as Node).anchor) {
        anchored.set((node as Node).anchor!, node as Node);
      }
    },
  });
  return targets;
}

function scalarText(node: Scalar): string {
  // Numbers and booleans keep their source: an account ID written 012345678901 keeps its leading zero.
  if (typeof node.value === 'string') return node.value;
  return typeof node.source === 'string' ? node.source : String(node.value ?? '');
}

function rangeSpan(range: readonly number[] | null | undefined): Span | undefined {
  return range ? { offset: range[0], length: Math.max(0, range[1] - range[0]) } : undefined;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
