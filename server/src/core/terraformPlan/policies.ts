import { parseJson, policyAt } from '../json/extract';
import { nestsTooDeep } from '../json/nesting';
import { PolicyDocument, Span } from '../model';
import { RegistryScope, scopeFromValues, SCOPE_SETTING } from '../terraform/registryScope';
import { mapDocument } from '../shift';
import { Provenance } from '../sources/types';
import { unreadablePolicy } from '../unreadablePolicy';
import { decodeJsonString, spanMapper } from './jsonString';
import { PlannedResource, readPlan } from './read';
import { ACCOUNT_SETTING_TYPE, isPlanPolicyType, PLAN_POLICY_RESOURCES } from './resources';

/**
 * The ECR policies a Terraform plan (`terraform show -json PLANFILE`) will deploy: the policy attributes
 * of `planned_values`, whose values are the policies' JSON text. Prior state and each change's `before`
 * are what exists now, not what the plan deploys, and are not read. A policy `resource_changes` says is
 * known only after apply is reported as one that cannot be checked.
 */
export function planPolicies(text: string): PolicyDocument[] {
  if (nestsTooDeep(text)) return [];
  const plan = readPlan(text);
  if (!supportedFormat(plan.formatVersion)) return [];
  const scope = planRegistryScope(plan.resources);
  return plan.resources.flatMap((resource) => {
    const document = resourcePolicy(text, resource, plan.unknownAfterApply);
    if (!document) return [];
    return resource.type === 'aws_ecr_registry_policy' ? [{ ...document, registryScope: scope }] : [document];
  });
}

/**
 * The registry policy scope the plan's `aws_ecr_account_setting` REGISTRY_POLICY_SCOPE gives: V1 only where
 * one says so and none says V2; V2 otherwise, the default of every new registry.
 */
function planRegistryScope(resources: readonly PlannedResource[]): RegistryScope {
  const values = resources.flatMap((resource) => {
    if (resource.type !== ACCOUNT_SETTING_TYPE || resource.values.get('name')?.value !== SCOPE_SETTING) return [];
    const value = resource.values.get('value')?.value;
    return typeof value === 'string' ? [value] : [];
  });
  return scopeFromValues(values);
}

/**
 * Terraform's JSON output format: "Reject any input which reports an unsupported major version" (Terraform
 * documentation, "JSON Output Format"). Versions 0.x and 1.x share the shape read here.
 */
function supportedFormat(version: unknown): boolean {
  if (version === undefined) return true;
  return typeof version === 'string' && /^[01]\./.test(version);
}

function resourcePolicy(text: string, resource: PlannedResource, unknownAfterApply: ReadonlyMap<string, ReadonlySet<string>>): PolicyDocument | undefined {
  if (!isPlanPolicyType(resource.type)) return undefined;
  const { property, repository } = PLAN_POLICY_RESOURCES[resource.type];
  const address = typeof resource.address?.value === 'string' ? resource.address.value : undefined;
  const repositoryName = repository ? resource.values.get(repository)?.value : undefined;
  const provenance: Provenance = {
    source: 'terraform-plan',
    resource: address ?? resource.type,
    property,
    ...(typeof repositoryName === 'string' ? { repository: repositoryName } : {}),
  };
  const policy = resource.values.get(property);
  if (typeof policy?.value === 'string') {
    const document = stringPolicy(text, policy.span);
    return document && { ...document, provenance };
  }
  if (policy !== undefined || address === undefined || !unknownAfterApply.get(address)?.has(property)) return undefined;
  return { ...unreadablePolicy(resource.address!.span, `${address}.${property} (known after apply)`), provenance };
}

/**
 * A policy written as the JSON string literal at `literal`: its value is parsed as a policy, and every span
 * maps back through the literal's escapes onto the characters that spell it. Such text cannot be edited
 * as JSON, so its syntax is opaque (findings, no quick fixes).
 */
function stringPolicy(text: string, literal: Span): PolicyDocument | undefined {
  const end = literal.offset + literal.length;
  const closed = literal.length >= 2 && text[end - 1] === '"';
  const { value, offsets } = decodeJsonString(text.slice(literal.offset + 1, closed ? end - 1 : end));
  const root = parseJson(value);
  const document = root && policyAt(root, { kind: 'opaque' });
  if (!document) return undefined;
  const map = spanMapper(offsets, literal.offset + 1);
  return { ...mapDocument(document, map, (item) => ({ ...item, span: map(item.span) })), ecrRelevant: true };
}
