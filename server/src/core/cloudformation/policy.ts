import { ConditionClause, DocumentSyntax, PolicyDocument, PolicyStatement, PrincipalRef, Str } from '../model';
import { Evaluator } from './intrinsics';
import { CfnMap, CfnNode, entryOf, intrinsicOf } from './nodes';

/**
 * A policy written as a template map (YAML mapping or JSON object), with intrinsic functions anywhere a
 * value may stand. `Fn::If` counts both branches, for whole statements as for single values.
 */
export function policyFromMap(node: CfnNode, evaluator: Evaluator, syntax: DocumentSyntax): PolicyDocument | undefined {
  if (node.kind !== 'map' || intrinsicOf(node)) return undefined;
  const statementNode = entryOf(node, 'Statement')?.value;
  if (!statementNode) return undefined;
  const statements: PolicyStatement[] = [];
  for (const value of evaluator.alternatives(statementNode)) {
    const items = value.kind === 'seq' && !intrinsicOf(value) ? value.items : [value];
    for (const item of items) {
      for (const map of maps(item, evaluator)) statements.push(statementOf(map, statements.length, evaluator));
    }
  }
  const version = entryOf(node, 'Version')?.value;
  const versionText = version ? evaluator.strings(version)[0] : undefined;
  return { span: node.span, syntax, statements, ecrRelevant: true, ...(versionText && versionText.origin === undefined ? { version: versionText.value } : {}) };
}

function statementOf(node: CfnMap, index: number, evaluator: Evaluator): PolicyStatement {
  const statement: PolicyStatement = { index, span: node.span, notPrincipal: false, principals: [], notAction: false, actions: [], conditions: [] };
  for (const { key, keySpan, value } of node.entries) {
    const keyStr: Str = { value: key, span: keySpan };
    switch (key) {
      case 'Sid': statement.sid = evaluator.strings(value)[0]; break;
      case 'Effect': statement.effect = effectOf(evaluator.strings(value)); break;
      case 'Principal':
      case 'NotPrincipal':
        statement.principalKey = keyStr;
        statement.notPrincipal = key === 'NotPrincipal';
        statement.principals = principalsOf(value, evaluator);
        break;
      case 'Action':
      case 'NotAction':
        statement.actionKey = keyStr;
        statement.notAction = key === 'NotAction';
        statement.actions = evaluator.strings(value);
        break;
      case 'Condition':
        statement.conditionKey = keyStr;
        statement.conditions = conditionsOf(value, evaluator);
        break;
      case 'Resource':
      case 'NotResource':
        statement.resourceKey = keyStr;
        statement.notResource = key === 'NotResource';
        statement.resources = evaluator.strings(value);
        break;
    }
  }
  return statement;
}

/** An Effect that may be Allow on some branch is judged as Allow: that branch grants. */
function effectOf(values: Str[]): Str | undefined {
  return values.find((value) => value.value === 'Allow') ?? values[0];
}

/** A string (`'*'`) or a map of principal types to values, as in JSON; a list is neither. */
function principalsOf(node: CfnNode, evaluator: Evaluator): PrincipalRef[] {
  return evaluator.alternatives(node).flatMap((value) => {
    if (value.kind === 'seq' && !intrinsicOf(value)) return [];
    if (value.kind !== 'map' || intrinsicOf(value)) return evaluator.strings(value).map((item) => ({ kind: '*', value: item }));
    return value.entries.flatMap((entry) => evaluator.strings(entry.value).map((item) => ({ kind: entry.key, value: item })));
  });
}

function conditionsOf(node: CfnNode, evaluator: Evaluator): ConditionClause[] {
  const clauses: ConditionClause[] = [];
  for (const block of maps(node, evaluator)) {
    for (const operator of block.entries) {
      for (const keys of maps(operator.value, evaluator)) {
        for (const key of keys.entries) {
          clauses.push({ operator: { value: operator.key, span: operator.keySpan }, key: { value: key.key, span: key.keySpan }, values: evaluator.strings(key.value) });
        }
      }
    }
  }
  return clauses;
}

/** The maps a value may be (both branches of `Fn::If`); intrinsics that are not maps are left out. */
function maps(node: CfnNode, evaluator: Evaluator): CfnMap[] {
  return evaluator.alternatives(node).filter((value): value is CfnMap => value.kind === 'map' && !intrinsicOf(value));
}
