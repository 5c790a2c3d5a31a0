import { isMap, isPair, isScalar, isSeq, Node, parseDocument, Scalar, ScalarTag, CollectionTag, YAMLMap } from 'yaml';
import { extractJsonPolicies } from '../../server/src/core/json/extract';
import { ConditionClause, PolicyDocument, PolicyStatement, PrincipalRef, Span, Str } from '../../server/src/core/model';
import { shiftDocument } from '../../server/src/core/shift';

/**
 * Test-only stand-in for the CloudFormation policy source (replaced by it at merge): policy documents of a
 * YAML template following the source's contract. A policy written as a YAML mapping is `{ kind: 'yaml' }`
 * with statement spans [range[0], range[1]) of the mapping node, and every Str the scalar's or key's range,
 * quotes included; a value written as an intrinsic is an `unresolved` Str with the intrinsic node's range. A policy written as JSON in a `|` block
 * scalar is `{ kind: 'json', span }` over the block's content lines, with JSON spans into the template.
 */

const FUNCTIONS = ['Ref', 'Condition', 'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'If', 'Equals', 'Not', 'And', 'Or', 'ToJsonString', 'Length'];
const longName = (name: string): string => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`);

/** CloudFormation's short forms, resolved to their long forms: `!Ref X` reads as `{ Ref: X }`. */
export const CFN_TAGS: (ScalarTag | CollectionTag)[] = FUNCTIONS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => ({ [longName(name)]: value }) } as ScalarTag,
  ...(['seq', 'map'] as const).map((collection) => ({ tag: `!${name}`, collection, resolve: (value: { toJSON(): unknown }) => ({ [longName(name)]: value.toJSON() }) }) as unknown as CollectionTag),
]);

/** The template as CloudFormation reads it, as plain data (intrinsics in their long form). */
export function templateData(text: string): unknown {
  const document = parseDocument(text, { customTags: CFN_TAGS });
  if (document.errors.length > 0) throw new Error(`the template does not parse: ${document.errors.map((error) => error.message).join('; ')}`);
  return document.toJS();
}

/**
 * Every policy of the template: each mapping with a `Statement` key, and JSON policies in block scalars
 * (their region from the `{`, or with `jsonFromLineStart` from the start of its line).
 */
export function yamlPolicies(text: string, options: { jsonFromLineStart?: boolean } = {}): PolicyDocument[] {
  const document = parseDocument(text, { customTags: CFN_TAGS });
  const found: PolicyDocument[] = [];
  const visit = (node: unknown): void => {
    if (isSeq(node)) node.items.forEach(visit);
    if (isScalar(node) && (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) && typeof node.value === 'string' && node.value.includes('"Statement"')) {
      const json = jsonInBlock(text, node, options.jsonFromLineStart);
      if (json) found.push(json);
    }
    if (!isMap(node)) return;
    if (node.items.some((pair) => isScalar(pair.key) && pair.key.value === 'Statement') && !node.tag) found.push(policyOf(text, node));
    for (const pair of node.items) visit(pair.value);
  };
  visit(document.contents);
  return found;
}

/** The policy at `path` (keys and list indexes). */
export function yamlPolicyAt(text: string, path: readonly (string | number)[]): PolicyDocument | undefined {
  const node = parseDocument(text, { customTags: CFN_TAGS }).getIn(path, true);
  return isMap(node) ? policyOf(text, node) : undefined;
}

/** A `|` block of JSON: its content lines, from the start of the first (`fromLineStart`) or from its `{`. */
function jsonInBlock(text: string, node: Scalar, fromLineStart = false): PolicyDocument | undefined {
  const header = text.indexOf('\n', node.range![0]) + 1;
  let end = node.range![1];
  while (end > header && /\s/.test(text[end - 1])) end--;
  const first = header + /^\s*/.exec(text.slice(header))![0].length;
  const offset = fromLineStart ? header : first;
  const [document] = extractJsonPolicies(text.slice(offset, end));
  return document && { ...shiftDocument(document, offset), ecrRelevant: true };
}

function spanOf(node: Node | Scalar): Span {
  return { offset: node.range![0], length: node.range![1] - node.range![0] };
}

function policyOf(text: string, map: YAMLMap): PolicyDocument {
  const statements = valueOf(map, 'Statement');
  const items = isSeq(statements) ? statements.items : [statements];
  return {
    span: spanOf(map),
    syntax: { kind: 'yaml' },
    statements: items.filter((item): item is YAMLMap => isMap(item) && !item.tag).map((item, index) => statementOf(text, item, index)),
    ecrRelevant: true,
  };
}

function statementOf(text: string, map: YAMLMap, index: number): PolicyStatement {
  const statement: PolicyStatement = { index, span: spanOf(map), notPrincipal: false, principals: [], notAction: false, actions: [], conditions: [] };
  for (const pair of map.items) {
    const key = str(pair.key);
    if (!key) continue;
    const value = pair.value;
    switch (key.value) {
      case 'Sid': statement.sid = str(value); break;
      case 'Effect': statement.effect = str(value); break;
      case 'Principal':
      case 'NotPrincipal':
        statement.principalKey = key;
        statement.notPrincipal = key.value === 'NotPrincipal';
        statement.principals = principalsOf(text, value);
        break;
      case 'Action':
      case 'NotAction':
        statement.actionKey = key;
        statement.notAction = key.value === 'NotAction';
        statement.actions = strings(text, value);
        break;
      case 'Condition':
        statement.conditionKey = key;
        statement.conditions = conditionsOf(text, value);
        break;
    }
  }
  return statement;
}

function principalsOf(text: string, node: unknown): PrincipalRef[] {
  const single = str(node) ?? intrinsic(text, node);
  if (single) return [{ kind: '*', value: single }];
  if (!isMap(node) || node.tag) return [];
  return node.items.flatMap((pair) => isScalar(pair.key) ? strings(text, pair.value).map((value) => ({ kind: String(pair.key), value })) : []);
}

function conditionsOf(text: string, node: unknown): ConditionClause[] {
  if (!isMap(node) || node.tag) return [];
  return node.items.flatMap((operatorPair) => {
    const operator = str(operatorPair.key);
    const keys = operatorPair.value;
    if (!operator || !isMap(keys) || keys.tag) return [];
    return keys.items.flatMap((keyPair) => {
      const key = str(keyPair.key);
      return key ? [{ operator, key, values: strings(text, keyPair.value) }] : [];
    });
  });
}

function strings(text: string, node: unknown): Str[] {
  if (isSeq(node) && !node.tag) return node.items.flatMap((item) => str(item) ?? intrinsic(text, item) ?? []);
  const single = str(node) ?? intrinsic(text, node);
  return single ? [single] : [];
}

/** A value CloudFormation computes (`!Ref`, `!Sub`, a resolved short form), left unresolved. */
function intrinsic(text: string, node: unknown): Str | undefined {
  if (!isScalar(node) || !node.tag?.startsWith('!') || !node.range) return undefined;
  return { value: text.slice(node.range[0], node.range[1]), span: spanOf(node), origin: 'unresolved' };
}

/** A scalar written literally; intrinsics (tagged, resolved to objects) are skipped. */
function str(node: unknown): Str | undefined {
  if (!isScalar(node) || node.tag || node.value === null || typeof node.value === 'object') return undefined;
  return { value: String(node.value), span: spanOf(node) };
}

function valueOf(map: YAMLMap, name: string): unknown {
  return map.items.find((pair) => isPair(pair) && isScalar(pair.key) && pair.key.value === name)?.value;
}
