import { PolicyDocument, ReplicationConfiguration } from '../model';
import { toExpr } from './eval/ast';
import { EvalContext } from './eval/context';
import { evaluateOrUnknown } from './eval/evaluate';
import { documentFromValue } from './eval/policyValue';
import { Placement, spanIn } from './eval/strs';
import { Value } from './eval/value';
import { blockContext, blockInstances, placementOf } from './evalContext';
import { TerraformModuleContext } from './module';
import { relocate } from './relocate';
import { destinationsOfRules } from './replication';
import { registryModuleFor } from './registryModules';
import { attributesOf, HclBlock } from './syntax';
import { spanOf } from './values';

const META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/** One instance of a module call: its address and the caller's inputs, pinned where the caller shows them. */
interface CallInstance {
  address: string;
  inputs: Map<string, Value>;
}

/** A `module` block's source, where what the module writes itself is shown, and its instances' inputs. */
function moduleCall(block: HclBlock, module: TerraformModuleContext, file: string): { source: string; placement: Placement; instances: CallInstance[] } | undefined {
  const name = block.labels[0] ?? '';
  const attributes = attributesOf(block.body);
  const sourceNode = attributes.get('source');
  const home = spanOf(block.node);
  const base = blockContext(module, file, home, {});
  const source = sourceNode && evaluateOrUnknown(toExpr(sourceNode), base, () => sourceNode.text);
  if (source?.kind !== 'string') return undefined;
  const anchor = block.node.namedChildren.find((child) => child?.type === 'string_lit') ?? block.node.namedChild(0);
  const placement = placementOf(file, home, anchor ? spanOf(anchor) : home);
  const instances = blockInstances(block, module, file).map((instance) => {
    const { context } = instance;
    const inputs = new Map<string, Value>();
    for (const [input, node] of attributes) {
      if (!META_ARGUMENTS.has(input)) inputs.set(input, pinned(evaluateOrUnknown(toExpr(node), context, () => node.text), placement, context));
    }
    return { address: `module.${name}${instance.key}`, inputs };
  });
  return { source: source.value, placement, instances };
}

/**
 * A `module` block: the policies the called module builds from the caller's inputs (a local or installed
 * module's source evaluated with them, else a known registry module's statements), placed on the caller's
 * inputs, with what the module writes itself shown at the call and pointing into the module.
 */
export function modulePolicies(block: HclBlock, module: TerraformModuleContext, file: string): PolicyDocument[] {
  const name = block.labels[0] ?? '';
  const call = moduleCall(block, module, file);
  if (!call) return [];
  const { placement } = call;
  return call.instances.flatMap(({ address, inputs }) => {
    const child = module.inputs.childPolicies?.(call.source, name, inputs);
    if (child) return child.map(({ file: childFile, document }) => relocate(document, childFile, placement, address));
    const registry = registryModuleFor(call.source);
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
 * The replication configuration a known registry module creates from the caller's inputs, with its
 * destinations on those inputs. Local and installed modules' own replication resources are not followed.
 */
export function moduleReplications(block: HclBlock, module: TerraformModuleContext, file: string): ReplicationConfiguration[] {
  const call = moduleCall(block, module, file);
  const registry = call && registryModuleFor(call.source);
  if (!call || !registry?.replications) return [];
  const { placement } = call;
  return call.instances.flatMap(({ address, inputs }) => registry.replications!(inputs, { origin: { file, span: placement.anchor } }).flatMap((replication) => {
    const destinations = destinationsOfRules(replication.rules, placement);
    if (destinations.length === 0) return [];
    const provenance = { source: 'terraform' as const, resource: `${address}.${replication.resource}`, property: replication.property };
    return [{ span: placement.home, destinations, provenance }];
  }));
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
