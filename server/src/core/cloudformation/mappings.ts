import { Candidate } from './compose';
import { CfnNode, Intrinsic, literalOf } from './nodes';
import { TemplateScope } from './scope';

/** Mapping values one `Fn::FindInMap` may read; more, and it counts as unresolved. */
const MAX_VALUES = 1000;

/**
 * The values `Fn::FindInMap [Map, TopKey, SecondKey]` may give. A key that is not a literal (`!Ref
 * AWS::Region`) may be any key of its level, so every candidate value counts. Each value points at where
 * the mapping defines it. Undefined when the call cannot be read or names nothing.
 */
export function mappingValues(call: Intrinsic, scope: TemplateScope, candidates: (node: CfnNode) => Candidate[]): Candidate[] | undefined {
  const keyNodes = call.argument.kind === 'seq' ? call.argument.items.slice(0, 3) : [];
  if (keyNodes.length !== 3 || !scope.mappings) return undefined;
  const keys = keyNodes.map((node) => {
    const values = candidates(node);
    return values.every((value) => !value.origin && !value.partition) ? values.map((value) => value.value) : undefined;
  });
  let level: { node: CfnNode; path: string[] }[] = [{ node: scope.mappings, path: [] }];
  for (const wanted of keys) {
    level = level.flatMap(({ node, path }) => node.kind !== 'map' ? [] : node.entries
      .filter((entry) => wanted === undefined || wanted.includes(entry.key))
      .map((entry) => ({ node: entry.value, path: [...path, entry.key] })));
    if (level.length > MAX_VALUES) return undefined;
  }
  const values: Candidate[] = [];
  for (const { node, path } of level) {
    const message = `Mappings ${path.join('.')}`;
    const items = node.kind === 'seq' ? node.items : [node];
    for (const item of items) {
      const literal = literalOf(item);
      values.push(literal === undefined ? { value: `!FindInMap ${path.join(', ')}`, origin: 'unresolved' } : { value: literal, definedAt: { span: item.span, message } });
    }
  }
  return values.length > 0 && values.length <= MAX_VALUES ? values : undefined;
}
