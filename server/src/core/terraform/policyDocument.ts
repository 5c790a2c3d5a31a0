import type { Node } from 'web-tree-sitter';
import { ConditionClause, PolicyDocument, PolicyStatement, PrincipalRef, Str } from '../model';
import { ModuleScope, resolveStrings } from './resolve';
import { attributesOf, blocksOf, HclBlock } from './syntax';
import { spanOf, valueOf } from './values';

/**
 * `data "aws_iam_policy_document"` in the statement model: `statement` blocks with sid, effect (Allow when
 * absent, as Terraform defaults it), principals / not_principals blocks, actions / not_actions and
 * condition blocks. Every string keeps its own range in the .tf file.
 */
export function policyDocumentFromBlock(block: HclBlock, scope: ModuleScope): PolicyDocument {
  const statements = blocksOf(block.body)
    .filter((child) => child.type === 'statement')
    .map((child, index) => statementFromBlock(child, index, scope));
  return { span: spanOf(block.node), syntax: { kind: 'hcl-document' }, statements };
}

function statementFromBlock(block: HclBlock, index: number, scope: ModuleScope): PolicyStatement {
  const attributes = attributesOf(block.body);
  const first = (name: string): Str | undefined => {
    const expression = attributes.get(name);
    return expression ? resolveStrings(valueOf(expression), scope)[0] : undefined;
  };
  const keyword = keywordOf(block);
  const statement: PolicyStatement = {
    index,
    span: spanOf(block.node),
    sid: first('sid'),
    effect: first('effect') ?? { value: 'Allow', span: keyword.span },
    notPrincipal: false,
    principals: [],
    notAction: false,
    actions: [],
    conditions: [],
  };
  const actions = attributes.get('actions') ?? attributes.get('not_actions');
  if (actions) {
    statement.notAction = !attributes.has('actions');
    statement.actionKey = { value: statement.notAction ? 'NotAction' : 'Action', span: spanOf(actions.parent?.namedChild(0) ?? actions) };
    statement.actions = resolveStrings(valueOf(actions), scope);
  }
  const children = blocksOf(block.body);
  const principalBlocks = children.filter((child) => child.type === 'principals');
  const notPrincipalBlocks = children.filter((child) => child.type === 'not_principals');
  const chosen = principalBlocks.length > 0 ? principalBlocks : notPrincipalBlocks;
  if (chosen.length > 0) {
    statement.notPrincipal = principalBlocks.length === 0;
    statement.principalKey = { value: statement.notPrincipal ? 'NotPrincipal' : 'Principal', span: keywordOf(chosen[0]).span };
    statement.principals = chosen.flatMap((child) => principalsFromBlock(child, scope));
  }
  const conditionBlocks = children.filter((child) => child.type === 'condition');
  if (conditionBlocks.length > 0) {
    statement.conditionKey = { value: 'Condition', span: keywordOf(conditionBlocks[0]).span };
    statement.conditions = conditionBlocks.flatMap((child) => conditionFromBlock(child, scope));
  }
  return statement;
}

function principalsFromBlock(block: HclBlock, scope: ModuleScope): PrincipalRef[] {
  const attributes = attributesOf(block.body);
  const typeNode = attributes.get('type');
  const identifiers = attributes.get('identifiers');
  if (!typeNode || !identifiers) return [];
  const type = resolveStrings(valueOf(typeNode), scope)[0];
  if (!type) return [];
  const kind = type.origin === 'unresolved' ? 'AWS' : type.value;
  return resolveStrings(valueOf(identifiers), scope).map((value) => ({ kind, value }));
}

function conditionFromBlock(block: HclBlock, scope: ModuleScope): ConditionClause[] {
  const attributes = attributesOf(block.body);
  const test = attributes.get('test');
  const variable = attributes.get('variable');
  const values = attributes.get('values');
  const operator = test && resolveStrings(valueOf(test), scope)[0];
  const key = variable && resolveStrings(valueOf(variable), scope)[0];
  // `test = []` and the like name no operator or key: there is no clause to judge.
  if (!operator || !key) return [];
  return [{ operator, key, values: values ? resolveStrings(valueOf(values), scope) : [] }];
}

/** The block's type keyword (`statement`, `principals`), where block-level findings and keys point. */
function keywordOf(block: HclBlock): Str {
  const keyword: Node | null = block.node.namedChild(0);
  return { value: block.type, span: keyword ? spanOf(keyword) : spanOf(block.node) };
}
