import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import { asNode, columnOf, start } from './yamlTree';

/** How a template lays out its YAML, so inserted text looks like the user wrote it. */
export interface YamlLayout {
  eol: string;
  /** Spaces a nested mapping is indented under its key. */
  unit: number;
  /** Spaces a block sequence's `-` is indented under its key: 0 (`Key:\n- a`) or usually `unit`. */
  sequenceIndent: number;
}

export type Quote = 'plain' | 'single' | 'double';

/** What the builders write: a string, a list of strings, or a mapping of these. */
export type YamlValue = string | readonly string[] | { readonly [key: string]: YamlValue };

export interface Writer {
  layout: YamlLayout;
  keyQuote: Quote;
  valueQuote: Quote;
  /** Flow collections written with spaces inside their brackets: `{ AWS: x }`. */
  spaced: boolean;
}

interface Steps {
  unit: Map<number, number>;
  sequence: Map<number, number>;
}

/**
 * The layout the statement itself shows, else the template's (`whole`): how far nested mappings and block
 * sequences stand from their keys. Line ends are the statement's when it spans lines.
 */
export function measureLayout(text: string, local: unknown, whole: () => YamlLayout): YamlLayout {
  const steps: Steps = { unit: new Map(), sequence: new Map() };
  countSteps(text, local, steps);
  return {
    eol: text.includes('\n') ? (text.includes('\r\n') ? '\r\n' : '\n') : whole().eol,
    unit: mostCommon(steps.unit) ?? whole().unit,
    sequenceIndent: mostCommon(steps.sequence) ?? whole().sequenceIndent,
  };
}

/** The layout of a whole template; with no nesting to measure, 2 spaces and indented sequences. */
export function templateLayout(text: string, root: unknown): YamlLayout {
  const steps: Steps = { unit: new Map(), sequence: new Map() };
  countSteps(text, root, steps);
  const unit = mostCommon(steps.unit) ?? 2;
  return { eol: text.includes('\r\n') ? '\r\n' : '\n', unit, sequenceIndent: mostCommon(steps.sequence) ?? unit };
}

function countSteps(text: string, node: unknown, steps: Steps): void {
  const yamlNode = asNode(node);
  if (isSeq(yamlNode)) for (const item of yamlNode.items) countSteps(text, item, steps);
  if (!isMap(yamlNode)) return;
  for (const pair of yamlNode.items) {
    const value = asNode(pair.value);
    const key = asNode(pair.key);
    if (value && key && (isMap(value) || isSeq(value)) && !value.flow && value.range && text.lastIndexOf('\n', start(value)) > start(key)) {
      const step = columnOf(text, start(value)) - columnOf(text, start(key));
      const counts = isMap(value) ? steps.unit : steps.sequence;
      if (step >= (isMap(value) ? 1 : 0)) counts.set(step, (counts.get(step) ?? 0) + 1);
    }
    countSteps(text, pair.value, steps);
  }
}

function mostCommon(counts: Map<number, number>): number | undefined {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
}

/** The quoting of the first string scalar among the nodes' keys or values (`role`), depth first. */
export function quoteOf(nodes: readonly unknown[], role: 'keys' | 'values'): Quote | undefined {
  for (const node of nodes) {
    const found = quoteIn(node, role);
    if (found) return found;
  }
  return undefined;
}

function quoteIn(node: unknown, role: 'keys' | 'values'): Quote | undefined {
  if (isScalar(node)) return role === 'values' ? quoteOfScalar(node) : undefined;
  if (isSeq(node)) return quoteOf(node.items, role);
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    const found = (role === 'keys' && isScalar(pair.key) ? quoteOfScalar(pair.key) : undefined) ?? quoteIn(pair.value, role);
    if (found) return found;
  }
  return undefined;
}

/** How a string scalar is quoted, when by choice: `'true'` or `'*'` must be quoted, so they tell nothing. */
export function quoteOfScalar(scalar: Scalar): Quote | undefined {
  if (typeof scalar.value !== 'string' || (scalar.type !== Scalar.PLAIN && !plainSafe(scalar.value))) return undefined;
  switch (scalar.type) {
    case Scalar.QUOTE_DOUBLE: return 'double';
    case Scalar.QUOTE_SINGLE: return 'single';
    case Scalar.PLAIN: return 'plain';
    default: return undefined;
  }
}

/**
 * A string as a scalar in the given quoting. Plain only where YAML reads it back as that string in block
 * and flow context alike (no indicator first, no `: `, ` #`, flow punctuation, nor a word YAML 1.1 reads
 * as a boolean or null); otherwise single quotes, as CloudFormation's own examples write `'*'`.
 */
export function scalarText(value: string, quote: Quote): string {
  if (quote === 'double') return JSON.stringify(value);
  if (quote === 'plain' && plainSafe(value)) return value;
  return `'${value.replace(/'/g, "''")}'`;
}

function plainSafe(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9:_./*?-]*$/.test(value) && !value.endsWith(':') && !/^(?:y|n|yes|no|on|off|true|false|null)$/i.test(value);
}

/** The value on one line in flow style: `[a, b]`, `{k: v}`. */
export function flowText(value: YamlValue, writer: Writer): string {
  if (typeof value === 'string') return scalarText(value, writer.valueQuote);
  const pad = writer.spaced ? ' ' : '';
  if (isList(value)) return value.length === 0 ? '[]' : `[${pad}${value.map((item) => scalarText(item, writer.valueQuote)).join(', ')}${pad}]`;
  const entries = Object.entries(value).map(([key, inner]) => `${scalarText(key, writer.keyQuote)}: ${flowText(inner, writer)}`);
  return entries.length === 0 ? '{}' : `{${pad}${entries.join(', ')}${pad}}`;
}

/**
 * A collection in block style whose first line starts at `column` (the text there is not repeated):
 * `- a⏎<column>- b`, or `k:⏎<column+unit>k2: v`.
 */
export function blockAt(value: YamlValue, column: number, writer: Writer): string {
  if (typeof value === 'string' || (isList(value) && value.length === 0)) return flowText(value, writer);
  const separator = writer.layout.eol + ' '.repeat(column);
  if (isList(value)) return value.map((item) => `- ${scalarText(item, writer.valueQuote)}`).join(separator);
  return Object.entries(value).map(([key, inner]) => `${scalarText(key, writer.keyQuote)}:${afterKey(inner, column, writer)}`).join(separator);
}

/** What follows `key:` for a value in block style, the key standing at `keyColumn`. */
export function afterKey(value: YamlValue, keyColumn: number, writer: Writer): string {
  if (typeof value === 'string' || (isList(value) && value.length === 0)) return ` ${flowText(value, writer)}`;
  const column = keyColumn + (isList(value) ? writer.layout.sequenceIndent : writer.layout.unit);
  return `${writer.layout.eol}${' '.repeat(column)}${blockAt(value, column, writer)}`;
}

export function isList(value: YamlValue): value is readonly string[] {
  return Array.isArray(value);
}
