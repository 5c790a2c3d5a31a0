import type { Node } from 'web-tree-sitter';
import { DocumentSyntax, PolicyDocument } from '../model';
import { Expr, toExpr } from './eval/ast';
import { EvalContext } from './eval/context';
import { evaluateOrUnknown } from './eval/evaluate';
import { documentFromValue } from './eval/policyValue';
import { Placement } from './eval/strs';
import { Value } from './eval/value';
import { embeddedPolicy, Interpolations } from './embedded';
import { blockInstances, placementOf } from './evalContext';
import { jsonValue } from './eval/json';
import { documentReference, ECR_POLICY_RESOURCES, TerraformModuleContext } from './module';
import { attributesOf, HclBlock } from './syntax';
import { spanOf, valueOf } from './values';

/** The policy of an ECR policy resource, once per instance; a policy taken from a policy document is that document's. */
export function resourcePolicies(block: HclBlock, module: TerraformModuleContext, file: string): PolicyDocument[] {
  const type = block.labels[0];
  const property = ECR_POLICY_RESOURCES.get(type)!;
  const attributes = attributesOf(block.body);
  const node = attributes.get(property);
  if (!node || documentReference(valueOf(node))) return [];
  const home = spanOf(block.node);
  return blockInstances(block, module, file).flatMap((instance) => {
    const { context } = instance;
    const document = policyOf(node, context, placementOf(file, home, spanOf(node)));
    if (!document) return [];
    document.provenance = { source: 'terraform', resource: `${type}.${block.labels[1] ?? ''}${instance.key}`, property, ...repositoryOf(attributes.get(REPOSITORY_ATTRIBUTE[type] ?? 'repository'), context, module) };
    document.ecrRelevant = true;
    if (type === 'aws_ecr_registry_policy') document.registryScope = module.registryScope();
    return [document];
  });
}

/**
 * A policy expression: JSON text in a heredoc or quoted string (findings inside the text),
 * `jsonencode(...)` of an object (findings on its values), or anything else Terraform computes to a JSON
 * string (`file`, `templatefile`, `format`...), judged whole. A policy that cannot be computed is one
 * unresolved statement at the expression, never silence.
 */
export function policyOf(node: Node, context: EvalContext, placement: Placement): PolicyDocument | undefined {
  const written = valueOf(node);
  const expr = toExpr(node);
  if ((written.kind === 'heredoc' || (written.kind === 'string' && written.quoted)) && expr.kind === 'template') {
    return embeddedPolicy(written, interpolationsOf(expr, context), placement);
  }
  return policyOfExpr(expr, context, placement);
}

/** `jsonencode(...)` (findings on its values) or an expression computing JSON text (judged whole). */
export function policyOfExpr(expr: Expr, context: EvalContext, placement: Placement): PolicyDocument {
  if (expr.kind === 'call' && expr.name === 'jsonencode' && expr.args.length === 1) {
    const syntax: DocumentSyntax = expr.args[0].kind === 'object' ? { kind: 'hcl-object' } : { kind: 'opaque' };
    return documentFromValue(evaluateOrUnknown(expr.args[0], context, () => expr.text), placement, syntax);
  }
  const value = evaluateOrUnknown(expr, context, () => ('text' in expr ? expr.text : 'the policy'));
  return documentFromValue(decoded(value), placement, { kind: 'opaque' });
}

/** A JSON string as the value it encodes (with the string's place); anything else as it is. */
function decoded(value: Value): Value {
  return value.kind === 'string' ? jsonValue(value.value, value) ?? value : value;
}

function interpolationsOf(expr: Extract<Expr, { kind: 'template' }>, context: EvalContext): Interpolations {
  return expr.parts.flatMap((part) => part.kind === 'interpolation' ? [{ span: part.span, value: evaluateOrUnknown(part.expr, context, () => 'an interpolation') }] : []);
}

/** The attribute naming the repository (a creation template's prefix), where it is not `repository`. */
const REPOSITORY_ATTRIBUTE: Readonly<Record<string, string>> = { aws_ecrpublic_repository_policy: 'repository_name', aws_ecr_repository_creation_template: 'prefix' };

// `repository = aws_ecr_repository.NAME.name` (or `.id`, `.repository_url`): the repository resource's address.
const REPOSITORY_REFERENCE = /^aws_ecr(?:public)?_repository\.([A-Za-z_][\w-]*)(\[[^\]]*\])?\.(?:name|id|repository_url|repository_name)$/;
// The instance the policy's own `for_each` / `count` stands for: the repository's `name` is evaluated with the
// policy's `each` / `count` (both blocks iterating the same keys is the pattern these indexes express).
const SAME_INSTANCE = new Set(['[each.key]', '[count.index]']);

/**
 * The repository name a policy resource gives: a literal (or computed) name, or the `name` of the module's
 * repository resource it references (none when that name is not known here, or the reference picks an
 * instance other than the policy's own: a wrong name would match the policy with another repository's
 * deployed one).
 */
function repositoryOf(node: Node | undefined, context: EvalContext, module: TerraformModuleContext): { repository?: string } {
  if (!node) return {};
  const reference = REPOSITORY_REFERENCE.exec(node.text.replace(/\s+/g, ''));
  const named = reference ? module.repositoryNames.get(reference[1]) : undefined;
  if (reference && (!named || (reference[2] !== undefined && !SAME_INSTANCE.has(reference[2])))) return {};
  const value = named
    ? evaluateOrUnknown(named.expr, { module: module.env(), file: named.file, bindings: reference?.[2] ? context.bindings : new Map(), depth: 0 }, () => node.text)
    : evaluateOrUnknown(toExpr(node), context, () => node.text);
  return value.kind === 'string' ? { repository: value.value } : {};
}
