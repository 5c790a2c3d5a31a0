import { extractJsonPolicies } from '../json/extract';
import { extractStrictJsonPolicy } from '../json/fastExtract';
import { extractJsonReplications } from '../json/replication';
import { PolicyDocument } from '../model';
import { jsoncComments } from '../suppressions/comments';
import { includesAny } from './cheapLook';
import { FileSource } from './types';

// A JSON policy needs a `Statement` (Terraform JSON: `statement`) and a principal. JSON keys may spell any
// character as a \u escape, so a text with one is always parsed.
const JSON_STATEMENT = ['Statement', 'statement', '\\u'];
const JSON_PRINCIPAL = ['Principal', 'principals', '\\u'];

/** Whether a JSON text can hold an ECR policy at all: a few substring searches, no parse. */
export function jsonMayHoldPolicy(text: string): boolean {
  return includesAny(text, JSON_STATEMENT) && includesAny(text, JSON_PRINCIPAL);
}

// A replication configuration as the ECR API takes and returns it names `registryId` in `destinations`;
// Terraform JSON names the resource type.
const JSON_DESTINATIONS = ['destinations', '\\u'];
const JSON_REGISTRY_ID = ['registryId', '\\u'];

/** Whether a JSON text can hold a registry replication configuration (a cheap look, as above). */
export function jsonMayHoldReplication(text: string): boolean {
  return (includesAny(text, JSON_DESTINATIONS) && includesAny(text, JSON_REGISTRY_ID)) || text.includes('aws_ecr_replication_configuration');
}

/**
 * Policy JSON files (a repository or registry policy as AWS stores it), and Terraform's JSON syntax
 * (`.tf.json`, recognised by its `resource`/`data` objects as Terraform itself reads any `.tf.json`).
 * Strict JSON policies take a fast path; both paths give the same documents.
 */
export const jsonSource: FileSource = {
  id: 'json',
  label: 'JSON',
  grouping: 'file',
  extensions: ['.json', '.jsonc'],
  languageIds: ['json', 'jsonc'],
  mayHold: (text) => jsonMayHoldPolicy(text) || jsonMayHoldReplication(text),
  comments: jsoncComments,
  extract: (text) => {
    const documents = withProvenance(extractStrictJsonPolicy(text) ?? extractJsonPolicies(text));
    const replications = jsonMayHoldReplication(text) ? extractJsonReplications(text) : [];
    return { documents, damaged: [], ...(replications.length > 0 ? { replications } : {}) };
  },
};

/** A policy file's documents say they come from JSON; Terraform JSON's already name their block. */
function withProvenance(documents: PolicyDocument[]): PolicyDocument[] {
  for (const document of documents) document.provenance ??= { source: 'json' };
  return documents;
}
