import { ACCOUNT_KEYS, ARN_KEYS, ORGANIZATION_KEYS, ORGANIZATION_PATH_KEYS as PATH_KEYS } from './conditionKeys';

/**
 * IAM policy variables (IAM User Guide, "IAM policy elements: Variables and tags"): "Variables were
 * introduced in version 2012-10-17. ... If you don't include the Version element and set it to an
 * appropriate version date, variables like ${aws:username} are treated as literal strings in the policy."
 */
export function variablesApply(version: string | undefined): boolean {
  return version === '2012-10-17';
}

/**
 * What a condition value built on the repository owner's own identity means: `${aws:ResourceAccount}` is the
 * account that owns the repository, `${aws:ResourceOrgID}` (and `${aws:ResourceOrgPaths}`) its organisation
 * (IAM User Guide, global condition keys). Compared with the caller's account or organisation, they bind the
 * caller to the team's own. `text` is the value with the account variable replaced by a literal stand-in, for
 * the wildcard checks. Undefined for any other variable (one that follows the caller binds nothing).
 */
export function ownVariable(key: string, value: string): { kind: 'account' | 'organization'; text: string } | undefined {
  const lower = key.toLowerCase();
  const rest = value.replace(RESOURCE_ACCOUNT, OWN_ACCOUNT_STAND_IN);
  if (rest === value) return ownOrganization(lower, value);
  if (rest.includes('${')) return undefined;
  if (ACCOUNT_KEYS.has(lower)) return rest === OWN_ACCOUNT_STAND_IN ? { kind: 'account', text: rest } : undefined;
  if (!ARN_KEYS.has(lower)) return undefined;
  return rest.split(':')[4] === OWN_ACCOUNT_STAND_IN ? { kind: 'account', text: rest } : undefined;
}

function ownOrganization(lowerKey: string, value: string): { kind: 'organization'; text: string } | undefined {
  if (ORGANIZATION_KEYS.has(lowerKey) && RESOURCE_ORG_ID_ONLY.test(value)) return { kind: 'organization', text: value };
  if (!PATH_KEYS.has(lowerKey)) return undefined;
  // `${aws:ResourceOrgPaths}`, or a path under the owner's organisation: `${aws:ResourceOrgID}/r-ab12/*`.
  if (RESOURCE_ORG_PATHS_ONLY.test(value)) return { kind: 'organization', text: value };
  const [head, ...tail] = value.split('/');
  return RESOURCE_ORG_ID_ONLY.test(head) && !tail.join('/').includes('${') && tail.length > 0 ? { kind: 'organization', text: value } : undefined;
}

const RESOURCE_ACCOUNT = /\$\{aws:ResourceAccount\}/gi;
const RESOURCE_ORG_ID_ONLY = /^\$\{aws:ResourceOrgID\}$/i;
const RESOURCE_ORG_PATHS_ONLY = /^\$\{aws:ResourceOrgPaths\}$/i;
/** Twelve digits no account has as its ID in our messages; only ever compared, never shown. */
const OWN_ACCOUNT_STAND_IN = '000000000000';
