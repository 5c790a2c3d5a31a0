import { AnalysisOptions, checkPolicies } from '../analyze';
import { FileResult } from '../batch';
import { Drift, driftOf } from '../drift/compare';
import { DefinitionIndex, indexDefinitions } from '../drift/match';
import { isEcrResourcePolicy } from '../grants';
import { isolated } from '../isolate';
import { Finding, PolicyDocument, ReplicationConfiguration } from '../model';
import { runDriftRules } from '../rules';
import { ecrApiSource } from '../sources/ecrApi';
import { Provenance } from '../sources/types';
import { suppressFindings } from '../suppressions';
import { DeployedKind, DeployedResource } from './resources';

/** A policy of the workspace, as the scan read it: what drift compares a deployed policy with. */
export interface WorkspacePolicy {
  /** The file that defines it (a path or URI). */
  file: string;
  /** The file's text. */
  text: string;
  document: PolicyDocument;
}

export interface DeployedResult {
  resource: DeployedResource;
  /** As for a file: the resource's text is the document analysed; spans are offsets into it. */
  result: FileResult;
  /** How the policy stands against the workspace, when one was given (not for replication). */
  drift?: Drift;
}

/** The field of the API's answer that holds the text (GetRepositoryPolicy's `policyText`, ...). */
const PROPERTY: Readonly<Record<DeployedKind, string>> = {
  'repository-policy': 'policyText',
  'registry-policy': 'policyText',
  'creation-template': 'repositoryPolicy',
  'replication': 'replicationConfiguration',
};

/**
 * Every deployed resource through the same rules as a file, and, given the workspace's policies, against
 * its definition there (policy-drift, unmanaged-policy). The audited account is one of the user's own only
 * if the trust list says so: nothing here marks a principal `own-account`.
 */
export function analyzeDeployed(resources: readonly DeployedResource[], options: AnalysisOptions, workspace?: readonly WorkspacePolicy[]): DeployedResult[] {
  const index = workspace ? indexDefinitions(workspace) : undefined;
  return resources.map((resource) => analyzeResource(resource, options, index));
}

function analyzeResource(resource: DeployedResource, options: AnalysisOptions, index: DefinitionIndex | undefined): DeployedResult {
  const { documents, replications } = isolated(() => extractResource(resource), { documents: [], replications: [] });
  let policies = replications.length;
  for (const document of documents) if (isEcrResourcePolicy(document)) policies++;
  const checked: Finding[] = policies > 0 ? checkPolicies(documents, options, replications) : [];
  const drift = index ? isolated(() => driftOf(resource, documents[0], index), undefined) : undefined;
  if (drift) checked.push(...runDriftRules({ resource, document: documents[0], drift }));
  checked.sort((a, b) => a.span.offset - b.span.offset || a.rule.localeCompare(b.rule));
  const findings = checked.length > 0 ? suppressFindings(checked, { name: resource.arn, resource: resource.arn, text: resource.text, source: ecrApiSource, environment: {}, options }) : [];
  const result: FileResult = { source: 'ecr-api', parsed: true, documents, damaged: [], replications, policies, findings };
  return drift ? { resource, result, drift } : { resource, result };
}

/** The resource's policy (or replication configuration), named by ARN; the kind decides which is looked for. */
export function extractResource(resource: DeployedResource): { documents: PolicyDocument[]; replications: ReplicationConfiguration[] } {
  const extraction = ecrApiSource.extract(resource.text, {});
  const provenance: Provenance = {
    source: 'ecr-api', resource: resource.arn, property: PROPERTY[resource.kind], ...(resource.repository !== undefined ? { repository: resource.repository } : {}),
  };
  if (resource.kind === 'replication') {
    return { documents: [], replications: (extraction.replications ?? []).map((replication) => ({ ...replication, provenance })) };
  }
  // AWS stored it as this resource's policy: its statements are ECR's whatever their actions say.
  const documents = extraction.documents.map((document): PolicyDocument => ({
    ...document,
    ecrRelevant: true,
    provenance,
    ...(resource.kind === 'registry-policy' ? { registryScope: resource.registryScope ?? 'V2' } : {}),
  }));
  return { documents, replications: [] };
}
