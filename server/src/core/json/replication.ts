import { Node } from 'jsonc-parser';
import { ReplicationConfiguration, ReplicationDestination, Str } from '../model';
import { parseJson, property, spanOf } from './extract';
import { extractTerraformJsonReplications } from './terraformJsonReplication';

/**
 * A registry replication configuration as the ECR API takes it (`aws ecr put-replication-configuration
 * --replication-configuration file://x.json`: `{"rules": [{"destinations": [{"region", "registryId"}]}]}`)
 * or returns it (`aws ecr describe-registry`: the same under `replicationConfiguration`), and Terraform JSON's
 * `aws_ecr_replication_configuration` resources. Anything else yields nothing.
 */
export function extractJsonReplications(text: string, root: Node | undefined = parseJson(text)): ReplicationConfiguration[] {
  if (root?.type !== 'object') return [];
  if (property(root, 'resource')) return extractTerraformJsonReplications(root);
  const wrapped = property(root, 'replicationConfiguration');
  const configuration = wrapped?.type === 'object' ? wrapped : root;
  const rules = property(configuration, 'rules');
  if (rules?.type !== 'array') return [];
  const destinations = (rules.children ?? []).flatMap((rule) => {
    const list = rule.type === 'object' ? property(rule, 'destinations') : undefined;
    return list?.type === 'array' ? (list.children ?? []).flatMap((item) => destinationOf(item) ?? []) : [];
  });
  return destinations.length > 0 ? [{ span: spanOf(configuration), destinations, provenance: { source: 'json', property: 'rules' } }] : [];
}

function destinationOf(node: Node): ReplicationDestination | undefined {
  if (node.type !== 'object') return undefined;
  const registryId = strOf(property(node, 'registryId'));
  if (!registryId) return undefined;
  const region = strOf(property(node, 'region'));
  return { registryId, ...(region ? { region } : {}), span: spanOf(node) };
}

/** A string, or a number as written (an account ID typed without quotes is still that account). */
function strOf(node: Node | undefined): Str | undefined {
  if (node?.type !== 'string' && node?.type !== 'number') return undefined;
  return { value: String(node.value), span: spanOf(node) };
}
