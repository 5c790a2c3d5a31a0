import type { Node } from 'web-tree-sitter';
import { Span } from '../../model';
import { attributesOf, blocksOf, HclBlock } from '../syntax';
import { MAX_INSTANCES } from '../instances';
import { spanOf } from '../values';
import { toExpr } from './ast';
import { bind, EvalContext } from './context';
import { evaluateOrUnknown } from './evaluate';
import { iterationOf } from './forExpression';
import { EvalError, object, unknown, Value } from './value';

export interface EvaluatedAttribute {
  value: Value;
  /** The attribute's expression. */
  span: Span;
  /** The attribute's name. */
  keySpan: Span;
}

/** A block with its attributes evaluated and its `dynamic` blocks expanded. */
export interface EvaluatedBlock {
  type: string;
  labels: string[];
  span: Span;
  /** The type keyword (`statement`), or the `dynamic` block's label for a generated block. */
  keyword: Span;
  attributes: Map<string, EvaluatedAttribute>;
  blocks: EvaluatedBlock[];
  /** Made by a `dynamic` block: the instance it is (a fix would rewrite every instance, so none is offered). */
  generated?: string;
}

export function evaluateBlock(block: HclBlock, context: EvalContext, generated?: string): EvaluatedBlock {
  const keywordNode = block.node.namedChild(0);
  const keyword = keywordNode ? spanOf(keywordNode) : spanOf(block.node);
  return { type: block.type, labels: block.labels, span: spanOf(block.node), keyword, ...evaluateBody(block.body, context, generated), generated };
}

/** The attributes and nested blocks of a body; each `dynamic "X"` becomes one X block per element of its for_each. */
export function evaluateBody(body: Node | undefined, context: EvalContext, generated?: string): Pick<EvaluatedBlock, 'attributes' | 'blocks'> {
  const attributes = new Map<string, EvaluatedAttribute>();
  for (const [name, node] of attributesOf(body)) {
    const keyNode = node.parent?.namedChild(0);
    attributes.set(name, { value: evaluateOrUnknown(toExpr(node), context, () => node.text), span: spanOf(node), keySpan: keyNode ? spanOf(keyNode) : spanOf(node) });
  }
  const blocks: EvaluatedBlock[] = [];
  for (const child of blocksOf(body)) {
    if (child.type === 'dynamic') blocks.push(...dynamicInstances(child, context));
    else blocks.push(evaluateBlock(child, context, generated));
  }
  return { attributes, blocks };
}

/**
 * `dynamic "statement" { for_each = X  iterator = it  content { ... } }`: one block per element, with the
 * iterator's `key` and `value` bound. An unknown for_each still yields one block with an unknown iterator:
 * what its content writes literally is judged, and what depends on the element is reported as unknown.
 */
function dynamicInstances(block: HclBlock, context: EvalContext): EvaluatedBlock[] {
  const type = block.labels[0];
  if (!type) return [];
  const attributes = attributesOf(block.body);
  const content = blocksOf(block.body).find((child) => child.type === 'content');
  const forEachNode = attributes.get('for_each');
  if (!content || !forEachNode) return [];
  const iteratorNode = attributes.get('iterator');
  const iterator = iteratorNode ? iteratorNode.text.trim() : type;
  const collection = evaluateOrUnknown(toExpr(forEachNode), context, () => forEachNode.text);
  const elements = elementsOf(collection, forEachNode.text);
  const keywordNode = block.node.namedChildren.find((child) => child?.type === 'string_lit') ?? block.node.namedChild(0);
  return elements.slice(0, MAX_INSTANCES).map((element, index) => {
    const inner = bind(context, { [iterator]: object(new Map([['key', element.key], ['value', element.value]])) });
    const generated = collection.kind === 'unknown' ? `each element of ${forEachNode.text} (not known statically)` : `element ${index + 1} of ${forEachNode.text}`;
    return {
      type,
      labels: [],
      span: spanOf(block.node),
      keyword: keywordNode ? spanOf(keywordNode) : spanOf(block.node),
      ...evaluateBody(content.body, inner, generated),
      generated,
    };
  });
}

function elementsOf(collection: Value, text: string): { key: Value; value: Value }[] {
  if (collection.kind === 'unknown') return [{ key: unknown(`${text} key`), value: collection }];
  if (collection.kind === 'null') return [];
  try {
    return iterationOf(collection);
  } catch (error) {
    if (error instanceof EvalError) return [{ key: unknown(text), value: unknown(text) }];
    throw error;
  }
}
