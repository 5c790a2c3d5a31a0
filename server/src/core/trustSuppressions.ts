import { Node } from 'jsonc-parser';
import { didYouMean } from './didYouMean';
import { globMatch } from './glob';
import { valuesOf } from './json/keys';
import { Severity } from './model';
import { pathGlobMatch } from './pathGlob';
import { relativeToFolderOf } from './relativeName';
import { RULE_IDS, RuleId } from './rules/metadata';
import { isCalendarDate, TrustEntryOrigin, TrustList, TrustSuppression } from './trust';

/**
 * The trust list's `suppressions`: findings accepted on purpose in files that cannot hold a comment (strict
 * JSON policies). A suppression hides a finding from the gate, so every doubt goes against it: an entry
 * with any mistake is ignored whole, each mistake reported once at its node.
 */
export interface SuppressionReader {
  origin: (node: Node) => TrustEntryOrigin;
  report: (node: Node, message: string, severity?: Severity) => void;
}

/**
 * The valid entries of the `suppressions` arrays (`copies`, one per occurrence of the key). Given twice,
 * none counts: tools disagree on which copy is the list, and keeping only entries both copies hold would
 * need a rule for entries that agree on the file but not on the reason or date. Keeping none fails closed
 * (the findings stay reported) and the repeated key is already an error; every copy is still checked.
 */
export function readSuppressions(copies: readonly Node[], reader: SuppressionReader): TrustSuppression[] {
  const read = copies.map((node) => readSuppressionArray(node, reader));
  return read.length === 1 ? read[0] : [];
}

/** The message for a key given twice within `suppressions`, or undefined for keys elsewhere in the list. */
export function duplicateSuppressionKeyMessage(key: Node, firstLine: number): string | undefined {
  const object = key.parent?.parent;
  if (key.value === 'suppressions' && object?.parent === undefined) {
    return `"suppressions" is given twice (first on line ${firstLine}); tools disagree on which one counts, so ECR Guard applies neither. Keep one.`;
  }
  const top = object?.parent?.type === 'array' ? object.parent.parent : undefined;
  if (top?.children?.[0]?.value !== 'suppressions' || top.parent?.parent !== undefined) return undefined;
  return `"${key.value}" is given twice in one suppression (first on line ${firstLine}); tools disagree on which one counts, so this entry is ignored. Keep one.`;
}

/** The first entry (in file order) that suppresses `rule` for the statement `sid` of `file`, named as the host names `list.source`. */
export function trustSuppressionFor(list: TrustList, file: string, rule: RuleId, sid: string | undefined): TrustSuppression | undefined {
  if (list.suppressions.length === 0) return undefined;
  const relative = relativeToFolderOf(list.location ?? list.source, file);
  if (!relative) return undefined;
  return list.suppressions.find((entry) => entry.file !== undefined && names(entry, rule, sid) && pathGlobMatch(entry.file, relative.path, relative.foldCase));
}

/** The first entry that suppresses `rule` for the statement `sid` of the deployed resource `arn` (an audit's). */
export function trustSuppressionForResource(list: TrustList, arn: string, rule: RuleId, sid: string | undefined): TrustSuppression | undefined {
  return list.suppressions.find((entry) => entry.resource !== undefined && names(entry, rule, sid) && globMatch(entry.resource, arn));
}

function names(entry: TrustSuppression, rule: RuleId, sid: string | undefined): boolean {
  return entry.rules.includes(rule) && (entry.sid === undefined || entry.sid === sid);
}

const KEYS = ['file', 'resource', 'sid', 'rule', 'reason', 'until'];
const IGNORED = 'this entry is ignored';
const FILE_NEEDED = `Suppression needs "file": the policy files it covers, relative to the trust list's folder (policies/*.json), or "resource": the deployed resources' ARN; ${IGNORED}.`;
const RESOURCE_NEEDED = `Suppression "resource" must be an ARN, * and ? as wildcards (arn:aws:ecr:*:111122223333:repository/team/*); ${IGNORED}.`;
const ONE_TARGET = `Suppression names both "file" and "resource"; give one (one entry per target); ${IGNORED}.`;
const RULE_NEEDED = `Suppression needs "rule": a rule ID or an array of them, such as "wildcard-principal"; ${IGNORED}.`;
const REASON_NEEDED = `Suppression needs "reason": why this finding is accepted; ${IGNORED}.`;

function readSuppressionArray(node: Node, reader: SuppressionReader): TrustSuppression[] {
  if (node.type !== 'array') {
    reader.report(node, '"suppressions" must be an array of objects with "file", "rule" and "reason".');
    return [];
  }
  return (node.children ?? []).map((item) => readSuppression(item, reader)).filter((entry): entry is TrustSuppression => entry !== undefined);
}

function readSuppression(node: Node, reader: SuppressionReader): TrustSuppression | undefined {
  if (node.type !== 'object') {
    reader.report(node, `Suppression must be an object with "file", "rule" and "reason"; ${IGNORED}.`);
    return undefined;
  }
  for (const property of node.children ?? []) {
    const key = property.children?.[0];
    if (key && !KEYS.includes(String(key.value))) reader.report(key, `Unknown property "${key.value}" of suppression; expected file, resource, sid, rule, reason or until.`, 'warning');
  }
  const file = field(node, 'file', (value) => readFile(value, reader));
  const resource = field(node, 'resource', (value) => readResource(value, reader));
  const rules = field(node, 'rule', (value) => readRules(value, reader));
  const reason = field(node, 'reason', (value) => readReason(value, reader));
  const sid = field(node, 'sid', (value) => readSid(value, reader));
  const until = field(node, 'until', (value) => readUntil(value, reader));
  if (file === undefined && resource === undefined) reader.report(node, FILE_NEEDED);
  if (file !== undefined && resource !== undefined) reader.report(node, ONE_TARGET);
  if (rules === undefined) reader.report(node, RULE_NEEDED);
  if (reason === undefined) reader.report(node, REASON_NEEDED);
  const target = file === undefined ? (resource == null ? undefined : { resource }) : (file === null || resource !== undefined ? undefined : { file });
  if (target === undefined || rules == null || reason == null || sid === null || until === null) return undefined;
  return { ...target, rules, reason, ...(sid !== undefined ? { sid } : {}), ...(until !== undefined ? { until } : {}), ...reader.origin(node) };
}

/**
 * A property's value read by `read` (which reports its own mistakes and returns undefined for them):
 * undefined when absent, null when any copy is wrong or the key is repeated (reported as a repeated key).
 */
function field<T>(entry: Node, key: string, read: (value: Node) => T | undefined): T | undefined | null {
  const values = valuesOf(entry, key).map(read);
  if (values.some((value) => value === undefined) || values.length > 1) return null;
  return values[0];
}

const URI_OR_DRIVE = /^(?:[a-zA-Z][a-zA-Z0-9+.-]+:\/\/|[a-zA-Z]:)/;

function readFile(value: Node, { report }: SuppressionReader): string | undefined {
  if (value.type !== 'string' || value.value.trim() === '') return fail(report, value, FILE_NEEDED);
  const file: string = value.value;
  if (file.includes('\\')) return fail(report, value, `Suppression "file" separates folders with "/", not "\\"; ${IGNORED}.`);
  if (file.startsWith('/') || URI_OR_DRIVE.test(file)) return fail(report, value, `Suppression "file" must be relative to the trust list's folder, not absolute; ${IGNORED}.`);
  if (file.split('/').includes('..')) return fail(report, value, `Suppression "file" cannot leave the trust list's folder with ".."; ${IGNORED}.`);
  return file;
}

function readResource(value: Node, { report }: SuppressionReader): string | undefined {
  if (value.type !== 'string' || !value.value.startsWith('arn:') || /\s/.test(value.value)) return fail(report, value, RESOURCE_NEEDED);
  return value.value;
}

function readRules(value: Node, { report }: SuppressionReader): RuleId[] | undefined {
  if (value.type === 'string') return isRule(value, report) ? [value.value] : undefined;
  if (value.type !== 'array') return fail(report, value, RULE_NEEDED);
  const items = value.children ?? [];
  if (items.length === 0) return fail(report, value, `Suppression "rule" lists no rule; name at least one; ${IGNORED}.`);
  const rules: RuleId[] = [];
  let valid = true;
  for (const item of items) {
    if (item.type !== 'string') {
      report(item, RULE_NEEDED);
      valid = false;
    } else if (!isRule(item, report)) {
      valid = false;
    } else if (rules.includes(item.value)) {
      report(item, `"${item.value}" is listed twice in "rule".`, 'warning');
    } else {
      rules.push(item.value);
    }
  }
  return valid ? rules : undefined;
}

function isRule(value: Node, report: SuppressionReader['report']): boolean {
  if ((RULE_IDS as readonly string[]).includes(value.value)) return true;
  const near = didYouMean(String(value.value), RULE_IDS, 3);
  report(value, `"${value.value}" is not an ECR Guard rule; ${IGNORED}.${near ? ` Did you mean ${near}?` : ''}`);
  return false;
}

function readReason(value: Node, { report }: SuppressionReader): string | undefined {
  return value.type === 'string' && value.value.trim() !== '' ? value.value.trim() : fail(report, value, REASON_NEEDED);
}

function readSid(value: Node, { report }: SuppressionReader): string | undefined {
  if (value.type === 'string' && value.value !== '') return value.value;
  return fail(report, value, `Suppression "sid" must be a statement's Sid; leave it out to cover every statement; ${IGNORED}.`);
}

function readUntil(value: Node, { report }: SuppressionReader): string | undefined {
  if (value.type === 'string' && isCalendarDate(value.value)) return value.value;
  return fail(report, value, `Suppression "until" must be a date written YYYY-MM-DD; ${IGNORED}.`);
}

function fail(report: SuppressionReader['report'], node: Node, message: string): undefined {
  report(node, message);
  return undefined;
}
