import { ReplicationConfiguration, ReplicationDestination } from '../model';
import { Provenance } from '../sources/types';
import { EvaluatedBlock, evaluateBlock } from './eval/blocks';
import { Placement, strsOf } from './eval/strs';
import { unknown, Value } from './eval/value';
import { blockInstances, placementOf } from './evalContext';
import { REPLICATION_RESOURCE, TerraformModuleContext } from './module';
import { HclBlock } from './syntax';
import { spanOf } from './values';

/**
 * An `aws_ecr_replication_configuration` once per instance: `replication_configuration { rule {
 * destination { region registry_id } } }`, `dynamic` rules and destinations expanded. A registry_id the
 * evaluator cannot compute stays an unresolved string (reported as such); the caller identity's account ID
 * is the team's own.
 */
export function resourceReplications(block: HclBlock, module: TerraformModuleContext, file: string): ReplicationConfiguration[] {
  const home = spanOf(block.node);
  return blockInstances(block, module, file).flatMap((instance) => {
    const evaluated = evaluateBlock(block, instance.context);
    const destinations = nested(evaluated, 'replication_configuration').flatMap((configuration) =>
      nested(configuration, 'rule').flatMap((rule) => nested(rule, 'destination').flatMap((destination) => destinationOf(destination, file, home))));
    if (destinations.length === 0) return [];
    const provenance: Provenance = { source: 'terraform', resource: `${REPLICATION_RESOURCE}.${block.labels[1] ?? ''}${instance.key}`, property: 'replication_configuration' };
    return [{ span: home, destinations, provenance }];
  });
}

function nested(block: EvaluatedBlock, type: string): EvaluatedBlock[] {
  return block.blocks.filter((child) => child.type === type);
}

function destinationOf(block: EvaluatedBlock, file: string, home: ReplicationDestination['span']): ReplicationDestination[] {
  const registryId = block.attributes.get('registry_id');
  if (!registryId) return [];
  const region = block.attributes.get('region');
  const regionStr = region ? strsOf(region.value, placementOf(file, home, region.span))[0] : undefined;
  return strsOf(registryId.value, placementOf(file, home, registryId.span)).map((value) => ({ registryId: value, ...(regionStr ? { region: regionStr } : {}), span: block.span }));
}

/**
 * The destinations of a replication rules value as a module takes it (terraform-aws-modules/ecr's
 * `registry_replication_rules`: `[{ destinations = [{ region, registry_id }], repository_filters = [...] }]`).
 * What cannot be computed (the whole list, a rule's destinations, an ID) stands as one unresolved ID.
 */
export function destinationsOfRules(rules: Value, placement: Placement): ReplicationDestination[] {
  return elements(rules).flatMap((rule) => elements(entry(rule, 'destinations')).flatMap((destination) => {
    const registryId = strsOf(entry(destination, 'registry_id'), placement);
    const region = destination.kind === 'object' && destination.entries.has('region') ? strsOf(entry(destination, 'region'), placement)[0] : undefined;
    return registryId.map((value) => ({ registryId: value, ...(region ? { region } : {}), span: value.span }));
  }));
}

/** A list's (or map's) elements; anything else that is not null is one element that cannot be read. */
function elements(value: Value): Value[] {
  if (value.kind === 'list') return value.items;
  if (value.kind === 'object') return [...value.entries.values()];
  return value.kind === 'null' ? [] : [value];
}

function entry(value: Value, key: string): Value {
  if (value.kind === 'object') return value.entries.get(key) ?? { kind: 'null' };
  return value.kind === 'unknown' ? value : unknown(`${value.via ?? 'a value'} without ${key}`, value.origin);
}
