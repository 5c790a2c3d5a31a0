import type { Node } from 'web-tree-sitter';

/**
 * Small, targeted accessors over the tree-sitter HCL grammar, so the rest of the Terraform code reads as
 * blocks and attributes rather than grammar node types. They descend only where asked: a full walk of
 * a large file costs as much as parsing it.
 */
export interface HclBlock {
  node: Node;
  type: string;
  labels: string[];
  body?: Node;
}

export function blocksOf(body: Node | undefined | null): HclBlock[] {
  if (!body) return [];
  return body.namedChildren.flatMap((child) => child && child.type === 'block' ? [toBlock(child)] : []);
}

export function toBlock(node: Node): HclBlock {
  const labels: string[] = [];
  let type = '';
  let body: Node | undefined;
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'identifier' && type === '') type = child.text;
    else if (child.type === 'string_lit') labels.push(stringLitText(child));
    else if (child.type === 'identifier') labels.push(child.text);
    else if (child.type === 'body') body = child;
  }
  return { node, type, labels, body };
}

export function attributesOf(body: Node | undefined | null): Map<string, Node> {
  const attributes = new Map<string, Node>();
  if (!body) return attributes;
  for (const child of body.namedChildren) {
    if (child?.type !== 'attribute') continue;
    const name = child.namedChild(0);
    const expression = child.namedChild(1);
    if (name && expression) attributes.set(name.text, expression);
  }
  return attributes;
}

export function configBody(root: Node): Node | undefined {
  return root.namedChildren.find((child) => child?.type === 'body') ?? undefined;
}

/** The literal text of a block label such as `"aws_iam_policy_document"`. */
function stringLitText(node: Node): string {
  return node.namedChildren.filter((child) => child?.type === 'template_literal').map((child) => child!.text).join('');
}
