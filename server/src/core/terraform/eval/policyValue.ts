import { ConditionClause, DocumentSyntax, PolicyDocument, PolicyStatement, PrincipalRef, Str } from '../../model';
import { firstStr, Placement, spanIn, strsOf } from './strs';
import { Value } from './value';

/**
 * A policy built as a Terraform value (`jsonencode({...})`, a decoded JSON string, a registry module's
 * statements) in the statement model. A statement written as an object literal inside the block keeps
 * its place (and its quick fixes, for `hcl-object`); statements made elsewhere or many from one piece of
 * source (a `for` expression) are marked generated.
 */
export function documentFromValue(value: Value, placement: Placement, syntax: DocumentSyntax, generated?: string): PolicyDocument {
  const span = spanIn(value, placement);
  if (value.kind !== 'object') return { span, syntax, statements: [unknownStatement(value, placement)] };
  const versionValue = value.entries.get('Version');
  const version = versionValue?.kind === 'string' ? { version: versionValue.value } : {};
  const statementValue = value.entries.get('Statement');
  if (!statementValue) return { span, syntax, statements: [], ...version };
  const items = statementValue.kind === 'list' ? statementValue.items : [statementValue];
  const statements = items.map((item, index) => statementOf(item, index, placement));
  const seen = new Map<number, number>();
  for (const statement of statements) seen.set(statement.span.offset, (seen.get(statement.span.offset) ?? 0) + 1);
  statements.forEach((statement, index) => {
    const shared = (seen.get(statement.span.offset) ?? 0) > 1;
    const outside = items[index].origin && spanIn(items[index], placement) === placement.anchor;
    if (generated || shared || outside) statement.generated = generated ?? (shared ? `statement ${index + 1} of those this expression builds` : 'a statement written outside this block');
  });
  return { span, syntax, statements, ...version };
}

/** A policy (or statement) that cannot be computed: one Allow whose principal says so, never silence. */
function unknownStatement(value: Value, placement: Placement): PolicyStatement {
  const principal = strsOf(value, placement)[0] ?? { value: 'policy', span: placement.anchor, origin: 'unresolved' as const };
  const item: Str = principal.origin === 'unresolved' ? principal : { ...principal, origin: 'unresolved' };
  return { index: 0, span: item.span, effect: { value: 'Allow', span: item.span }, notPrincipal: false, principals: [{ kind: 'AWS', value: item }], notAction: false, actions: [], conditions: [], generated: 'a policy that is not known statically' };
}

function statementOf(value: Value, index: number, placement: Placement): PolicyStatement {
  if (value.kind !== 'object') return { ...unknownStatement(value, placement), index };
  const span = spanIn(value, placement);
  const statement: PolicyStatement = { index, span, notPrincipal: false, principals: [], notAction: false, actions: [], conditions: [] };
  for (const [key, item] of value.entries) {
    const keyStr: Str = { value: key, span: keySpan(value, key, item, placement) };
    switch (key) {
      case 'Sid': statement.sid = firstStr(item, placement); break;
      case 'Effect': statement.effect = firstStr(item, placement); break;
      case 'Principal':
      case 'NotPrincipal':
        statement.principalKey = keyStr;
        statement.notPrincipal = key === 'NotPrincipal';
        statement.principals = principalsOf(item, placement);
        break;
      case 'Action':
      case 'NotAction':
        statement.actionKey = keyStr;
        statement.notAction = key === 'NotAction';
        statement.actions = strsOf(item, placement);
        break;
      case 'Condition':
        statement.conditionKey = keyStr;
        statement.conditions = conditionsOf(item, placement);
        break;
      case 'Resource':
      case 'NotResource':
        statement.resourceKey = keyStr;
        statement.notResource = key === 'NotResource';
        statement.resources = strsOf(item, placement);
        break;
    }
  }
  return statement;
}

function principalsOf(value: Value, placement: Placement): PrincipalRef[] {
  if (value.kind !== 'object') return strsOf(value, placement).map((item) => ({ kind: item.origin === 'unresolved' ? 'AWS' : '*', value: item }));
  return [...value.entries].flatMap(([kind, item]) => strsOf(item, placement).map((resolved) => ({ kind, value: resolved })));
}

function conditionsOf(value: Value, placement: Placement): ConditionClause[] {
  if (value.kind !== 'object') return [];
  return [...value.entries].flatMap(([operator, keys]) => keys.kind !== 'object' ? [] : [...keys.entries].map(([key, values]) => ({
    operator: { value: operator, span: keySpan(value, operator, keys, placement) },
    key: { value: key, span: keySpan(keys, key, values, placement) },
    values: strsOf(values, placement),
  })));
}

/** Where an object's key is written, when the object is a literal in the block; else where its value is. */
function keySpan(object: Value, key: string, item: Value, placement: Placement) {
  const origin = object.kind === 'object' ? object.keys?.get(key) : undefined;
  return origin && !object.site ? spanIn({ kind: 'null', origin }, placement) : spanIn(item, placement);
}
