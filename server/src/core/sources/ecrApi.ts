import { extractJsonPolicies } from '../json/extract';
import { extractStrictJsonPolicy } from '../json/fastExtract';
import { extractJsonReplications } from '../json/replication';
import { jsonMayHoldPolicy, jsonMayHoldReplication } from './json';
import { FileSource } from './types';

/**
 * Policies and replication configurations as the ECR API returns them (`ecr-guard audit`): the same JSON
 * extraction as policy files, so every rule judges a deployed policy exactly as it would the file. No file
 * name or language selects it (its `extensions` and `languageIds` are empty): core/deployed hands it the
 * texts the API returned and names where each came from. Terraform JSON is never looked for: the API returns
 * a policy, not a configuration that holds one.
 */
export const ecrApiSource: FileSource = {
  id: 'ecr-api',
  label: 'ECR API',
  grouping: 'file',
  extensions: [],
  languageIds: [],
  mayHold: (text) => jsonMayHoldPolicy(text) || jsonMayHoldReplication(text),
  extract: (text) => {
    const documents = (extractStrictJsonPolicy(text) ?? extractJsonPolicies(text)).filter((document) => document.syntax.kind === 'json');
    const replications = jsonMayHoldReplication(text) ? extractJsonReplications(text) : [];
    return { documents, damaged: [], ...(replications.length > 0 ? { replications } : {}) };
  },
};
