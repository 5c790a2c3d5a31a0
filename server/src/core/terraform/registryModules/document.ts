import { list, object, Origin, str, unknown, Value } from '../eval/value';

/**
 * What `data "aws_iam_policy_document"` renders, as a value shaped like its JSON. The provider writes a
 * one-element list as a plain string; lists are kept here, which a policy reads the same. Everything the
 * module writes itself carries the module call's origin.
 */
export interface StatementParts {
  sid?: Value;
  effect?: Value;
  principal?: Value;
  notPrincipal?: Value;
  actions?: Value;
  notActions?: Value;
  resources?: Value;
  notResources?: Value;
  condition?: Value;
}

const KEYS: [keyof StatementParts, string][] = [
  ['sid', 'Sid'], ['effect', 'Effect'], ['principal', 'Principal'], ['notPrincipal', 'NotPrincipal'], ['actions', 'Action'],
  ['notActions', 'NotAction'], ['resources', 'Resource'], ['notResources', 'NotResource'], ['condition', 'Condition'],
];

/** A statement; `effect` defaults to Allow, as the data source's does. */
export function statement(parts: StatementParts, origin: Origin): Value {
  const entries = new Map<string, Value>();
  for (const [part, key] of KEYS) {
    const value = part === 'effect' ? parts.effect ?? str('Allow', origin) : parts[part];
    if (value) entries.set(key, value);
  }
  return object(entries, origin);
}

export function policyDocument(statements: Value[], origin: Origin): Value {
  return object(new Map([['Version', str('2012-10-17', origin)], ['Statement', list(statements, origin)]]), origin);
}

/** Literal strings the module writes (action lists, principal types). */
export function literals(values: readonly string[], origin: Origin): Value {
  return list(values.map((value) => str(value, origin)), origin);
}

/** `principals { type identifiers }` blocks of one statement: `{TYPE: [identifiers]}`, or `"*"` for type `*` with `*`. */
export function principalOf(blocks: readonly { type: Value; identifiers: Value[] }[], origin: Origin): Value | undefined {
  if (blocks.length === 0) return undefined;
  const byType = new Map<string, Value[]>();
  for (const block of blocks) {
    if (block.type.kind !== 'string') return block.type.kind === 'unknown' ? block.type : unknown('a principal type that is not a string', block.type.origin ?? origin);
    byType.set(block.type.value, [...(byType.get(block.type.value) ?? []), ...block.identifiers]);
  }
  const everyone = byType.get('*');
  if (byType.size === 1 && everyone && everyone.length > 0 && everyone.every((value) => value.kind === 'string' && value.value === '*')) return everyone[0];
  return object(new Map([...byType].map(([type, identifiers]) => [type, list(identifiers, origin)])), origin);
}

/** `condition { test variable values }` blocks: `{test: {variable: [values]}}`, values of one test and variable merged. */
export function conditionOf(blocks: readonly { test: Value; variable: Value; values: Value[] }[], origin: Origin): Value | undefined {
  if (blocks.length === 0) return undefined;
  const byTest = new Map<string, Map<string, Value[]>>();
  for (const block of blocks) {
    for (const name of [block.test, block.variable]) {
      if (name.kind !== 'string') return name.kind === 'unknown' ? name : unknown('a condition name that is not a string', name.origin ?? origin);
    }
    const test = (block.test as { value: string }).value;
    const variable = (block.variable as { value: string }).value;
    const variables = byTest.get(test) ?? new Map<string, Value[]>();
    variables.set(variable, [...(variables.get(variable) ?? []), ...block.values]);
    byTest.set(test, variables);
  }
  return object(new Map([...byTest].map(([test, variables]) =>
    [test, object(new Map([...variables].map(([variable, values]) => [variable, list(values, origin)])), origin)])), origin);
}
