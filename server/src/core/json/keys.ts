import { Node } from 'jsonc-parser';

/**
 * Duplicate object keys, which JSON leaves undefined: jsonc-parser's lookups take the first, JSON.parse
 * and most tools the last. Readers of a file that must mean one thing (the trust list) find them here.
 */

/** Every value a key has in an object, in file order: usually one, more when the key is duplicated. */
export function valuesOf(object: Node, key: string): Node[] {
  const values: Node[] = [];
  for (const property of object.children ?? []) {
    const [keyNode, value] = property.children ?? [];
    if (keyNode?.value === key && value) values.push(value);
  }
  return values;
}

export interface DuplicateKey {
  /** The repeated key's node (a string node). */
  key: Node;
  /** The first occurrence of the same key in the same object. */
  first: Node;
}

/** Every repeated key of every object in the tree, compared by decoded value (`"a"` and `"\u0061"` are one key). */
export function duplicateKeys(root: Node): DuplicateKey[] {
  const duplicates: DuplicateKey[] = [];
  // An explicit stack: the tree may be as deep as jsonc-parser's recursion allowed.
  const pending: Node[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'object') {
      const seen = new Map<string, Node>();
      for (const property of node.children ?? []) {
        const keyNode = property.children?.[0];
        if (!keyNode) continue;
        const key = String(keyNode.value);
        const first = seen.get(key);
        if (first) duplicates.push({ key: keyNode, first });
        else seen.set(key, keyNode);
      }
    }
    for (const child of node.children ?? []) pending.push(child);
  }
  return duplicates.sort((a, b) => a.key.offset - b.key.offset);
}
