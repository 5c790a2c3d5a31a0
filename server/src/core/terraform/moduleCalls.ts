import { PolicyDocument } from '../model';
import { toExpr } from './eval/ast';
import { EvalContext } from './eval/context';
import { evaluateOrUnknown } from './eval/evaluate';
import { documentFromValue } from './eval/policyValue';
import { Placement, spanIn } from './eval/strs';
import { Value } from './eval/value';
import { blockContext, blockInstances, placementOf } from './evalContext';
import { TerraformModuleContext } from './module';
import { relocate } from './relocate';
import { registryModuleFor } from './registryModules';
import { attributesOf, HclBlock } from './syntax';
import { spanOf } from './values';

const META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/**
 * A `module` block: the policies the called module builds from the caller's inputs (a local or installed
 * module's source evaluated with them, else a known registry module's statements), placed on the caller's
 * inputs, with what the module writes itself shown at the call and pointing into the module.
 */
export function modulePolicies(block: HclBlock, module: TerraformModuleContext, file: string): PolicyDocument[] {
  const name = block.labels[0] ?? '';
  const attributes = attributesOf(block.body);
  const sourceNode = attributes.get('source');
  const home = spanOf(block.node);
  const base = blockContext(module, file, home, {});
  const source = sourceNode && evaluateOrUnknown(toExpr(sourceNode), base, () => sourceNode.text);
  if (source?.kind !== 'string') return [];
  const anchor = block.node.namedChildren.find((child) => child?.type === 'string_lit') ?? block.node.namedChild(0);
  const placement = placementOf(file, home, anchor ? spanOf(anchor) : home);
  return blockInstances(block, module, file).flatMap((instance) => {
    const { context } = instance;
    const inputs = new Map<string, Value>();
    for (const [input, node] of attributesOf(block.body)) {
      if (!META_ARGUMENTS.has(input)) inputs.set(input, pinned(evaluateOrUnknown(toExpr(node), context, () => node.text), placement, context));
    }
    const address = `module.${name}${instance.key}`;
    const child = module.inputs.childPolicies?.(source.value, name, inputs);
    if (child) return child.map(({ file: childFile, document }) => relocate(document, childFile, placement, address));
    const registry = registryModuleFor(source.value);
    if (!registry) return [];
    return registry.policies(inputs, { origin: { file, span: placement.anchor } }).map((policy) => {
      const document = documentFromValue(policy.policy, placement, { kind: 'opaque' }, `built by module ${name} (${registry.address})`);
      const repository = policy.repository?.kind === 'string' ? { repository: policy.repository.value } : {};
      document.provenance = { source: 'terraform', resource: `${address}.${policy.resource}`, property: policy.property, ...repository };
      document.ecrRelevant = true;
      // The registry policy scope is an account setting: the calling module's aws_ecr_account_setting gives it.
      if (policy.resource.startsWith('aws_ecr_registry_policy.')) document.registryScope = module.registryScope();
      return document;
    });
  });
}

/**
 * An input value fixed at where the caller shows it: inside the module its origin is the caller's
 * argument (or the reference in it), which the module's findings then point back to.
 */
function pinned(value: Value, placement: Placement, context: EvalContext, depth = 0): Value {
  const origin = { file: context.file, span: spanIn(value, placement) };
  const fixed = { origin, site: undefined, via: value.via };
  if (depth > 32) return { ...value, ...fixed };
  if (value.kind === 'list') return { ...value, ...fixed, items: value.items.map((item) => pinned(item, placement, context, depth + 1)) };
  if (value.kind === 'object') {
    const entries = new Map<string, Value>();
    for (const [key, item] of value.entries) entries.set(key, pinned(item, placement, context, depth + 1));
    return { ...value, ...fixed, entries, keys: undefined };
  }
  return { ...value, ...fixed };
}
