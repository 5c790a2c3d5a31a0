import type { Node } from 'web-tree-sitter';
import { Span } from '../../model';
import { decodeQuoted, spanOf } from '../values';

/**
 * HCL expressions as plain data, detached from the tree-sitter tree (trees live in WebAssembly memory and
 * are deleted as soon as a file is read): module summaries keep the expressions of locals and variables,
 * and the evaluator walks these, not the tree.
 */
export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null; span: Span }
  | { kind: 'template'; parts: TemplatePart[]; span: Span }
  | { kind: 'tuple'; items: Expr[]; span: Span }
  | { kind: 'object'; entries: ObjectEntry[]; span: Span }
  | { kind: 'variable'; name: string; span: Span }
  | { kind: 'traversal'; base: Expr; steps: Step[]; span: Span; text: string }
  | { kind: 'call'; name: string; args: Expr[]; expand: boolean; span: Span; text: string }
  | { kind: 'conditional'; test: Expr; then: Expr; else: Expr; span: Span }
  | { kind: 'for'; keyName?: string; valueName: string; collection: Expr; key?: Expr; value: Expr; condition?: Expr; grouping: boolean; span: Span }
  | { kind: 'binary'; operator: string; left: Expr; right: Expr; span: Span }
  | { kind: 'unary'; operator: string; operand: Expr; span: Span }
  | { kind: 'unsupported'; text: string; span: Span };

export interface ObjectEntry {
  /** A bare identifier key is its name (`b = 1`), not a variable reference. */
  key: Expr;
  value: Expr;
}

export type Step =
  | { kind: 'attr'; name: string; span: Span }
  | { kind: 'index'; index: Expr; span: Span }
  /** `[*]` or `.*`: the steps after it apply to every element. */
  | { kind: 'splat'; span: Span };

export type TemplatePart =
  | { kind: 'text'; text: string; span: Span }
  | { kind: 'interpolation'; expr: Expr; span: Span }
  | { kind: 'if'; test: Expr; then: TemplatePart[]; else: TemplatePart[]; span: Span }
  | { kind: 'for'; keyName?: string; valueName: string; collection: Expr; body: TemplatePart[]; span: Span };

/** The expression at `node` as data. */
export function toExpr(node: Node): Expr {
  const span = spanOf(node);
  const children = named(node);
  switch (node.type) {
    case 'expression':
      return expressionOf(node, children, span);
    case 'literal_value': case 'collection_value': case 'template_expr': case 'operation': case 'for_expr':
      return children[0] ? toExpr(children[0]) : unsupported(node);
    case 'numeric_lit':
      return { kind: 'literal', value: Number(node.text), span };
    case 'bool_lit':
      return { kind: 'literal', value: node.text === 'true', span };
    case 'null_lit':
      return { kind: 'literal', value: null, span };
    case 'string_lit': case 'quoted_template':
      return { kind: 'template', parts: templateParts(children, true), span };
    case 'heredoc_template':
      return { kind: 'template', parts: templateParts(children.filter((child) => child.type !== 'heredoc_identifier' && child.type !== 'heredoc_start'), false), span };
    case 'tuple':
      return { kind: 'tuple', items: children.filter((child) => child.type === 'expression').map(toExpr), span };
    case 'object':
      return { kind: 'object', entries: children.filter((child) => child.type === 'object_elem').flatMap(objectEntry), span };
    case 'variable_expr':
      return { kind: 'variable', name: node.text, span };
    case 'function_call':
      return callOf(node, children, span);
    case 'conditional':
      return children.length === 3 ? { kind: 'conditional', test: toExpr(children[0]), then: toExpr(children[1]), else: toExpr(children[2]), span } : unsupported(node);
    case 'for_tuple_expr': case 'for_object_expr':
      return forOf(node, children, span);
    case 'binary_operation':
      return binaryOf(node, span);
    case 'unary_operation': {
      const operand = sequenceExpr(node, children);
      return operand ? { kind: 'unary', operator: node.child(0)?.type ?? '', operand, span } : unsupported(node);
    }
    default:
      return unsupported(node);
  }
}

function expressionOf(node: Node, children: Node[], span: Span): Expr {
  if (children.length === 0) return unsupported(node);
  const base = toExpr(children[0]);
  if (children.length === 1) return base;
  const steps = children.slice(1).flatMap(stepsOf);
  return steps ? { kind: 'traversal', base, steps, span, text: node.text } : unsupported(node);
}

/**
 * Operands of an operation are not wrapped in an expression node: `each.key == "a"` has the children
 * variable_expr, get_attr, the operator, literal_value. The operator token splits them.
 */
function binaryOf(node: Node, span: Span): Expr {
  const all = node.children.filter((child): child is Node => child !== null && child.type !== 'comment');
  const at = all.findIndex((child) => !child.isNamed);
  if (at <= 0) return unsupported(node);
  const left = sequenceExpr(node, all.slice(0, at));
  const right = sequenceExpr(node, all.slice(at + 1));
  return left && right ? { kind: 'binary', operator: all[at].type, left, right, span } : unsupported(node);
}

/** One operand written as a sequence of nodes: a value, or a traversal of it. */
function sequenceExpr(parent: Node, nodes: Node[]): Expr | undefined {
  const named = nodes.filter((child) => child.isNamed);
  if (named.length === 0) return undefined;
  const base = toExpr(named[0]);
  if (named.length === 1) return base;
  const first = named[0];
  const last = named[named.length - 1];
  const span = { offset: first.startIndex, length: last.endIndex - first.startIndex };
  const text = parent.tree.rootNode.text.slice(first.startIndex, last.endIndex);
  return { kind: 'traversal', base, steps: named.slice(1).flatMap(stepsOf), span, text };
}

function stepsOf(node: Node): Step[] {
  const span = spanOf(node);
  switch (node.type) {
    case 'get_attr':
      return [{ kind: 'attr', name: named(node)[0]?.text ?? '', span }];
    case 'index': {
      const inner = named(node)[0];
      if (inner?.type === 'legacy_index') return [{ kind: 'index', index: { kind: 'literal', value: Number(inner.text.replace(/^\./, '')), span: spanOf(inner) }, span }];
      const expression = inner && named(inner)[0];
      return [{ kind: 'index', index: expression ? toExpr(expression) : { kind: 'unsupported', text: node.text, span }, span }];
    }
    case 'splat': {
      const inner = named(node)[0];
      return [{ kind: 'splat', span }, ...(inner ? named(inner).flatMap(stepsOf) : [])];
    }
    default:
      return [{ kind: 'index', index: { kind: 'unsupported', text: node.text, span }, span }];
  }
}

function callOf(node: Node, children: Node[], span: Span): Expr {
  const argumentsNode = children.find((child) => child.type === 'function_arguments');
  const args = argumentsNode ? named(argumentsNode).filter((child) => child.type === 'expression').map(toExpr) : [];
  const expand = argumentsNode ? named(argumentsNode).some((child) => child.type === 'ellipsis') : false;
  return { kind: 'call', name: children[0]?.text ?? '', args, expand, span, text: node.text };
}

function forOf(node: Node, children: Node[], span: Span): Expr {
  const intro = children.find((child) => child.type === 'for_intro');
  const introChildren = intro ? named(intro) : [];
  const names = introChildren.filter((child) => child.type === 'identifier').map((child) => child.text);
  const collection = introChildren.find((child) => child.type === 'expression');
  const bodies = children.filter((child) => child.type === 'expression').map(toExpr);
  const condition = children.find((child) => child.type === 'for_cond');
  const conditionExpr = condition && named(condition)[0];
  if (!collection || names.length === 0) return unsupported(node);
  const object = node.type === 'for_object_expr';
  if (bodies.length !== (object ? 2 : 1)) return unsupported(node);
  return {
    kind: 'for',
    keyName: names.length > 1 ? names[0] : undefined,
    valueName: names[names.length - 1],
    collection: toExpr(collection),
    key: object ? bodies[0] : undefined,
    value: bodies[bodies.length - 1],
    condition: conditionExpr ? toExpr(conditionExpr) : undefined,
    grouping: children.some((child) => child.type === 'ellipsis'),
    span,
  };
}

function objectEntry(node: Node): ObjectEntry[] {
  const key = node.childForFieldName('key');
  const value = node.childForFieldName('val');
  if (!key || !value) return [];
  const keyExpr = toExpr(key);
  // `name = 1`: a bare identifier names the key; `(local.k) = 1` is an expression.
  const bare = keyExpr.kind === 'variable' && !key.text.trim().startsWith('(');
  return [{ key: bare ? { kind: 'literal', value: keyExpr.name, span: keyExpr.span } : keyExpr, value: toExpr(value) }];
}

function templateParts(nodes: Node[], quoted: boolean): TemplatePart[] {
  const parts: TemplatePart[] = [];
  for (const node of nodes) {
    const span = spanOf(node);
    if (node.type === 'template_literal') parts.push({ kind: 'text', text: quoted ? decodeQuoted(node.text).value : node.text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'), span });
    else if (node.type === 'template_interpolation') {
      const expression = named(node).find((child) => child.type === 'expression');
      parts.push(expression ? { kind: 'interpolation', expr: toExpr(expression), span } : { kind: 'interpolation', expr: unsupported(node), span });
    } else if (node.type === 'template_directive') {
      const directive = named(node)[0];
      if (directive) parts.push(directiveOf(directive, quoted));
    }
  }
  return parts;
}

function directiveOf(node: Node, quoted: boolean): TemplatePart {
  const span = spanOf(node);
  const children = named(node);
  if (node.type === 'template_for') {
    const start = children.find((child) => child.type === 'template_for_start');
    const startChildren = start ? named(start) : [];
    const names = startChildren.filter((child) => child.type === 'identifier').map((child) => child.text);
    const collection = startChildren.find((child) => child.type === 'expression');
    const body = templateParts(children.filter((child) => child.type !== 'template_for_start' && child.type !== 'template_for_end'), quoted);
    if (!collection || names.length === 0) return { kind: 'interpolation', expr: unsupported(node), span };
    return { kind: 'for', keyName: names.length > 1 ? names[0] : undefined, valueName: names[names.length - 1], collection: toExpr(collection), body, span };
  }
  const intro = children.find((child) => child.type === 'template_if_intro');
  const test = intro && named(intro).find((child) => child.type === 'expression');
  const elseAt = children.findIndex((child) => child.type === 'template_else_intro');
  const inner = children.filter((child) => !child.type.startsWith('template_if_') && child.type !== 'template_else_intro' && child.type !== 'strip_marker');
  const split = elseAt < 0 ? inner.length : inner.filter((child) => child.startIndex < children[elseAt].startIndex).length;
  if (!test) return { kind: 'interpolation', expr: unsupported(node), span };
  return { kind: 'if', test: toExpr(test), then: templateParts(inner.slice(0, split), quoted), else: templateParts(inner.slice(split), quoted), span };
}

function named(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
}

function unsupported(node: Node): Expr {
  return { kind: 'unsupported', text: node.text, span: spanOf(node) };
}

/** The expression's source text, for messages about what could not be computed. */
export function exprText(expr: Expr, source?: string): string {
  if ('text' in expr) return expr.text;
  return source ? source.slice(expr.span.offset, expr.span.offset + expr.span.length) : expr.kind;
}
