import { DocumentSyntax, PolicyDocument } from '../model';
import { Provenance } from '../sources/types';
import { describe, Evaluator } from './intrinsics';
import { policyFromString } from './jsonString';
import { CfnNode, fullSpan, intrinsicOf, literalOf, valueOf } from './nodes';
import { policyFromMap } from './policy';
import { unreadablePolicy } from '../unreadablePolicy';

/**
 * The ECR resources that carry a resource policy, the property that holds it, and the property that names
 * the repository (AWS CloudFormation Template Reference; see docs/aws-ecr-policy-facts.md).
 */
export const ECR_POLICY_RESOURCES: Readonly<Record<string, { property: string; repository?: string }>> = {
  'AWS::ECR::Repository': { property: 'RepositoryPolicyText', repository: 'RepositoryName' },
  'AWS::ECR::PublicRepository': { property: 'RepositoryPolicyText', repository: 'RepositoryName' },
  'AWS::ECR::RegistryPolicy': { property: 'PolicyText' },
  'AWS::ECR::RepositoryCreationTemplate': { property: 'RepositoryPolicy', repository: 'Prefix' },
};

export function isEcrPolicyResource(type: string | undefined): boolean {
  return type !== undefined && Object.prototype.hasOwnProperty.call(ECR_POLICY_RESOURCES, type);
}

/** The resources template readers keep: the policy resources, and the registry's replication configuration. */
export function isEcrCheckedResource(type: string | undefined): boolean {
  return type === 'AWS::ECR::ReplicationConfiguration' || isEcrPolicyResource(type);
}

/**
 * The policies of one resource, for ECR's policy resources; none for any other. `source` is the text the
 * node's spans point into; `json` says whether the template is JSON (a policy object is then JSON text).
 */
export function resourcePolicies(logicalId: string, resource: CfnNode, evaluator: Evaluator, source: string, json: boolean): PolicyDocument[] {
  const type = literalOf(valueOf(resource, 'Type'));
  if (!type || !isEcrPolicyResource(type)) return [];
  const { property, repository } = ECR_POLICY_RESOURCES[type];
  const properties = valueOf(resource, 'Properties');
  const policy = valueOf(properties, property);
  if (!policy) return [];
  const repositoryName = repository ? literalOf(valueOf(properties, repository)) : undefined;
  const provenance: Provenance = { source: 'cloudformation', resource: `${type} ${logicalId}`, property, ...(repositoryName ? { repository: repositoryName } : {}) };
  return evaluator.alternatives(policy).flatMap((value) => {
    const document = policyOf(value, evaluator, source, json);
    return document ? [{ ...document, provenance, ...scopeOf(type) }] : [];
  });
}

/**
 * CloudFormation has no resource for ECR's account settings, so a template's registry policy is judged under
 * the default registry policy scope, V2 (every action enforced; see PolicyDocument.registryScope).
 */
function scopeOf(type: string): Pick<PolicyDocument, 'registryScope'> {
  return type === 'AWS::ECR::RegistryPolicy' ? { registryScope: 'V2' } : {};
}

function policyOf(node: CfnNode, evaluator: Evaluator, source: string, json: boolean): PolicyDocument | undefined {
  const syntax = (map: CfnNode): DocumentSyntax => json ? { kind: 'json', span: map.span } : { kind: 'yaml' };
  const call = intrinsicOf(node);
  if (!call) return node.kind === 'map' ? policyFromMap(node, evaluator, syntax(node)) : policyFromString(node, evaluator, source);
  if (call.name === 'ToJsonString') return policyFromMap(call.argument, evaluator, syntax(call.argument));
  const built = call.name === 'Sub' || call.name === 'Join' ? policyFromString(node, evaluator, source) : undefined;
  return built ?? unreadablePolicy(fullSpan(node), describe(call));
}
