import type { Node, Tree } from 'web-tree-sitter';
import { lineIndentAt, removeRange, replaceSpan } from './text';

/** Runs `edit` on a fresh tree of `text`, freeing the tree after (WebAssembly memory never shrinks). */
export function withTree<T>(parse: (text: string) => Tree, text: string, edit: (root: Node) => T): T {
  const tree = parse(text);
  try {
    return edit(tree.rootNode);
  } finally {
    tree.delete();
  }
}

/** The node of `type` that starts exactly at `offset`. */
export function nodeStartingAt(root: Node, offset: number, types: readonly string[]): Node | undefined {
  let node: Node | null = root.descendantForIndex(offset);
  while (node && !(types.includes(node.type) && node.startIndex === offset)) node = node.parent;
  return node ?? undefined;
}

export function nodeSpan(node: Node): { offset: number; length: number } {
  return { offset: node.startIndex, length: node.endIndex - node.startIndex };
}

export function replaceNode(text: string, node: Node, newText: string): string {
  return replaceSpan(text, nodeSpan(node), newText);
}

/** HCL string literal; JSON's escapes are HCL's for what policies hold (no `${`). */
export function hclString(value: string): string {
  return JSON.stringify(value).replace(/\$\{/g, '$$$${').replace(/%\{/g, '%%{');
}

/** A list of strings written like `like` was: one per line when it spanned lines, inline otherwise. */
export function listText(text: string, values: readonly string[], like: Node | undefined): string {
  const items = values.map(hclString);
  if (!like || !text.slice(like.startIndex, like.endIndex).includes('\n')) return `[${items.join(', ')}]`;
  const firstItem = like.descendantsOfType('string_lit')[0] ?? like.descendantsOfType('template_expr')[0];
  const closing = lineIndentAt(text, like.endIndex);
  const itemIndent = firstItem ? lineIndentAt(text, firstItem.startIndex) : `${closing}  `;
  const trailingComma = /,\s*\]$/.test(text.slice(like.startIndex, like.endIndex));
  return `[\n${items.map((item, index) => `${itemIndent}${item}${index < items.length - 1 || trailingComma ? ',' : ''}`).join('\n')}\n${closing}]`;
}

/** The expression elements of a tuple, each with the comma that follows it (if any). */
function tupleElements(tuple: Node): { element: Node; comma?: Node }[] {
  const elements: { element: Node; comma?: Node }[] = [];
  for (const child of tuple.children) {
    if (!child) continue;
    if (child.type === 'expression') elements.push({ element: child });
    else if (child.type === ',' && elements.length > 0) elements[elements.length - 1].comma = child;
  }
  return elements;
}

/** Removes one element of an HCL tuple with its comma; undefined when it is the only one. */
export function removeTupleElement(text: string, tuple: Node, element: Node): string | undefined {
  const elements = tupleElements(tuple);
  const index = elements.findIndex((entry) => entry.element.startIndex === element.startIndex);
  if (index < 0 || elements.length < 2) return undefined;
  const entry = elements[index];
  if (entry.comma) {
    const next = elements[index + 1];
    const end = next && !text.slice(entry.comma.endIndex, next.element.startIndex).includes('\n') ? next.element.startIndex : entry.comma.endIndex;
    return removeRange(text, entry.element.startIndex, end);
  }
  const previous = elements[index - 1];
  return removeRange(text, previous.comma ? previous.comma.startIndex : previous.element.endIndex, entry.element.endIndex);
}

/** The tuple an expression stands in, when it is an element of one. */
export function enclosingTuple(node: Node): { tuple: Node; element: Node } | undefined {
  let element: Node | null = node;
  while (element && element.type !== 'expression') element = element.parent;
  const tuple = element?.parent;
  return element && tuple?.type === 'tuple' ? { tuple, element } : undefined;
}

/**
 * Removes a whole block or element, with its lines when it stands alone there, and then the blank line
 * that set it apart when no block follows it (the closing brace of the parent, or another blank line, does).
 */
export function removeNode(text: string, node: Node): string {
  const removed = removeRange(text, node.startIndex, node.endIndex);
  const lineStart = text.lastIndexOf('\n', node.startIndex - 1) + 1;
  if (lineStart < 2 || !/^[ \t]*$/.test(text.slice(lineStart, node.startIndex))) return removed;
  // The text before the block's first line is unchanged; the line after it now starts there.
  const previousStart = removed.lastIndexOf('\n', lineStart - 2) + 1;
  const blankBefore = /^[ \t]*\r?\n$/.test(removed.slice(previousStart, lineStart));
  const nextEnd = removed.indexOf('\n', lineStart);
  const next = removed.slice(lineStart, nextEnd === -1 ? removed.length : nextEnd);
  return blankBefore && /^[ \t]*(\}.*)?\r?$/.test(next) ? removed.slice(0, previousStart) + removed.slice(lineStart) : removed;
}

/** Inserts lines after `after` (a node inside a multi-line body), indented like it. */
export function insertLinesAfter(text: string, after: Node, lines: readonly string[], eol: string): string {
  const indent = lineIndentAt(text, after.startIndex);
  return text.slice(0, after.endIndex) + lines.map((line) => `${eol}${indent}${line}`).join('') + text.slice(after.endIndex);
}
