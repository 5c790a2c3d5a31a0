import { extractJsonPolicies } from '../json/extract';
import { extractStrictJsonPolicy } from '../json/fastExtract';
import { PolicyDocument } from '../model';
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
  mayHold: jsonMayHoldPolicy,
  extract: (text) => ({ documents: withProvenance(extractStrictJsonPolicy(text) ?? extractJsonPolicies(text)), damaged: [] }),
};

/** A policy file's documents say they come from JSON; Terraform JSON's already name their block. */
function withProvenance(documents: PolicyDocument[]): PolicyDocument[] {
  for (const document of documents) document.provenance ??= { source: 'json' };
  return documents;
}
