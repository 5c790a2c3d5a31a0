import { Node } from 'jsonc-parser';
import { CfnEntry, CfnNode } from './nodes';
import { MAX_DEPTH } from './fromYaml';

/** Converts a jsonc-parser node into a CfnNode (JSON templates, CDK output). */
export function fromJson(node: Node, text: string, depth = 0): CfnNode | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const span = { offset: node.offset, length: node.length };
  switch (node.type) {
    case 'string':
      return { kind: 'scalar', value: String(node.value ?? ''), style: 'double', span };
    case 'number':
    case 'boolean':
    case 'null':
      return { kind: 'scalar', value: text.slice(node.offset, node.offset + node.length), style: 'other', span };
    case 'array': {
      const items: CfnNode[] = [];
      for (const child of node.children ?? []) {
        const item = fromJson(child, text, depth + 1);
        if (item) items.push(item);
      }
      return { kind: 'seq', items, span };
    }
    case 'object': {
      const entries: CfnEntry[] = [];
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        const converted = key && value ? fromJson(value, text, depth + 1) : undefined;
        if (converted) entries.push({ key: String(key.value ?? ''), keySpan: { offset: key.offset, length: key.length }, value: converted });
      }
      return { kind: 'map', entries, span };
    }
    default:
      return undefined;
  }
}
