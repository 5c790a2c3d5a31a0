import { Node } from 'jsonc-parser';
import { ConditionClause, PolicyDocument, PolicyStatement, PrincipalRef, Span, Str } from '../model';
import { mapDocument } from '../shift';
import { resolveTemplate, unescapeTemplate } from '../terraform/resolve';
import { RegistryScope, scopeFromValues, SCOPE_SETTING } from '../terraform/registryScope';
import { policyAt, parseJson } from './extract';

/**
 * Terraform's JSON syntax (`*.tf.json`): `data.aws_iam_policy_document.NAME.statement[]` with the same
 * attribute names as HCL, and `resource.aws_ecr_repository_policy.NAME.policy` holding policy JSON in a
 * string. Template expressions (`${...}`) resolve as in HCL, without the module's locals.
 */
/** What `aws_iam_policy_document` writes when `version` is not set. */
const PROVIDER_DEFAULT_VERSION = '2012-10-17';

export function extractTerraformJsonPolicies(root: Node, text: string): PolicyDocument[] {
  const documents: PolicyDocument[] = [];
  for (const [name, block] of entries(child(child(root, 'data'), 'aws_iam_policy_document'))) {
    const statements = child(block, 'statement');
    const items = statements?.type === 'array' ? statements.children ?? [] : statements ? [statements] : [];
    const provenance = { source: 'terraform-json' as const, resource: `data.aws_iam_policy_document.${name}` };
    const version = first(child(block, 'version'))?.value ?? PROVIDER_DEFAULT_VERSION;
    documents.push({ span: span(block), syntax: { kind: 'opaque' }, statements: items.filter((item) => item.type === 'object').map(statementOf), provenance, version });
  }
  const scope = jsonRegistryScope(child(root, 'resource'));
  for (const type of ['aws_ecr_repository_policy', 'aws_ecr_registry_policy']) {
    for (const [name, resource] of entries(child(child(root, 'resource'), type))) {
      const policy = child(resource, 'policy');
      const document = policy?.type === 'string' ? embeddedJson(policy, text) : undefined;
      const repository = child(resource, 'repository');
      const provenance = {
        source: 'terraform-json' as const, resource: `${type}.${name}`, property: 'policy',
        ...(repository?.type === 'string' && !String(repository.value).includes('${') ? { repository: String(repository.value) } : {}),
      };
      if (document) documents.push({ ...document, ecrRelevant: true, provenance, ...(type === 'aws_ecr_registry_policy' ? { registryScope: scope } : {}) });
    }
  }
  return documents;
}

/**
 * The file's `aws_ecr_account_setting` REGISTRY_POLICY_SCOPE, when literal: V1 only where one says so and
 * none says V2; V2 (the registries' default) otherwise. Template expressions are not evaluated here.
 */
function jsonRegistryScope(resources: Node | undefined): RegistryScope {
  const values = entries(child(resources, 'aws_ecr_account_setting')).flatMap(([, setting]) => {
    const name = child(setting, 'name');
    const value = child(setting, 'value');
    return name?.value === SCOPE_SETTING && typeof value?.value === 'string' ? [value.value] : [];
  });
  return scopeFromValues(values);
}

function statementOf(node: Node, index: number): PolicyStatement {
  const statement: PolicyStatement = { index, span: span(node), notPrincipal: false, principals: [], notAction: false, actions: [], conditions: [] };
  const keyOf = (name: string): Str | undefined => {
    const entry = (node.children ?? []).find((property) => property.children?.[0]?.value === name);
    return entry?.children?.[0] && str(entry.children[0]);
  };
  statement.sid = first(child(node, 'sid'));
  statement.effect = first(child(node, 'effect')) ?? { value: 'Allow', span: span(node) };
  const actions = child(node, 'actions') ?? child(node, 'not_actions');
  if (actions) {
    statement.notAction = !child(node, 'actions');
    const key = keyOf(statement.notAction ? 'not_actions' : 'actions')!;
    statement.actionKey = { value: statement.notAction ? 'NotAction' : 'Action', span: key.span };
    statement.actions = strings(actions);
  }
  const principals = child(node, 'principals') ?? child(node, 'not_principals');
  if (principals) {
    statement.notPrincipal = !child(node, 'principals');
    const key = keyOf(statement.notPrincipal ? 'not_principals' : 'principals')!;
    statement.principalKey = { value: statement.notPrincipal ? 'NotPrincipal' : 'Principal', span: key.span };
    statement.principals = list(principals).flatMap(principalsOf);
  }
  const resources = child(node, 'resources') ?? child(node, 'not_resources');
  if (resources) {
    statement.notResource = !child(node, 'resources');
    statement.resourceKey = { value: statement.notResource ? 'NotResource' : 'Resource', span: keyOf(statement.notResource ? 'not_resources' : 'resources')!.span };
    statement.resources = strings(resources);
  }
  const conditions = child(node, 'condition');
  if (conditions) {
    statement.conditionKey = { value: 'Condition', span: keyOf('condition')!.span };
    statement.conditions = list(conditions).flatMap(conditionOf);
  }
  return statement;
}

function principalsOf(node: Node): PrincipalRef[] {
  const type = first(child(node, 'type'));
  const identifiers = child(node, 'identifiers');
  return type && identifiers ? strings(identifiers).map((value) => ({ kind: type.value, value })) : [];
}

function conditionOf(node: Node): ConditionClause[] {
  const operator = first(child(node, 'test'));
  const key = first(child(node, 'variable'));
  const values = child(node, 'values');
  return operator && key ? [{ operator, key, values: values ? strings(values) : [] }] : [];
}

/** Policy JSON inside a JSON string: decoded with a map back to the source, so ranges land on the escaped text. */
function embeddedJson(node: Node, text: string): PolicyDocument | undefined {
  const { value: raw, offsets } = decodeJsonString(text.slice(node.offset + 1, node.offset + node.length - 1), node.offset + 1);
  const root = parseJson(raw);
  const document = root && policyAt(root, { kind: 'opaque' });
  if (!document) return undefined;
  const map = (inner: Span): Span => {
    const start = offsets[Math.min(inner.offset, offsets.length - 1)];
    return { offset: start, length: offsets[Math.min(inner.offset + inner.length, offsets.length - 1)] - start };
  };
  const mapStr = (item: Str): Str => resolveValue({ ...item, span: map(item.span) });
  return mapDocument(document, map, mapStr);
}

/** A JSON string's value, and for each of its characters the document offset of its source. */
function decodeJsonString(raw: string, base: number): { value: string; offsets: number[] } {
  let value = '';
  const offsets: number[] = [];
  for (let i = 0; i < raw.length;) {
    const start = i;
    let char = raw[i];
    if (char === '\\' && i + 1 < raw.length) {
      const escape = raw[i + 1];
      if (escape === 'u') {
        char = String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16) || 0xfffd);
        i += 6;
      } else {
        char = ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[escape] ?? escape;
        i += 2;
      }
    } else {
      i += 1;
    }
    value += char;
    offsets.push(base + start);
  }
  offsets.push(base + raw.length);
  return { value, offsets };
}

function resolveValue(item: Str): Str {
  return item.value.includes('${') ? resolveTemplate(item.value, item.span, unescapeTemplate) : item;
}

function child(node: Node | undefined, name: string): Node | undefined {
  if (node?.type !== 'object') return undefined;
  const entry = (node.children ?? []).find((property) => property.children?.[0]?.value === name);
  return entry?.children?.[1];
}

function entries(node: Node | undefined): [string, Node][] {
  if (node?.type !== 'object') return [];
  return (node.children ?? []).flatMap((property) => {
    const [key, value] = property.children ?? [];
    return key && value ? [[String(key.value), value] as [string, Node]] : [];
  });
}

function list(node: Node): Node[] {
  return node.type === 'array' ? (node.children ?? []).filter((item) => item.type === 'object') : node.type === 'object' ? [node] : [];
}

function strings(node: Node): Str[] {
  const items = node.type === 'array' ? node.children ?? [] : [node];
  return items.filter((item) => item.type === 'string').map((item) => resolveValue(str(item)));
}

function first(node: Node | undefined): Str | undefined {
  return node ? strings(node)[0] : undefined;
}

function str(node: Node): Str {
  return { value: String(node.value), span: span(node) };
}

function span(node: Node): Span {
  return { offset: node.offset, length: node.length };
}
