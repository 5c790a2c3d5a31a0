import type { Node, Tree } from 'web-tree-sitter';
import { ConditionClause, Str } from '../model';
import { enclosingTuple, hclString, insertLinesAfter, listText, nodeStartingAt, removeNode, removeTupleElement, replaceNode, withTree } from './hcl';
import { NewClause, ORGANIZATION_KEY, StatementEditor } from './editor';
import { detectIndentation, lineIndentAt } from './text';

/**
 * Edits a `statement` block of `data "aws_iam_policy_document"`. Each step re-parses the text: the
 * statement block starts at the same offset throughout, since every edit lands inside it.
 */
export class HclDocumentEditor implements StatementEditor {
  constructor(private readonly text: string, private readonly parse: (text: string) => Tree, private readonly offset: number) {}

  setActions(actions: readonly string[]): string {
    return this.edit(this.text, (block) => {
      const attribute = attributeOf(block, 'actions') ?? attributeOf(block, 'not_actions');
      if (!attribute) return undefined;
      const [name, expression] = [attribute.namedChild(0)!, attribute.namedChild(1)!];
      const replaced = replaceNode(this.text, expression, listText(this.text, actions, expression));
      return name.text === 'actions' ? replaced : replaceNode(replaced, name, renamed(this.text, name, 'actions'));
    }) ?? this.text;
  }

  addCondition(operator: string, key: string, value: string, replace: readonly ConditionClause[]): string {
    return withCondition(this.text, this.parse, this.offset, { operator, key, value }, replace) ?? this.text;
  }

  addOrganizationCondition(organizationId: string, replace: readonly ConditionClause[]): string {
    return this.addCondition('StringEquals', ORGANIZATION_KEY, organizationId, replace);
  }

  notPrincipalToOrganization(organizationId: string, replace: readonly ConditionClause[]): string | undefined {
    // The condition first: the weak clauses' spans are offsets into the text as it was analysed.
    const bound = withCondition(this.text, this.parse, this.offset, { operator: 'StringEquals', key: ORGANIZATION_KEY, value: organizationId }, replace);
    return bound && withTree(this.parse, bound, (root) => {
      const block = nodeStartingAt(root, this.offset, ['block']);
      const blocks = block ? childBlocks(block, 'not_principals') : [];
      if (blocks.length === 0) return undefined;
      const { unit, eol } = detectIndentation(bound);
      const indent = lineIndentAt(bound, blocks[0].startIndex);
      const replacement = ['principals {', `${unit}type        = "*"`, `${unit}identifiers = ["*"]`, '}'].join(`${eol}${indent}`);
      let result = bound;
      for (const extra of blocks.slice(1).reverse()) result = removeNode(result, extra);
      return replaceNode(result, blocks[0], replacement);
    });
  }

  removePrincipal(principal: Str): string | undefined {
    return this.edit(this.text, (block, root) => {
      const node = root.descendantForIndex(principal.span.offset);
      const inTuple = node && enclosingTuple(node);
      if (!inTuple || inTuple.element.startIndex !== principal.span.offset) return undefined;
      const removed = removeTupleElement(this.text, inTuple.tuple, inTuple.element);
      if (removed) return removed;
      const principalBlocks = childBlocks(block, 'principals');
      const owner = principalBlocks.find((candidate) => candidate.startIndex <= principal.span.offset && principal.span.offset < candidate.endIndex);
      return owner && principalBlocks.length > 1 ? removeNode(this.text, owner) : undefined;
    });
  }

  removeStatement(): string | undefined {
    return this.edit(this.text, (block) => {
      const siblings = block.parent ? childBlocks(block.parent.parent ?? block.parent, 'statement') : [];
      return siblings.length > 1 ? removeNode(this.text, block) : undefined;
    });
  }

  private edit(text: string, change: (block: Node, root: Node) => string | undefined): string | undefined {
    return withTree(this.parse, text, (root) => {
      const block = nodeStartingAt(root, this.offset, ['block']);
      return block ? change(block, root) : undefined;
    });
  }
}

/** The statement with a `condition` block of the clause: the first weak block rewritten to it, the others removed, or a new block. */
function withCondition(text: string, parse: (text: string) => Tree, offset: number, clause: NewClause, replace: readonly ConditionClause[]): string | undefined {
  return withTree(parse, text, (root) => {
    const block = nodeStartingAt(root, offset, ['block']);
    if (!block) return undefined;
    const weak = replace
      .map((clause) => childBlocks(block, 'condition').find((condition) => condition.startIndex <= clause.operator.span.offset && clause.operator.span.offset < condition.endIndex))
      .filter((condition): condition is Node => condition !== undefined)
      .sort((a, b) => b.startIndex - a.startIndex);
    if (weak.length > 0) {
      let result = text;
      for (const extra of weak.slice(0, -1)) result = removeNode(result, extra);
      const first = weak[weak.length - 1];
      const values = attributeOf(first, 'values');
      const test = attributeOf(first, 'test');
      if (values) result = replaceNode(result, values.namedChild(1)!, listText(result, [clause.value], values.namedChild(1)!));
      if (test) result = replaceNode(result, test.namedChild(1)!, hclString(clause.operator));
      return result;
    }
    const body = bodyOf(block);
    const last = body?.namedChildren.filter((child): child is Node => child !== null).pop();
    if (!last || !text.slice(block.startIndex, block.endIndex).includes('\n')) return undefined;
    const { unit, eol } = detectIndentation(text);
    const lines = ['condition {', `${unit}test     = ${hclString(clause.operator)}`, `${unit}variable = ${hclString(clause.key)}`, `${unit}values   = [${hclString(clause.value)}]`, '}'];
    return insertLinesAfter(text, last, lines, eol);
  });
}

function bodyOf(block: Node): Node | undefined {
  return block.namedChildren.find((child) => child?.type === 'body') ?? undefined;
}

export function attributeOf(block: Node, name: string): Node | undefined {
  return bodyOf(block)?.namedChildren.find((child) => child?.type === 'attribute' && child.namedChild(0)?.text === name) ?? undefined;
}

function childBlocks(block: Node, type: string): Node[] {
  return (bodyOf(block)?.namedChildren ?? []).filter((child): child is Node => child?.type === 'block' && child.namedChild(0)?.text === type);
}

/** A new attribute or key name that keeps the `=` where it was when the user aligned them. */
export function renamed(text: string, name: Node, to: string): string {
  const aligned = /^ {2,}=/.test(text.slice(name.endIndex));
  return aligned && name.text.length > to.length ? to.padEnd(name.text.length) : to;
}
