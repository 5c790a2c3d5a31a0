import { ConditionClause, PolicyDocument, PolicyStatement, PrincipalRef, Str } from '../../model';
import { EvaluatedBlock } from './blocks';
import { firstStr, Placement, strsOf } from './strs';

/**
 * An evaluated `data "aws_iam_policy_document"` in the statement model: its own `statement` blocks (with
 * `dynamic` ones expanded), effect Allow when absent as the provider defaults it, and the provider's `&{`
 * escape read as `${` (an IAM policy variable). Source and override documents are merged by the module.
 */
export function documentFromBlock(block: EvaluatedBlock, placement: Placement): PolicyDocument {
  const statements = block.blocks
    .filter((child) => child.type === 'statement')
    .map((child, index) => statementOf(child, index, { ...placement, anchor: child.keyword }));
  const versionAttribute = block.attributes.get('version');
  const version = versionAttribute ? firstStr(versionAttribute.value, { ...placement, anchor: versionAttribute.span }) : undefined;
  // The provider writes 2012-10-17 when `version` is not set; a version it cannot compute is left unknown.
  const known = versionAttribute ? (version && version.origin === undefined ? version.value : undefined) : PROVIDER_DEFAULT_VERSION;
  return { span: block.span, syntax: { kind: 'hcl-document' }, statements, ...(known === undefined ? {} : { version: known }) };
}

const PROVIDER_DEFAULT_VERSION = '2012-10-17';

function statementOf(block: EvaluatedBlock, index: number, placement: Placement): PolicyStatement {
  const attribute = (name: string): Str[] | undefined => {
    const found = block.attributes.get(name);
    return found && strsOf(found.value, { ...placement, anchor: found.span }).map(unescapePolicyVariable);
  };
  const statement: PolicyStatement = {
    index,
    span: block.span,
    sid: attribute('sid')?.[0],
    effect: attribute('effect')?.[0] ?? { value: 'Allow', span: block.keyword },
    notPrincipal: false,
    principals: [],
    notAction: false,
    actions: [],
    conditions: [],
  };
  const actionsName = block.attributes.has('actions') ? 'actions' : block.attributes.has('not_actions') ? 'not_actions' : undefined;
  if (actionsName) {
    statement.notAction = actionsName === 'not_actions';
    statement.actionKey = { value: statement.notAction ? 'NotAction' : 'Action', span: block.attributes.get(actionsName)!.keySpan };
    statement.actions = attribute(actionsName) ?? [];
  }
  const resourcesName = block.attributes.has('resources') ? 'resources' : block.attributes.has('not_resources') ? 'not_resources' : undefined;
  if (resourcesName) {
    statement.notResource = resourcesName === 'not_resources';
    statement.resourceKey = { value: statement.notResource ? 'NotResource' : 'Resource', span: block.attributes.get(resourcesName)!.keySpan };
    statement.resources = attribute(resourcesName) ?? [];
  }
  const principals = block.blocks.filter((child) => child.type === 'principals');
  const notPrincipals = block.blocks.filter((child) => child.type === 'not_principals');
  const chosen = principals.length > 0 ? principals : notPrincipals;
  if (chosen.length > 0) {
    statement.notPrincipal = principals.length === 0;
    statement.principalKey = { value: statement.notPrincipal ? 'NotPrincipal' : 'Principal', span: chosen[0].keyword };
    statement.principals = chosen.flatMap((child) => principalsOf(child, placement));
  }
  const conditions = block.blocks.filter((child) => child.type === 'condition');
  if (conditions.length > 0) {
    statement.conditionKey = { value: 'Condition', span: conditions[0].keyword };
    statement.conditions = conditions.flatMap((child) => conditionOf(child, placement));
  }
  const generated = block.generated ?? block.blocks.find((child) => child.generated)?.generated;
  if (generated) statement.generated = generated;
  return statement;
}

function principalsOf(block: EvaluatedBlock, placement: Placement): PrincipalRef[] {
  const type = block.attributes.get('type');
  const identifiers = block.attributes.get('identifiers');
  if (!type || !identifiers) return [];
  const kind = firstStr(type.value, { ...placement, anchor: type.span });
  if (!kind) return [];
  // An unknown type could be anything; judged as AWS, the kind that grants accounts.
  const name = kind.origin === 'unresolved' ? 'AWS' : kind.value;
  return strsOf(identifiers.value, { ...placement, anchor: identifiers.span }).map((value) => ({ kind: name, value: unescapePolicyVariable(value) }));
}

function conditionOf(block: EvaluatedBlock, placement: Placement): ConditionClause[] {
  const test = block.attributes.get('test');
  const variable = block.attributes.get('variable');
  const values = block.attributes.get('values');
  const operator = test && firstStr(test.value, { ...placement, anchor: test.span });
  const key = variable && firstStr(variable.value, { ...placement, anchor: variable.span });
  // `test = []` and the like name no operator or key: there is no clause to judge.
  if (!operator || !key) return [];
  return [{ operator, key: unescapePolicyVariable(key), values: values ? strsOf(values.value, { ...placement, anchor: values.span }).map(unescapePolicyVariable) : [] }];
}

/** The AWS provider writes IAM policy variables as `&{aws:username}` so Terraform does not interpolate them. */
export function unescapePolicyVariable(item: Str): Str {
  return item.value.includes('&{') && item.origin !== 'unresolved' ? { ...item, value: item.value.replace(/&\{/g, '${') } : item;
}
