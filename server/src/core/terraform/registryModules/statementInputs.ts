import { elementsOf, Origin, unknown, Value } from '../eval/value';
import { conditionOf, principalOf, statement } from './document';

/*
 * terraform-aws-modules' `repository_policy_statements`: a map (v3; a list was accepted before) of objects
 * with optional sid, actions, not_actions, effect, resources, not_resources, principals and not_principals
 * (lists of {type, identifiers}) and conditions (a list of {test, values, variable}), each rendered by a
 * `dynamic "statement"` block. A map is iterated in key order, as Terraform's for_each does.
 */
export function customStatements(argument: Value | undefined, origin: Origin): Value[] {
  if (!argument) return [];
  if (argument.kind === 'unknown') return [argument];
  if (argument.kind !== 'list' && argument.kind !== 'object') return [unknown('repository_policy_statements that is not a map', argument.origin ?? origin)];
  return elementsOf(argument).map((entry) => customStatement(entry, origin));
}

function customStatement(entry: Value, origin: Origin): Value {
  if (entry.kind === 'unknown') return entry;
  if (entry.kind !== 'object') return unknown('a policy statement that is not an object', entry.origin ?? origin);
  const field = (name: string): Value | undefined => {
    const value = entry.entries.get(name);
    return value && value.kind !== 'null' ? value : undefined;
  };
  return statement({
    sid: field('sid'),
    effect: field('effect'),
    principal: principals(field('principals'), origin),
    notPrincipal: principals(field('not_principals'), origin),
    actions: field('actions'),
    notActions: field('not_actions'),
    resources: field('resources'),
    notResources: field('not_resources'),
    condition: conditions(field('conditions'), origin),
  }, origin);
}

/** A list of `{type, identifiers}`; an unknown part leaves the whole Principal unknown. */
function principals(blocks: Value | undefined, origin: Origin): Value | undefined {
  if (!blocks) return undefined;
  if (blocks.kind !== 'list') return blocks.kind === 'unknown' ? blocks : unknown('principals that are not a list', blocks.origin ?? origin);
  const parts: { type: Value; identifiers: Value[] }[] = [];
  for (const block of blocks.items) {
    if (block.kind !== 'object') return block.kind === 'unknown' ? block : unknown('a principal that is not an object', block.origin ?? origin);
    const type = block.entries.get('type') ?? unknown('a principal without a type', block.origin ?? origin);
    parts.push({ type, identifiers: items(block.entries.get('identifiers')) });
  }
  return principalOf(parts, origin);
}

function conditions(blocks: Value | undefined, origin: Origin): Value | undefined {
  if (!blocks) return undefined;
  if (blocks.kind !== 'list') return blocks.kind === 'unknown' ? blocks : unknown('conditions that are not a list', blocks.origin ?? origin);
  const parts: { test: Value; variable: Value; values: Value[] }[] = [];
  for (const block of blocks.items) {
    if (block.kind !== 'object') return block.kind === 'unknown' ? block : unknown('a condition that is not an object', block.origin ?? origin);
    const missing = unknown('a condition without a test or variable', block.origin ?? origin);
    parts.push({ test: block.entries.get('test') ?? missing, variable: block.entries.get('variable') ?? missing, values: items(block.entries.get('values')) });
  }
  return conditionOf(parts, origin);
}

/** A list's elements; an unknown list stands as its one (unknown) element. */
function items(value: Value | undefined): Value[] {
  if (!value || value.kind === 'null') return [];
  return value.kind === 'list' ? value.items : [value];
}
