import type { WorkspacePolicy } from '../deployed/analyze';
import { DeployedResource } from '../deployed/resources';
import { PolicyDocument } from '../model';
import { canonicalPolicy, CanonicalOptions, canonicalPolicyText, unknownValue } from './canonical';
import { DefinitionIndex, definitionsOf } from './match';

/**
 * How a deployed policy stands against the workspace: `same` as a definition (semantically), `drift` from
 * every definition that can be compared, `unmanaged` when no IaC defines it, `unknown` when every
 * definition holds a value not known before deployment (never reported as drift).
 */
export type DriftStatus = 'same' | 'drift' | 'unmanaged' | 'unknown';

export interface Drift {
  status: DriftStatus;
  /** The definition compared with (the first comparable one; for `unknown`, the first found). */
  definition?: WorkspacePolicy;
  /** Both sides in canonical form (canonicalPolicyText), for the editor's diff; absent for `unmanaged` and `unknown`. */
  deployedText?: string;
  workspaceText?: string;
  /** Statements only the deployed policy has, and only the definition has (canonical form, compared whole). */
  added?: number;
  removed?: number;
  /** For `unknown`: the value of the definition that is not known before deployment. */
  unknownValue?: string;
}

/** The deployed document against its definitions; undefined for resources drift does not judge (replication). */
export function driftOf(resource: DeployedResource, deployed: PolicyDocument | undefined, index: DefinitionIndex): Drift | undefined {
  if (resource.kind === 'replication' || !deployed) return undefined;
  const definitions = definitionsOf(resource, index);
  if (definitions.length === 0) return { status: 'unmanaged' };
  const options: CanonicalOptions = { account: resource.account, partition: resource.arn.split(':')[1] ?? 'aws' };
  const comparable = definitions.filter((definition) => comparabilityOf(definition, options) === undefined);
  if (comparable.length === 0) return { status: 'unknown', definition: definitions[0], unknownValue: comparabilityOf(definitions[0], options) };
  const deployedText = canonicalPolicyText(deployed, options);
  const same = comparable.find((definition) => canonicalPolicyText(definition.document, options) === deployedText);
  if (same) return { status: 'same', definition: same, deployedText, workspaceText: deployedText };
  const definition = comparable[0];
  const { added, removed } = statementDifference(deployed, definition.document, options);
  return { status: 'drift', definition, deployedText, workspaceText: canonicalPolicyText(definition.document, options), added, removed };
}

/**
 * Why a definition cannot be compared: a value not known before deployment, or a CloudFormation
 * condition (`Fn::If`) whose branch the template alone does not decide (ECR Guard reads both).
 */
function comparabilityOf(definition: WorkspacePolicy, options: CanonicalOptions): string | undefined {
  const { document } = definition;
  const unknown = unknownValue(document, options);
  if (unknown !== undefined) return unknown;
  if (document.provenance?.source !== 'cloudformation') return undefined;
  const text = definition.text.slice(document.span.offset, document.span.offset + document.span.length);
  return /Fn::If|!If\b/.test(text) ? 'Fn::If' : undefined;
}

/**
 * What to tell the user about a policy drift could not judge (status `unknown`): which definition, and the
 * value not known before deployment. Undefined for every other status (their findings say it).
 */
export function driftNote(drift: Drift): string | undefined {
  if (drift.status !== 'unknown' || !drift.definition) return undefined;
  const where = drift.definition.document.provenance?.resource ?? drift.definition.file;
  const why = drift.unknownValue === 'Fn::If' ? 'it holds a CloudFormation Fn::If, whose branch is not known here' : `${drift.unknownValue ?? 'a value'} is not known before deployment`;
  return `Not compared with ${where} (${drift.definition.file}): ${why}.`;
}

function statementDifference(deployed: PolicyDocument, defined: PolicyDocument, options: CanonicalOptions): { added: number; removed: number } {
  const keys = (document: PolicyDocument): string[] => canonicalPolicy(document, options).Statement.map((statement) => JSON.stringify(statement));
  const ours = keys(defined);
  const theirs = keys(deployed);
  return { added: theirs.filter((key) => !ours.includes(key)).length, removed: ours.filter((key) => !theirs.includes(key)).length };
}
