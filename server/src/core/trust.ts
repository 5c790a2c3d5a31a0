import { Node, ParseError, parseTree, printParseErrorCode, findNodeAtLocation } from 'jsonc-parser';
import { Severity, Span } from './model';
import { lineOf, lineStarts } from './text';

/**
 * The workspace trust list (`.ecr-trust.json`): which accounts are the team's own, which organisations are
 * theirs, and which other accounts may pull, push or administer. It is reviewed like code, so every entry
 * remembers where it stands, and verdicts that rely on it can point back at the line.
 */
export type Access = 'pull' | 'push' | 'admin';
export const ACCESS_VALUES: readonly Access[] = ['pull', 'push', 'admin'];

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

export interface TrustList {
  /** The trust file as the caller named it (a path or URI); shown to the user. */
  source: string;
  ownAccounts: Map<string, TrustEntryOrigin>;
  organizationIds: Map<string, TrustEntryOrigin>;
  trustedAccounts: Map<string, TrustedAccount>;
}

export interface TrustProblem {
  span: Span;
  severity: Severity;
  message: string;
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
const KNOWN_KEYS = new Set(['$schema', 'ownAccounts', 'organizationIds', 'trustedAccounts']);

export function emptyTrustList(source: string): TrustList {
  return { source, ownAccounts: new Map(), organizationIds: new Map(), trustedAccounts: new Map() };
}

/** Reads a trust list, keeping every valid entry and reporting every invalid one; never throws. */
export function parseTrustList(text: string, source: string): ParsedTrustList {
  const list = emptyTrustList(source);
  const problems: TrustProblem[] = [];
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    problems.push({ span: { offset: 0, length: 0 }, severity: 'error', message: 'Trust list is nested too deeply to read.' });
    return { list, problems };
  }
  for (const error of errors) {
    problems.push({ span: { offset: error.offset, length: error.length }, severity: 'error', message: `Trust list is not valid JSON: ${printParseErrorCode(error.error)}.` });
  }
  if (!root || root.type !== 'object') {
    if (errors.length === 0) problems.push({ span: spanOf(root) ?? { offset: 0, length: 0 }, severity: 'error', message: 'Trust list must be a JSON object with ownAccounts, organizationIds and trustedAccounts.' });
    return { list, problems };
  }
  const lines = lineStarts(text);
  const origin = (node: Node): TrustEntryOrigin => ({ line: lineOf(lines, node.offset), span: { offset: node.offset, length: node.length } });
  const report = (node: Node, message: string, severity: Severity = 'error'): void => {
    problems.push({ span: { offset: node.offset, length: node.length }, severity, message });
  };

  for (const property of root.children ?? []) {
    const keyNode = property.children?.[0];
    if (keyNode && !KNOWN_KEYS.has(String(keyNode.value))) report(keyNode, `Unknown trust list property "${keyNode.value}"; expected ownAccounts, organizationIds or trustedAccounts.`, 'warning');
  }
  readIdList(findNodeAtLocation(root, ['ownAccounts']), 'ownAccounts', ACCOUNT_ID, 'a 12-digit account ID', list.ownAccounts, origin, report);
  readIdList(findNodeAtLocation(root, ['organizationIds']), 'organizationIds', ORGANIZATION_ID, 'an organisation ID (o- and 10 to 32 lowercase letters or digits)', list.organizationIds, origin, report);
  readTrustedAccounts(findNodeAtLocation(root, ['trustedAccounts']), list, origin, report);
  return { list, problems };
}

type Report = (node: Node, message: string, severity?: Severity) => void;

function readIdList(node: Node | undefined, name: string, pattern: RegExp, what: string, into: Map<string, TrustEntryOrigin>, origin: (node: Node) => TrustEntryOrigin, report: Report): void {
  if (!node) return;
  if (node.type !== 'array') {
    report(node, `${name} must be an array of strings.`);
    return;
  }
  for (const item of node.children ?? []) {
    if (item.type !== 'string' || !pattern.test(item.value)) report(item, `${name} entries must be ${what}; this one is ignored.`);
    else if (into.has(item.value)) report(item, `${item.value} is listed twice in ${name}.`, 'warning');
    else into.set(item.value, origin(item));
  }
}

function readTrustedAccounts(node: Node | undefined, list: TrustList, origin: (node: Node) => TrustEntryOrigin, report: Report): void {
  if (!node) return;
  if (node.type !== 'object') {
    report(node, 'trustedAccounts must be an object keyed by 12-digit account ID.');
    return;
  }
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode) continue;
    const id = String(keyNode.value);
    if (!ACCOUNT_ID.test(id)) {
      report(keyNode, `"${id}" is not a 12-digit account ID; this entry is ignored.`);
      continue;
    }
    if (list.ownAccounts.has(id)) report(keyNode, `${id} is also in ownAccounts; as an own account it has full access.`, 'warning');
    const entry = valueNode ? readTrustedAccount(id, valueNode, keyNode, origin, report) : undefined;
    if (entry) list.trustedAccounts.set(id, entry);
  }
}

function readTrustedAccount(id: string, node: Node, keyNode: Node, origin: (node: Node) => TrustEntryOrigin, report: Report): TrustedAccount | undefined {
  if (node.type !== 'object') {
    report(node, `Trusted account ${id} must be an object with "access" (pull, push or admin), and optionally "name" and "expires"; this entry is ignored.`);
    return undefined;
  }
  const access = findNodeAtLocation(node, ['access']);
  if (!access || access.type !== 'string' || !(ACCESS_VALUES as readonly string[]).includes(access.value)) {
    report(access ?? keyNode, `Trusted account ${id} needs "access": "pull", "push" or "admin"; this entry is ignored until it has one.`);
    return undefined;
  }
  const entry: TrustedAccount = { id, access: access.value as Access, ...origin(keyNode) };
  const name = findNodeAtLocation(node, ['name']);
  if (name) {
    if (name.type === 'string') entry.name = name.value;
    else report(name, `"name" of ${id} must be a string.`, 'warning');
  }
  const expires = findNodeAtLocation(node, ['expires']);
  if (expires) {
    if (expires.type !== 'string' || !isCalendarDate(expires.value)) {
      report(expires, `"expires" of ${id} must be a date written YYYY-MM-DD; this entry is ignored until it is.`);
      return undefined;
    }
    entry.expires = expires.value;
  }
  for (const property of node.children ?? []) {
    const key = property.children?.[0];
    if (key && !['name', 'access', 'expires'].includes(String(key.value))) report(key, `Unknown property "${key.value}" of trusted account ${id}.`, 'warning');
  }
  return entry;
}

function isCalendarDate(value: string): boolean {
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
