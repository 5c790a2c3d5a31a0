import { AnalysisOptions, checkPolicies } from '../analyze';
import { FileResult } from '../batch';
import { isEcrResourcePolicy } from '../grants';
import { isolated } from '../isolate';
import { PolicyDocument, ReplicationConfiguration } from '../model';
import { ecrApiSource } from '../sources/ecrApi';
import { Provenance } from '../sources/types';
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
}

/** The field of the API's answer that holds the text (GetRepositoryPolicy's `policyText`, ...). */
const PROPERTY: Readonly<Record<DeployedKind, string>> = {
  'repository-policy': 'policyText',
  'registry-policy': 'policyText',
  'creation-template': 'repositoryPolicy',
  'replication': 'replicationConfiguration',
};

/**
 * Every deployed resource through the same rules as a file. The audited account is one of the user's own
 * only if the trust list says so: nothing here marks a principal `own-account`.
 */
export function analyzeDeployed(resources: readonly DeployedResource[], options: AnalysisOptions, workspace?: readonly WorkspacePolicy[]): DeployedResult[] {
  void workspace;
  return resources.map((resource) => ({ resource, result: analyzeResource(resource, options) }));
}

function analyzeResource(resource: DeployedResource, options: AnalysisOptions): FileResult {
  const { documents, replications } = isolated(() => extractResource(resource), { documents: [], replications: [] });
  let policies = replications.length;
  for (const document of documents) if (isEcrResourcePolicy(document)) policies++;
  const findings = policies > 0 ? checkPolicies(documents, options, replications) : [];
  return { source: 'ecr-api', parsed: true, documents, damaged: [], replications, policies, findings };
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
