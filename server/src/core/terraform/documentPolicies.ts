import { PolicyDocument } from '../model';
import { Expr, toExpr } from './eval/ast';
import { EvalContext } from './eval/context';
import { evaluateBlock } from './eval/blocks';
import { documentFromBlock } from './eval/policyDocument';
import { blockInstances, placementOf } from './evalContext';
import { DOCUMENT_EXPRESSION, TerraformModuleContext } from './module';
import { policyOfExpr } from './resourcePolicies';
import { attributesOf, HclBlock } from './syntax';
import { spanOf } from './values';

const MERGED = ['source_policy_documents', 'override_policy_documents'];

/**
 * A `data "aws_iam_policy_document"` once per instance: its own statements (less those replaced in every
 * deployed policy that merges it), and the documents written inline in its source and override lists
 * (`jsonencode(...)`, a heredoc, `file(...)`); documents it merges by reference report where they are written.
 */
export function documentPolicies(block: HclBlock, module: TerraformModuleContext, file: string): PolicyDocument[] {
  const name = block.labels[1] ?? '';
  const home = spanOf(block.node);
  const keyword = block.node.namedChild(0);
  const surviving = module.surviving.get(name);
  return blockInstances(block, module, file).flatMap((instance) => {
    const { context } = instance;
    const evaluated = evaluateBlock(block, context);
    const document = documentFromBlock(evaluated, placementOf(file, home, keyword ? spanOf(keyword) : home));
    if (surviving && !instance.unknown) document.statements = document.statements.filter((statement) => surviving.has(statement.index)).map((statement, index) => ({ ...statement, index }));
    const resource = `data.${block.labels[0]}.${name}${instance.key}`;
    const documents = [document, ...inlineDocuments(block, context, file)];
    for (const item of documents) {
      item.provenance = { source: 'terraform', resource, ...(item === document ? {} : { property: item.provenance?.property }) };
      if (module.ecrDocuments.has(name)) item.ecrRelevant = true;
      if (module.registryDocuments.has(name)) item.registryScope = module.registryScope();
    }
    return documents.filter((item) => item === document || item.statements.length > 0);
  });
}

function inlineDocuments(block: HclBlock, context: EvalContext, file: string): PolicyDocument[] {
  const attributes = attributesOf(block.body);
  return MERGED.flatMap((property) => {
    const node = attributes.get(property);
    if (!node) return [];
    const expr = toExpr(node);
    const items: Expr[] = expr.kind === 'tuple' ? expr.items : [expr];
    return items.flatMap((item) => {
      if (isDocumentReference(item)) return [];
      const document = policyOfExpr(item, context, placementOf(file, spanOf(block.node), item.span));
      if (document) document.provenance = { source: 'terraform', property };
      return document ? [document] : [];
    });
  });
}

function isDocumentReference(expr: Expr): boolean {
  return expr.kind === 'traversal' && DOCUMENT_EXPRESSION.test(expr.text.replace(/\s+/g, ''));
}
