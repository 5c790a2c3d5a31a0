import { findNodeAtLocation, Node } from 'jsonc-parser';
import { parseJson } from '../json/extract';
import { detectIndentation, lineIndentAt } from './text';

/** A new trust list, in the shape the README documents, for when there is none yet. */
export function newTrustList(): string {
  return `${JSON.stringify({ ownAccounts: [], organizationIds: [], trustedAccounts: {} }, null, 2)}\n`;
}

/** The trust list with `account` trusted for pull under `name`; the rest of the file is kept as it is. */
export function trustAccount(text: string | undefined, account: string, name: string): string {
  return setMember(text ?? newTrustList(), 'trustedAccounts', account, { name, access: 'pull' });
}

/** What "Create Trust List" was told: an answer per account and organisation, and names of trusted accounts. */
export interface TrustAnswers {
  accounts: Readonly<Record<string, 'own' | 'pull' | 'push' | 'admin' | 'skip'>>;
  organizations: Readonly<Record<string, 'own' | 'skip'>>;
  names: Readonly<Record<string, string>>;
}

/**
 * An existing trust list with the answers added: own accounts and organisations appended to their lists,
 * trusted accounts set with their access (and name, when given); skipped ones and the rest of the file kept
 * as they are. Entries are added in ID order so that the result does not depend on the order asked.
 */
export function extendTrustList(text: string, answers: TrustAnswers): string {
  let result = text;
  for (const id of Object.keys(answers.accounts).sort()) {
    const answer = answers.accounts[id];
    if (answer === 'own') result = addOwnAccount(result, id);
    else if (answer !== 'skip') {
      const name = answers.names[id]?.trim() || existingName(result, id);
      result = setMember(result, 'trustedAccounts', id, { ...(name ? { name } : {}), access: answer });
    }
  }
  for (const id of Object.keys(answers.organizations).sort()) if (answers.organizations[id] === 'own') result = addOrganization(result, id);
  return result;
}

/** The name an existing trusted-account entry gives, kept when the account's access is changed. */
function existingName(text: string, account: string): string | undefined {
  const root = parseJson(text);
  const name = root && findNodeAtLocation(root, ['trustedAccounts', account, 'name']);
  return typeof name?.value === 'string' ? name.value : undefined;
}

/** The trust list with `organizationId` added to organizationIds (unchanged when it is there already). */
export function addOrganization(text: string | undefined, organizationId: string): string {
  return addToList(text ?? newTrustList(), 'organizationIds', organizationId);
}

/** The trust list with `account` added to ownAccounts (unchanged when it is there already). */
export function addOwnAccount(text: string | undefined, account: string): string {
  return addToList(text ?? newTrustList(), 'ownAccounts', account);
}

/**
 * A `suppressions` entry as the README documents it: for files (`file`) or deployed resources (`resource`,
 * an ARN); `sid` absent covers every statement.
 */
export type SuppressionEntry = ({ file: string; resource?: undefined } | { resource: string; file?: undefined }) & {
  sid?: string;
  rule: string;
  reason: string;
  until?: string;
};

/**
 * The trust list with `entry` added to `suppressions` (the array created when there is none): appended, or
 * with `first` put before the others, since the first entry that matches a finding is the one that counts.
 */
export function addSuppression(text: string | undefined, entry: SuppressionEntry, first = false): string {
  const { file, resource, sid, rule, reason, until } = entry;
  const value = { ...(file !== undefined ? { file } : { resource }), ...(sid !== undefined ? { sid } : {}), rule, reason, ...(until !== undefined ? { until } : {}) };
  const base = text ?? newTrustList();
  const root = first ? parseJson(base) : undefined;
  const list = root && findNodeAtLocation(root, ['suppressions']);
  const head = list?.type === 'array' ? list.children?.[0] : undefined;
  if (!head) return addToList(base, 'suppressions', value);
  const between = /\n/.test(base.slice(list!.offset, head.offset)) ? `${detectIndentation(base).eol}${lineIndentAt(base, head.offset)}` : ' ';
  return `${base.slice(0, head.offset)}${inline(value)},${between}${base.slice(head.offset)}`;
}

function addToList(text: string, section: string, value: string | object): string {
  const root = parseJson(text);
  const list = root && findNodeAtLocation(root, [section]);
  if (list?.type === 'array') {
    if ((list.children ?? []).some((item) => item.value === value)) return text;
    return insertItem(text, list, undefined, value);
  }
  if (list) return replaceValue(text, list, [value]);
  return root?.type === 'object' ? insertItem(text, root, section, [value]) : text;
}

/**
 * Sets `section[key]` (an object member of the root): in place when the key is there, else as a new last
 * member written like its siblings. jsonc-parser's `modify` would re-format every line it touches, so a
 * hand-aligned entry next to the insertion would come back spread over lines.
 */
function setMember(text: string, section: string, key: string, value: unknown): string {
  const root = parseJson(text);
  if (root?.type !== 'object') return text;
  const object = findNodeAtLocation(root, [section]);
  if (!object) return insertItem(text, root, section, { [key]: value });
  if (object.type !== 'object') return replaceValue(text, object, { [key]: value });
  const existing = findNodeAtLocation(object, [key]);
  return existing ? replaceValue(text, existing, value) : insertItem(text, object, key, value);
}

function replaceValue(text: string, node: Node, value: unknown): string {
  return text.slice(0, node.offset) + inline(value) + text.slice(node.offset + node.length);
}

/**
 * Adds an item (a `key: value` member of an object, or an element of an array) after the last one: on a
 * line of its own, indented like it, when the container spans lines; inline after a comma when it does
 * not. An empty object opens onto lines of its own; an empty array takes the item inline.
 */
function insertItem(text: string, container: Node, key: string | undefined, value: unknown): string {
  const { unit, eol } = detectIndentation(text);
  const item = `${key === undefined ? '' : `${JSON.stringify(key)}: `}${inline(value)}`;
  const items = container.children ?? [];
  const open = container.offset + 1;
  const close = container.offset + container.length - 1;
  if (items.length === 0) {
    if (container.type === 'array') return text.slice(0, open) + item + text.slice(close);
    const indent = lineIndentAt(text, container.offset);
    return `${text.slice(0, open)}${eol}${indent}${unit}${item}${eol}${indent}${text.slice(close)}`;
  }
  const last = items[items.length - 1];
  const end = last.offset + last.length;
  const trailingComma = /^\s*,/.exec(text.slice(end));
  if (!text.slice(container.offset, container.offset + container.length).includes('\n')) {
    return trailingComma ? `${text.slice(0, end + trailingComma[0].length)} ${item},${text.slice(end + trailingComma[0].length)}` : `${text.slice(0, end)}, ${item}${text.slice(end)}`;
  }
  const indent = lineIndentAt(text, last.offset);
  if (trailingComma) return `${text.slice(0, end + trailingComma[0].length)}${eol}${indent}${item},${text.slice(end + trailingComma[0].length)}`;
  return `${text.slice(0, end)},${eol}${indent}${item}${text.slice(end)}`;
}

/** JSON on one line, spaced as people write trust list entries: `{ "name": "ci", "access": "pull" }`. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([key, item]) => `${JSON.stringify(key)}: ${inline(item)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}
