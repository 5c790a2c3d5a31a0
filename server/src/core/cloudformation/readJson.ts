import { Node, parseTree, ParseError } from 'jsonc-parser';
import { nestsTooDeep } from '../json/nesting';

import { fromJson } from './fromJson';
import { isEcrCheckedResource } from './resources';
import { templateScope } from './scope';
import { damageAt, ReadTemplate, TemplateResource, uniqueSpans } from './template';

/**
 * A JSON template (CDK's `*.template.json` among them), read with jsonc-parser: several times faster than
 * the yaml library on JSON, and it recovers from errors the same way the JSON policy reader does.
 */
export function readJsonTemplate(text: string): ReadTemplate {
  const errors: ParseError[] = [];
  const root = nestsTooDeep(text) ? undefined : parse(text, errors);
  if (root?.type !== 'object') return { json: true, scope: templateScope(undefined, undefined), scopeId: 0, resources: [], damaged: [{ offset: 0, length: text.length }] };
  const convert = (name: string) => {
    const value = property(root, name);
    return value && fromJson(value, text);
  };
  const scope = templateScope(convert('Parameters'), convert('Mappings'));
  const entries = (property(root, 'Resources')?.children ?? []).flatMap((entry) => entry.children?.length === 2 ? [entry] : []);
  const spans = entries.map((entry) => ({ offset: entry.offset, length: entry.length }));
  const damaged = errors.map((error) => damageAt({ offset: error.offset, length: error.length }, spans));
  const resources: TemplateResource[] = [];
  entries.forEach((entry, index) => {
    const [key, value] = entry.children!;
    if (damaged.includes(spans[index]) || !isEcrCheckedResource(typeOf(value))) return;
    const node = fromJson(value, text);
    if (node) resources.push({ logicalId: String(key.value), node, source: text, base: 0 });
  });
  return { json: true, scope, scopeId: 0, resources, damaged: uniqueSpans(damaged) };
}

function parse(text: string, errors: ParseError[]): Node | undefined {
  try {
    return parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch {
    return undefined;
  }
}

/** The last value of `name`, as JSON.parse reads repeated keys. */
function property(node: Node, name: string): Node | undefined {
  let found: Node | undefined;
  for (const entry of node.children ?? []) if (entry.children?.[0]?.value === name) found = entry.children[1];
  return found;
}

function typeOf(resource: Node): string | undefined {
  const type = resource.type === 'object' ? property(resource, 'Type') : undefined;
  return type?.type === 'string' ? String(type.value) : undefined;
}

