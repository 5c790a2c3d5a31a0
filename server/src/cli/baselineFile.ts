import { ParseError, parse } from 'jsonc-parser';
import { parseErrorInWords } from '../core/json/parseErrorWords';
import { lineStarts, positionOf } from '../core/text';
import { FindingKey } from './baselineKey';

/**
 * The baseline file: the findings accepted when it was written, one entry per key with how many findings
 * share it (ESLint's bulk suppressions count the same way). Written sorted and pretty-printed, so an
 * unchanged scan rewrites it byte for byte and a change shows as a small diff.
 */

export const BASELINE_VERSION = 1;

export interface BaselineEntry extends FindingKey {
  /** Relative to the baseline file's folder, with forward slashes. */
  file: string;
  count: number;
}

const DESCRIPTION = 'Findings accepted when this baseline was written: ecr-guard scan --baseline THIS_FILE fails only on findings not counted here. Rewrite it with --write-baseline.';

/** The same key in the file and in a scan: the entry's fields except its count. */
export function entryId(entry: FindingKey & { file: string }): string {
  return JSON.stringify([entry.file, entry.rule, entry.policy ?? null, entry.statement, entry.grantee]);
}

/** The entries of some keyed findings: one per key, counted, sorted. */
export function countEntries(keys: readonly (FindingKey & { file: string })[]): BaselineEntry[] {
  const entries = new Map<string, BaselineEntry>();
  for (const key of keys) {
    const id = entryId(key);
    const entry = entries.get(id);
    if (entry) entry.count++;
    else entries.set(id, { file: key.file, rule: key.rule, ...(key.policy === undefined ? {} : { policy: key.policy }), statement: key.statement, grantee: key.grantee, count: 1 });
  }
  // Code unit order, not the locale's: the file must be the same on every machine.
  return [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
}

export function baselineText(entries: readonly BaselineEntry[]): string {
  return `${JSON.stringify({ version: BASELINE_VERSION, tool: 'ecr-guard', description: DESCRIPTION, findings: entries }, null, 2)}\n`;
}

/** The entries of a baseline file's text, or what is wrong with it (with a 1-based line and column for JSON errors). */
export function parseBaseline(text: string): { entries: BaselineEntry[] } | { problem: string } {
  const errors: ParseError[] = [];
  let value: unknown;
  try {
    value = parse(text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text, errors, { disallowComments: true, allowTrailingComma: false });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { problem: 'nested too deeply to be a baseline' };
  }
  if (errors.length > 0) {
    const { line, column } = positionOf(text, lineStarts(text), errors[0].offset);
    return { problem: `${line}:${column}: not valid JSON: ${parseErrorInWords(errors[0].error)}` };
  }
  if (!isObject(value) || value.tool !== 'ecr-guard') return { problem: 'not an ECR Guard baseline (no "tool": "ecr-guard"); write one with --write-baseline' };
  if (value.version !== BASELINE_VERSION) return { problem: `baseline version ${JSON.stringify(value.version)} is not supported (this ecr-guard reads version ${BASELINE_VERSION}); rewrite it with --write-baseline` };
  if (!Array.isArray(value.findings)) return { problem: '"findings" must be a list' };
  const entries: BaselineEntry[] = [];
  for (const [index, item] of value.findings.entries()) {
    const problem = entryProblem(item);
    if (problem) return { problem: `findings[${index}]: ${problem}` };
    entries.push(item as BaselineEntry);
  }
  return { entries };
}

function entryProblem(item: unknown): string | undefined {
  if (!isObject(item)) return 'must be an object';
  for (const name of ['file', 'rule', 'statement', 'grantee']) if (typeof item[name] !== 'string') return `"${name}" must be a string`;
  if (item.policy !== undefined && typeof item.policy !== 'string') return '"policy" must be a string';
  if (typeof item.count !== 'number' || !Number.isSafeInteger(item.count) || item.count < 1) return '"count" must be a whole number, 1 or more';
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
