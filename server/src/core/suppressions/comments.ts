import { createScanner, SyntaxKind } from 'jsonc-parser';
import { Parser } from 'yaml';
import type { Node } from 'web-tree-sitter';
import type { TerraformParser } from '../terraform/parser';
import { Span } from '../model';
import { SUPPRESSION_MARKER } from './directive';

/**
 * The comments of a text that may be suppressions, found by each format's own parser so that a `#` inside
 * a string or a heredoc is never taken for one. Each runs only when the marker occurs in the text at all.
 */

/** `//` and block comments of JSON with comments (policy files, CloudFormation JSON templates). */
export function jsoncComments(text: string): Span[] {
  if (!text.includes(SUPPRESSION_MARKER)) return [];
  const found: Span[] = [];
  const scanner = createScanner(text, false);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) keep(text, scanner.getTokenOffset(), scanner.getTokenLength(), found);
  }
  return found;
}

/** `#` comments of YAML: the concrete syntax tree keeps them with their offsets (block scalars hold none). */
export function yamlComments(text: string): Span[] {
  if (!text.includes(SUPPRESSION_MARKER)) return [];
  const found: Span[] = [];
  // The tree is walked with a stack: hostile nesting must not overflow the call stack.
  const stack: unknown[] = [...new Parser().parse(text)];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item !== 'object' || item === null) continue;
    const token = item as { type?: unknown; offset?: unknown; source?: unknown };
    if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') {
      keep(text, token.offset, token.source.length, found);
      continue;
    }
    for (const value of Object.values(item)) if (typeof value === 'object' && value !== null) stack.push(value);
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** `#`, `//` and block comments of HCL, from tree-sitter's tree. */
export function hclComments(text: string, parser: TerraformParser | undefined): Span[] {
  if (!parser || !text.includes(SUPPRESSION_MARKER)) return [];
  const tree = parser.parse(text);
  try {
    return hclTreeComments(tree.rootNode, text);
  } finally {
    tree.delete();
  }
}

/** The same from a tree already parsed for `text` (the editor keeps one per open document). */
export function hclTreeComments(root: Node, text: string): Span[] {
  if (!text.includes(SUPPRESSION_MARKER)) return [];
  const found: Span[] = [];
  for (const node of root.descendantsOfType('comment')) {
    if (node) keep(text, node.startIndex, node.endIndex - node.startIndex, found);
  }
  return found;
}

function keep(text: string, offset: number, length: number, into: Span[]): void {
  if (text.slice(offset, offset + length).includes(SUPPRESSION_MARKER)) into.push({ offset, length });
}
