import { ReplicationConfiguration, ReplicationDestination } from '../model';
import { Evaluator } from './intrinsics';
import { CfnNode, fullSpan, literalOf, valueOf } from './nodes';

const REPLICATION_TYPE = 'AWS::ECR::ReplicationConfiguration';

/**
 * The destinations of an `AWS::ECR::ReplicationConfiguration` (`ReplicationConfiguration: { Rules: [{
 * Destinations: [{ Region, RegistryId }] }] }`); nothing for any other resource. Both branches of `Fn::If`
 * count, and a RegistryId the template does not tell (an import, a parameter without a Default) is kept
 * unresolved, to be reported as such.
 */
export function resourceReplications(logicalId: string, resource: CfnNode, evaluator: Evaluator): ReplicationConfiguration[] {
  if (literalOf(valueOf(resource, 'Type')) !== REPLICATION_TYPE) return [];
  const configuration = valueOf(valueOf(resource, 'Properties'), 'ReplicationConfiguration');
  if (!configuration) return [];
  const destinations = each(evaluator, configuration, (alternative) =>
    each(evaluator, valueOf(alternative, 'Rules'), (rule) =>
      each(evaluator, valueOf(rule, 'Destinations'), (destination) => destinationsOf(destination, evaluator))));
  if (destinations.length === 0) return [];
  return [{ span: fullSpan(resource), destinations, provenance: { source: 'cloudformation', resource: `${REPLICATION_TYPE} ${logicalId}`, property: 'ReplicationConfiguration' } }];
}

/** Every alternative of `node` (Fn::If branches), each list flattened to its items. */
function each<T>(evaluator: Evaluator, node: CfnNode | undefined, map: (node: CfnNode) => T[]): T[] {
  if (!node) return [];
  return evaluator.alternatives(node).flatMap((alternative) =>
    alternative.kind === 'seq' ? alternative.items.flatMap((item) => evaluator.alternatives(item).flatMap(map)) : map(alternative));
}

function destinationsOf(node: CfnNode, evaluator: Evaluator): ReplicationDestination[] {
  if (node.kind !== 'map') return [];
  const registryId = valueOf(node, 'RegistryId');
  if (!registryId) return [];
  const region = valueOf(node, 'Region');
  const regionStr = region ? evaluator.strings(region)[0] : undefined;
  return evaluator.strings(registryId).map((value) => ({ registryId: value, ...(regionStr ? { region: regionStr } : {}), span: node.span }));
}
