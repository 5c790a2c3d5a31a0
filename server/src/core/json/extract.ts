import { Node, parseTree } from 'jsonc-parser';
import { ConditionClause, DocumentSyntax, PolicyDocument, PolicyStatement, PrincipalRef, Str } from '../model';
import { nestsTooDeep } from './nesting';
import { extractTerraformJsonPolicies } from './terraformJson';

/**
 * Turns JSON/JSONC text into policy documents. jsonc-parser recovers from errors, so a half-typed file
 * still yields the statements that parsed; anything that is not a policy yields nothing.
 */
export function extractJsonPolicies(text: string): PolicyDocument[] {
  const root = parseJson(text);
  if (!root) return [];
  const document = policyAt(root, { kind: 'json', span: { offset: 0, length: text.length } });
  if (document) return [document];
  return root.type === 'object' && (property(root, 'data') || property(root, 'resource')) ? extractTerraformJsonPolicies(root, text) : [];
}

/**
 * jsonc-parser recurses once per nesting level, so pathological nesting (thousands of `[`) overflows the
 * stack. No policy nests that deep: such text is simply not a policy (see nesting.ts).
 */
export function parseJson(text: string): Node | undefined {
  if (nestsTooDeep(text)) return undefined;
  try {
    return parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** A policy document rooted at `node`: an object whose `Statement` is an object or a list of them. */
export function policyAt(node: Node, syntax: DocumentSyntax): PolicyDocument | undefined {
  if (node.type !== 'object') return undefined;
  const statementNode = property(node, 'Statement');
  if (!statementNode) return undefined;
  const items = statementNode.type === 'array' ? statementNode.children ?? [] : [statementNode];
  const statements = items.filter((item) => item.type === 'object').map((item, index) => statementOf(item, index));
  const version = property(node, 'Version');
  return { span: spanOf(node), syntax, statements, ...(version?.type === 'string' ? { version: String(version.value) } : {}) };
}

function statementOf(node: Node, index: number): PolicyStatement {
  const statement: PolicyStatement = { index, span: spanOf(node), notPrincipal: false, principals: [], notAction: false, actions: [], conditions: [] };
  for (const entry of node.children ?? []) {
    const [keyNode, value] = entry.children ?? [];
    if (!keyNode || !value) continue;
    const key = str(keyNode);
    switch (key.value) {
      case 'Sid': statement.sid = value.type === 'string' ? str(value) : undefined; break;
      case 'Effect': statement.effect = value.type === 'string' ? str(value) : undefined; break;
      case 'Principal':
      case 'NotPrincipal':
        statement.principalKey = key;
        statement.notPrincipal = key.value === 'NotPrincipal';
        statement.principals = principalsOf(value);
        break;
      case 'Action':
      case 'NotAction':
        statement.actionKey = key;
        statement.notAction = key.value === 'NotAction';
        statement.actions = strings(value);
        break;
      case 'Condition':
        statement.conditionKey = key;
        statement.conditions = conditionsOf(value);
        break;
      case 'Resource':
      case 'NotResource':
        statement.resourceKey = key;
        statement.notResource = key.value === 'NotResource';
        statement.resources = strings(value);
        break;
    }
  }
  return statement;
}

function principalsOf(node: Node): PrincipalRef[] {
  if (node.type === 'string') return [{ kind: '*', value: str(node) }];
  if (node.type !== 'object') return [];
  return (node.children ?? []).flatMap((entry) => {
    const [keyNode, value] = entry.children ?? [];
    return keyNode && value ? strings(value).map((item) => ({ kind: String(keyNode.value), value: item })) : [];
  });
}

function conditionsOf(node: Node): ConditionClause[] {
  if (node.type !== 'object') return [];
  const clauses: ConditionClause[] = [];
  for (const operatorEntry of node.children ?? []) {
    const [operatorNode, keys] = operatorEntry.children ?? [];
    if (!operatorNode || keys?.type !== 'object') continue;
    for (const keyEntry of keys.children ?? []) {
      const [keyNode, values] = keyEntry.children ?? [];
      if (keyNode && values) clauses.push({ operator: str(operatorNode), key: str(keyNode), values: strings(values) });
    }
  }
  return clauses;
}

/** A string or list of strings; IAM accepts both everywhere. Other scalars (numbers, booleans) keep their text. */
function strings(node: Node): Str[] {
  if (node.type === 'array') return (node.children ?? []).flatMap((item) => scalar(item) ?? []);
  const single = scalar(node);
  return single ? [single] : [];
}

function scalar(node: Node): Str | undefined {
  if (node.type === 'string') return str(node);
  if (node.type === 'number' || node.type === 'boolean') return { value: String(node.value), span: spanOf(node) };
  return undefined;
}

function str(node: Node): Str {
  return { value: String(node.value ?? ''), span: spanOf(node) };
}

/** The value of an object's property (the first, when it is given twice). */
export function property(node: Node, name: string): Node | undefined {
  for (const entry of node.children ?? []) {
    const [keyNode, value] = entry.children ?? [];
    if (keyNode?.value === name) return value;
  }
  return undefined;
}

export function spanOf(node: Node): { offset: number; length: number } {
  return { offset: node.offset, length: node.length };
}
