import { readPolicyFileSync, ReadResult } from './readPolicyFile';

/** A trust list names accounts: a megabyte is thousands of them, and anything larger is not one. */
export const TRUST_LIST_MAX_BYTES = 1024 * 1024;

/** A trust list's text, read as policies are (regular files only, bounded), or why it was not read. */
export function readTrustListSync(file: string): ReadResult {
  return readPolicyFileSync(file, TRUST_LIST_MAX_BYTES, 'the limit for trust lists');
}
