import { Node, ParseError, parseTree } from 'jsonc-parser';
import { parseErrorInWords } from './json/parseErrorWords';
import { duplicateKeys, valuesOf } from './json/keys';
import { nestsTooDeep } from './json/nesting';
import { RuleId, Severity, Span } from './model';
import { lineOf, lineStarts } from './text';
import { duplicateSuppressionKeyMessage, readSuppressions } from './trustSuppressions';

/**
 * The workspace trust list (`.ecr-trust.json`): which accounts are the team's own, which organisations are
 * theirs, and which other accounts may pull, push, replicate or administer. It is reviewed like code, so
 * every entry remembers where it stands, and verdicts that rely on it can point back at the line.
 */
export type Access = 'pull' | 'push' | 'replicate' | 'admin';
export const ACCESS_VALUES: readonly Access[] = ['pull', 'push', 'replicate', 'admin'];

export interface TrustEntryOrigin {
  /** 1-based line of the entry in the trust file. */
  line: number;
  span: Span;
}

export interface TrustedAccount extends TrustEntryOrigin {
  id: string;
  name?: string;
  access: Access;
  /** Last day (inclusive, UTC) the trust holds, as written: YYYY-MM-DD. */
  expires?: string;
}

/**
 * A finding accepted on purpose in files that cannot hold a comment (strict JSON policies) or in deployed
 * resources (an audit): the trust list's `suppressions` entries. Only valid entries are kept.
 */
export interface TrustSuppression extends TrustEntryOrigin {
  /**
   * Files it covers, relative to the trust list's folder with `/`: `*` and `?` within a name, `**` across
   * folders. Exactly one of `file` and `resource` is given.
   */
  file?: string;
  /**
   * Deployed resources it covers (`ecr-guard audit`), by ARN: `*` matches any run of characters (colons and
   * slashes too) and `?` one, as in IAM's Resource element; case-sensitive, as ARNs are.
   */
  resource?: string;
  /** The statement's Sid; absent: every statement of the files. */
  sid?: string;
  rules: RuleId[];
  reason: string;
  /** Last day (inclusive, UTC) it holds: YYYY-MM-DD. */
  until?: string;
}

export interface TrustList {
  /** The trust file as the caller named it (a path or URI); shown to the user. */
  source: string;
  /**
   * Where the file is, when `source` is a name for people relative to somewhere (the CLI's is relative to
   * the current directory): the files its suppressions cover are found from here. Absent: `source`.
   */
  location?: string;
  ownAccounts: Map<string, TrustEntryOrigin>;
  organizationIds: Map<string, TrustEntryOrigin>;
  trustedAccounts: Map<string, TrustedAccount>;
  suppressions: TrustSuppression[];
}

export interface TrustProblem {
  span: Span;
  severity: Severity;
  message: string;
  /** The file is not a JSON object at all (a syntax error, too deep): nothing in it can be relied on. */
  unreadable?: boolean;
  /** A JSON syntax error: editors with JSON support report it themselves. */
  syntax?: boolean;
}

export interface ParsedTrustList {
  list: TrustList;
  problems: TrustProblem[];
}

/** The trust list's file name at a workspace folder's root (and, for the CLI, in any folder above a policy). */
export const TRUST_FILE_NAME = '.ecr-trust.json';

export const ACCOUNT_ID = /^\d{12}$/;
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const KNOWN_KEYS = new Set(['$schema', 'ownAccounts', 'organizationIds', 'trustedAccounts', 'suppressions']);

export function emptyTrustList(source: string): TrustList {
  return { source, ownAccounts: new Map(), organizationIds: new Map(), trustedAccounts: new Map(), suppressions: [] };
}

/**
 * Reads a trust list, keeping every valid entry and reporting every invalid one; never throws. A byte order
 * mark is accepted (editors on Windows write one). The list must mean one thing to every reader, so where it
 * says two things about an account, the least access wins (fail closed): a duplicated key is an error and
 * its values are combined to the least access any of them gives; an invalid or expired duplicate gives none;
 * an account in both ownAccounts and trustedAccounts has the trusted entry's access.
 */
export function parseTrustList(text: string, source: string): ParsedTrustList {
  const list = emptyTrustList(source);
  const problems: TrustProblem[] = [];
  const errors: ParseError[] = [];
  let root: Node | undefined;
  if (nestsTooDeep(text)) {
    problems.push({ span: { offset: 0, length: 0 }, severity: 'error', message: TOO_DEEP, unreadable: true });
    return { list, problems };
  }
  try {
    // A BOM becomes a space: jsonc-parser rejects it, and offsets must stay those of the text.
    root = parseTree(text.charCodeAt(0) === BOM ? ` ${text.slice(1)}` : text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    problems.push({ span: { offset: 0, length: 0 }, severity: 'error', message: TOO_DEEP, unreadable: true });
    return { list, problems };
  }
  for (const error of errors) {
    problems.push({ span: { offset: error.offset, length: error.length }, severity: 'error', message: `Trust list is not valid JSON: ${parseErrorInWords(error.error)}.`, unreadable: true, syntax: true });
  }
  if (!root || root.type !== 'object') {
    if (errors.length === 0) problems.push({ span: spanOf(root) ?? { offset: 0, length: 0 }, severity: 'error', message: 'Trust list must be a JSON object with ownAccounts, organizationIds and trustedAccounts.', unreadable: true });
    return { list, problems };
  }
  const lines = lineStarts(text);
  const origin = (node: Node): TrustEntryOrigin => ({ line: lineOf(lines, node.offset), span: { offset: node.offset, length: node.length } });
  const report = (node: Node, message: string, severity: Severity = 'error'): void => {
    problems.push({ span: { offset: node.offset, length: node.length }, severity, message });
  };

  for (const { key, first } of duplicateKeys(root)) {
    const line = origin(first).line;
    report(key, duplicateSuppressionKeyMessage(key, line) ?? `"${key.value}" is given twice in one object (first on line ${line}); tools disagree on which one counts, so ECR Guard applies the least access either gives. Keep one.`);
  }
  for (const property of root.children ?? []) {
    const keyNode = property.children?.[0];
    if (keyNode && !KNOWN_KEYS.has(String(keyNode.value))) report(keyNode, `Unknown trust list property "${keyNode.value}"; expected ownAccounts, organizationIds, trustedAccounts or suppressions.`, 'warning');
  }
  const reader: Reader = { origin, report };
  list.ownAccounts = inEvery(valuesOf(root, 'ownAccounts').map((node) => readIdList(node, 'ownAccounts', ACCOUNT_ID, 'a 12-digit account ID', reader)));
  list.organizationIds = inEvery(valuesOf(root, 'organizationIds').map((node) => readIdList(node, 'organizationIds', ORGANIZATION_ID, 'an organisation ID (o- and 10 to 32 lowercase letters or digits)', reader)));
  const trusted = valuesOf(root, 'trustedAccounts').map((node) => readTrustedAccounts(node, list.ownAccounts, reader));
  // Own and trusted at once: the trusted entry says less, so it is what holds.
  for (const copy of trusted) for (const id of copy.keys()) list.ownAccounts.delete(id);
  for (const [id, entry] of leastOfEvery(trusted)) if (entry) list.trustedAccounts.set(id, entry);
  list.suppressions = readSuppressions(valuesOf(root, 'suppressions'), reader);
  return { list, problems };
}

const BOM = 0xfeff;
/** Refused before parsing (nesting.ts), or, from an unusually deep stack, when the parser overflows anyway. */
const TOO_DEEP = 'Trust list is nested too deeply to read.';

interface Reader {
  origin: (node: Node) => TrustEntryOrigin;
  report: (node: Node, message: string, severity?: Severity) => void;
}

function readIdList(node: Node, name: string, pattern: RegExp, what: string, { origin, report }: Reader): Map<string, TrustEntryOrigin> {
  const into = new Map<string, TrustEntryOrigin>();
  if (node.type !== 'array') {
    report(node, `${name} must be an array of strings.`);
    return into;
  }
  for (const item of node.children ?? []) {
    if (item.type !== 'string' || !pattern.test(item.value)) report(item, `${name} entries must be ${what}; this one is ignored.`);
    else if (into.has(item.value)) report(item, `${item.value} is listed twice in ${name}.`, 'warning');
    else into.set(item.value, origin(item));
  }
  return into;
}

/** The IDs every duplicate of a list names (each reading of the file admits them); one list is itself. */
function inEvery<T>(maps: readonly Map<string, T>[]): Map<string, T> {
  const [first, ...rest] = maps;
  if (!first) return new Map();
  return new Map([...first].filter(([id]) => rest.every((map) => map.has(id))));
}

/**
 * One trustedAccounts object: each valid account ID with its entry, or undefined when the entry is invalid
 * (no access). An ID given twice gets the least access of its entries.
 */
function readTrustedAccounts(node: Node, own: ReadonlyMap<string, TrustEntryOrigin>, reader: Reader): Map<string, TrustedAccount | undefined> {
  const accounts = new Map<string, TrustedAccount | undefined>();
  if (node.type !== 'object') {
    reader.report(node, 'trustedAccounts must be an object keyed by 12-digit account ID.');
    return accounts;
  }
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode) continue;
    const id = String(keyNode.value);
    if (!ACCOUNT_ID.test(id)) {
      reader.report(keyNode, `"${id}" is not a 12-digit account ID; this entry is ignored.`);
      continue;
    }
    if (own.has(id)) reader.report(keyNode, `${id} is also in ownAccounts; the lesser access applies: this entry's.`, 'warning');
    const entry = valueNode ? readTrustedAccount(id, valueNode, keyNode, reader) : undefined;
    accounts.set(id, accounts.has(id) ? least(accounts.get(id), entry) : entry);
  }
  return accounts;
}

/** Accounts every duplicate trustedAccounts object names, each with the least access they give it. */
function leastOfEvery(objects: readonly Map<string, TrustedAccount | undefined>[]): Map<string, TrustedAccount | undefined> {
  const [first, ...rest] = objects;
  const result = new Map<string, TrustedAccount | undefined>();
  for (const [id, entry] of first ?? []) result.set(id, rest.reduce((combined, other) => other.has(id) ? least(combined, other.get(id)) : undefined, entry));
  return result;
}

/**
 * What both of two access values allow. `push` and `replicate` each add to `pull` what the other lacks,
 * so together they allow `pull` alone; otherwise one contains the other.
 */
function leastAccess(a: Access, b: Access): Access {
  if (a === b || b === 'admin') return a;
  if (a === 'admin') return b;
  return 'pull';
}

/**
 * What two entries for one account allow together, at every date: the lesser access until the earlier
 * expiry. An invalid entry (undefined) allows nothing. The entry with the lesser access is the one cited
 * (the first one when neither contains the other, `push` against `replicate`, which then reads `pull`).
 */
function least(a: TrustedAccount | undefined, b: TrustedAccount | undefined): TrustedAccount | undefined {
  if (!a || !b) return undefined;
  const access = leastAccess(a.access, b.access);
  const lesser = b.access === access && a.access !== access ? b : a;
  const other = lesser === a ? b : a;
  const expires = earlier(lesser.expires, other.expires);
  return expires === lesser.expires && lesser.access === access ? lesser : { ...lesser, access, expires };
}

function earlier(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  return b === undefined || a <= b ? a : b;
}

function readTrustedAccount(id: string, node: Node, keyNode: Node, { origin, report }: Reader): TrustedAccount | undefined {
  if (node.type !== 'object') {
    report(node, `Trusted account ${id} must be an object with "access" (pull, push, replicate or admin), and optionally "name" and "expires"; this entry is ignored.`);
    return undefined;
  }
  let access: Access | undefined;
  const accessNodes = valuesOf(node, 'access');
  for (const value of accessNodes) {
    if (value.type !== 'string' || !(ACCESS_VALUES as readonly string[]).includes(value.value)) {
      report(value, `Trusted account ${id} needs "access": "pull", "push", "replicate" or "admin"; this entry is ignored until it has one.`);
      return undefined;
    }
    access = access === undefined ? value.value as Access : leastAccess(access, value.value as Access);
  }
  if (access === undefined) {
    report(keyNode, `Trusted account ${id} needs "access": "pull", "push", "replicate" or "admin"; this entry is ignored until it has one.`);
    return undefined;
  }
  const entry: TrustedAccount = { id, access, ...origin(keyNode) };
  const name = valuesOf(node, 'name')[0];
  if (name) {
    if (name.type === 'string') entry.name = name.value;
    else report(name, `"name" of ${id} must be a string.`, 'warning');
  }
  for (const expires of valuesOf(node, 'expires')) {
    if (expires.type !== 'string' || !isCalendarDate(expires.value)) {
      report(expires, `"expires" of ${id} must be a date written YYYY-MM-DD; this entry is ignored until it is.`);
      return undefined;
    }
    entry.expires = earlier(entry.expires, expires.value);
  }
  for (const property of node.children ?? []) {
    const key = property.children?.[0];
    if (key && !['name', 'access', 'expires'].includes(String(key.value))) report(key, `Unknown property "${key.value}" of trusted account ${id}.`, 'warning');
  }
  return entry;
}

export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** Whether trust that holds through `expires` (inclusive, UTC) has lapsed at `now`. */
export function hasExpired(expires: string | undefined, now: Date): boolean {
  return expires !== undefined && now.toISOString().slice(0, 10) > expires;
}

export type AccountStanding =
  | { kind: 'own'; origin: TrustEntryOrigin }
  | { kind: 'trusted'; entry: TrustedAccount }
  | { kind: 'expired'; entry: TrustedAccount }
  | { kind: 'untrusted' }
  | { kind: 'no-trust-list' };

export function accountStanding(list: TrustList | undefined, id: string, now: Date): AccountStanding {
  if (!list) return { kind: 'no-trust-list' };
  const own = list.ownAccounts.get(id);
  if (own) return { kind: 'own', origin: own };
  const entry = list.trustedAccounts.get(id);
  if (!entry) return { kind: 'untrusted' };
  return hasExpired(entry.expires, now) ? { kind: 'expired', entry } : { kind: 'trusted', entry };
}

function spanOf(node: Node | undefined): Span | undefined {
  return node ? { offset: node.offset, length: node.length } : undefined;
}
