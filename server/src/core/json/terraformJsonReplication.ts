import { Node } from 'jsonc-parser';
import { ReplicationConfiguration, ReplicationDestination, Str } from '../model';
import { resolveTemplate, unescapeTemplate } from '../terraform/resolve';

const TYPE = 'aws_ecr_replication_configuration';

/**
 * Terraform's JSON syntax (`*.tf.json`): `resource.aws_ecr_replication_configuration.NAME
 * .replication_configuration.rule.destination` (each an object or a list of them) with `registry_id` and
 * `region`. Template expressions resolve as for policies (terraformJson.ts): the caller identity's account
 * is the team's own, anything else is unresolved.
 */
export function extractTerraformJsonReplications(root: Node): ReplicationConfiguration[] {
  return entries(child(child(root, 'resource'), TYPE)).flatMap(([name, resource]) => {
    const destinations = objects(child(resource, 'replication_configuration')).flatMap((configuration) =>
      objects(child(configuration, 'rule')).flatMap((rule) => objects(child(rule, 'destination')).flatMap(destinationOf)));
    if (destinations.length === 0) return [];
    return [{ span: { offset: resource.offset, length: resource.length }, destinations, provenance: { source: 'terraform-json' as const, resource: `${TYPE}.${name}`, property: 'replication_configuration' } }];
  });
}

function destinationOf(node: Node): ReplicationDestination[] {
  const registryId = stringOf(child(node, 'registry_id'));
  if (!registryId) return [];
  const region = stringOf(child(node, 'region'));
  return [{ registryId, ...(region ? { region } : {}), span: { offset: node.offset, length: node.length } }];
}

function stringOf(node: Node | undefined): Str | undefined {
  if (node?.type !== 'string') return undefined;
  const value = String(node.value);
  const span = { offset: node.offset, length: node.length };
  return value.includes('${') ? resolveTemplate(value, span, unescapeTemplate) : { value, span };
}

function child(node: Node | undefined, name: string): Node | undefined {
  if (node?.type !== 'object') return undefined;
  return (node.children ?? []).find((property) => property.children?.[0]?.value === name)?.children?.[1];
}

function entries(node: Node | undefined): [string, Node][] {
  if (node?.type !== 'object') return [];
  return (node.children ?? []).flatMap((property) => {
    const [key, value] = property.children ?? [];
    return key && value ? [[String(key.value), value] as [string, Node]] : [];
  });
}

function objects(node: Node | undefined): Node[] {
  if (!node) return [];
  return node.type === 'array' ? (node.children ?? []).filter((item) => item.type === 'object') : node.type === 'object' ? [node] : [];
}
