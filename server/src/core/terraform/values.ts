import type { Node } from 'web-tree-sitter';
import { Span } from '../model';

/** An HCL expression reduced to what policy extraction needs; anything else is `other`. */
export type HclValue =
  /** A quoted string, number or bool; `raw` is the source between the quotes, escapes undecoded. */
  | { kind: 'string'; raw: string; span: Span; contentOffset: number; quoted: boolean }
  | { kind: 'heredoc'; raw: string; span: Span; contentOffset: number }
  | { kind: 'list'; items: HclValue[]; span: Span }
  | { kind: 'object'; entries: HclObjectEntry[]; span: Span }
  /** A traversal such as `local.accounts` or `data.aws_iam_policy_document.pull.json`. */
  | { kind: 'reference'; text: string; span: Span }
  | { kind: 'call'; name: string; args: HclValue[]; span: Span }
  | { kind: 'other'; text: string; span: Span };

export interface HclObjectEntry {
  key: string;
  keySpan: Span;
  value: HclValue;
}

export function spanOf(node: Node): Span {
  return { offset: node.startIndex, length: node.endIndex - node.startIndex };
}

export function valueOf(node: Node): HclValue {
  const span = spanOf(node);
  switch (node.type) {
    case 'expression': {
      const children = node.namedChildren.filter((child): child is Node => child !== null);
      if (children.length === 1) return valueOf(children[0]);
      return isTraversal(children) ? { kind: 'reference', text: node.text, span } : { kind: 'other', text: node.text, span };
    }
    case 'literal_value':
    case 'collection_value':
    case 'template_expr':
      return node.namedChild(0) ? valueOf(node.namedChild(0)!) : { kind: 'other', text: node.text, span };
    case 'string_lit':
    case 'quoted_template':
      return { kind: 'string', raw: node.text.slice(1, node.text.endsWith('"') && node.text.length > 1 ? -1 : undefined), span, contentOffset: node.startIndex + 1, quoted: true };
    case 'numeric_lit':
    case 'bool_lit':
      return { kind: 'string', raw: node.text, span, contentOffset: node.startIndex, quoted: false };
    case 'heredoc_template':
      return heredocOf(node);
    case 'tuple':
      return { kind: 'list', items: node.namedChildren.filter((child) => child?.type === 'expression').map((child) => valueOf(child!)), span };
    case 'object':
      return { kind: 'object', entries: node.namedChildren.filter((child) => child?.type === 'object_elem').flatMap((child) => objectEntry(child!)), span };
    case 'variable_expr':
      return { kind: 'reference', text: node.text, span };
    case 'function_call': {
      const name = node.namedChild(0)?.text ?? '';
      const args = node.namedChildren.find((child) => child?.type === 'function_arguments');
      return { kind: 'call', name, args: args ? args.namedChildren.filter((child) => child?.type === 'expression').map((child) => valueOf(child!)) : [], span };
    }
    default:
      return { kind: 'other', text: node.text, span };
  }
}

function isTraversal(children: readonly Node[]): boolean {
  return children[0].type === 'variable_expr' && children.slice(1).every((child) => child.type === 'get_attr' || child.type === 'index');
}

function objectEntry(node: Node): HclObjectEntry[] {
  const key = node.childForFieldName('key');
  const value = node.childForFieldName('val');
  if (!key || !value) return [];
  const keyValue = valueOf(key);
  const name = keyValue.kind === 'string' ? decodeQuoted(keyValue.raw).value : keyValue.kind === 'reference' ? keyValue.text : key.text;
  return [{ key: name, keySpan: spanOf(key), value: valueOf(value) }];
}

function heredocOf(node: Node): HclValue {
  const literals = node.namedChildren.filter((child) => child !== null && child.type !== 'heredoc_start' && child.type !== 'heredoc_identifier');
  const span = spanOf(node);
  if (literals.length === 0) return { kind: 'heredoc', raw: '', span, contentOffset: node.endIndex };
  const start = literals[0]!.startIndex;
  const end = literals[literals.length - 1]!.endIndex;
  return { kind: 'heredoc', raw: node.tree.rootNode.text.slice(start, end), span, contentOffset: start };
}

/**
 * Decoded text of a quoted HCL string, and for each decoded character the offset of its source in `raw`.
 * With `keepTemplateEscapes`, `$${` and `%%{` stay as written, for text whose templates are resolved later.
 */
export function decodeQuoted(raw: string, keepTemplateEscapes = false): { value: string; offsets: number[] } {
  let value = '';
  const offsets: number[] = [];
  for (let i = 0; i < raw.length;) {
    const start = i;
    let text: string;
    if (raw[i] === '\\' && i + 1 < raw.length) {
      const escape = raw[i + 1];
      if (escape === 'u' || escape === 'U') {
        const digits = escape === 'u' ? 4 : 8;
        const code = parseInt(raw.slice(i + 2, i + 2 + digits), 16);
        // Beyond Unicode (`\UFFFFFFFF`) String.fromCodePoint throws; HCL would reject the escape anyway.
        text = String.fromCodePoint(code > 0 && code <= 0x10ffff ? code : 0xfffd);
        i += 2 + digits;
      } else {
        text = ({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' } as Record<string, string>)[escape] ?? escape;
        i += 2;
      }
    } else if ((raw.startsWith('$${', i) || raw.startsWith('%%{', i))) {
      text = keepTemplateEscapes ? raw.slice(i, i + 3) : `${raw[i]}{`;
      i += 3;
    } else {
      text = raw[i];
      i += 1;
    }
    for (let k = 0; k < text.length; k++) offsets.push(start);
    value += text;
  }
  offsets.push(raw.length);
  return { value, offsets };
}
