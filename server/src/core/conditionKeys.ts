/**
 * The global condition keys that say whose call it is (IAM User Guide, "AWS global condition context
 * keys"), lower case: keys are case-insensitive. Network keys (aws:SourceIp, aws:SourceVpce) say where a
 * call comes from, not whose account it is, and are not here.
 */
export const ORGANIZATION_KEYS: ReadonlySet<string> = new Set(['aws:principalorgid', 'aws:sourceorgid']);
export const ORGANIZATION_PATH_KEYS: ReadonlySet<string> = new Set(['aws:principalorgpaths', 'aws:sourceorgpaths']);
export const ACCOUNT_KEYS: ReadonlySet<string> = new Set(['aws:principalaccount', 'aws:sourceaccount', 'aws:sourceowner']);
export const ARN_KEYS: ReadonlySet<string> = new Set(['aws:principalarn', 'aws:sourcearn']);
export const USER_ID_KEY = 'aws:userid';
/** The keys a calling service passes about the resource it acts for (the confused-deputy guard). */
export const SOURCE_KEYS: ReadonlySet<string> = new Set(['aws:sourceaccount', 'aws:sourceowner', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths']);
