import { isMap, isSeq, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { Replacement } from './editor';
import { removeRange } from './text';
import { asNode, colonEnd, columnOf, commaAfter, contentEnd, itemStart, lineEnd, lineStart, parseYaml, start, startsLine, YamlNode } from './yamlTree';
import { afterKey, blockAt, flowText, isList, quoteOfScalar, scalarText, Writer, YamlValue } from './yamlWrite';

/**
 * The lines of one node of a template (a statement, or the Statement list), from the start of its first
 * line, parsed on their own: what comes before the node on its first line (`- `, `Statement: [`) is read
 * as spaces, so every offset and column stays what it is in the template. An edit re-parses only these
 * lines, whatever the template's size, and the result replaces exactly them. A block node's window runs on
 * over the comment and blank lines after it, to the next line's first token: the parser counts those in
 * the node's range, so the window reads the range as the whole template does.
 */
export class YamlWindow {
  readonly offset: number;
  readonly text: string;
  /** Where the node starts, in the window. */
  readonly nodeStart: number;
  /** How much of the window follows the node's range: read, never edited. */
  private readonly tail: number;

  private constructor(templateText: string, node: YamlNode, end: number) {
    this.offset = lineStart(templateText, start(node));
    this.text = templateText.slice(this.offset, Math.max(end, node.range![1]));
    this.nodeStart = start(node) - this.offset;
    this.tail = this.offset + this.text.length - node.range![1];
  }

  /** The window of a node of the template's parse; undefined for an empty node. */
  static around(templateText: string, node: YamlNode): YamlWindow | undefined {
    if ((isMap(node) || isSeq(node)) && node.flow) return new YamlWindow(templateText, node, node.range![1]);
    const end = contentEnd(templateText, node);
    return end === undefined ? undefined : new YamlWindow(templateText, node, nextToken(templateText, end));
  }

  /**
   * The node the (edited) window text holds; undefined where it does not parse cleanly or holds another
   * node. A list whose first item was removed starts at its new first item (`moved`).
   */
  parse(text = this.text, moved = false): YamlNode | undefined {
    const document = parseYaml(' '.repeat(this.nodeStart) + text.slice(this.nodeStart));
    if (document.errors.length > 0) return undefined;
    const root = asNode(document.contents);
    return root?.range && (moved || start(root) === this.nodeStart) ? root : undefined;
  }

  /** The edited window as new text for the node's lines, up to the node's end (so the edit stays inside it). */
  replacement(text: string): Replacement | undefined {
    const tail = this.text.slice(this.text.length - this.tail);
    if (!text.endsWith(tail)) return undefined;
    return { region: { offset: this.offset, length: this.text.length - this.tail }, text: text.slice(0, text.length - this.tail) };
  }
}

/** From the end of a node's content: past the rest of its line and any comment or blank lines, to the next token. */
function nextToken(text: string, end: number): number {
  const rest = /^[^\r\n]*(?:\r?\n[ \t]*(?:#[^\r\n]*)?(?=\r?\n))*(?:\r?\n[ \t]*)?/.exec(text.slice(end, end + 65536));
  return end + (rest ? rest[0].length : 0);
}

type KeyedPair = Pair<Scalar, unknown>;

/** Adds `key: value` after the map's last pair, in the map's style (block, flow on one line, flow over lines). */
export function insertPair(text: string, map: YAMLMap, key: string, value: YamlValue, writer: Writer): string | undefined {
  const last = map.items[map.items.length - 1] as KeyedPair | undefined;
  const keyText = scalarText(key, writer.keyQuote);
  if (map.flow) {
    const entry = `${keyText}: ${flowText(value, writer)}`;
    if (!last) return `${text.slice(0, start(map) + 1)}${writer.spaced ? ` ${entry} ` : entry}${text.slice(map.range![1] - 1)}`;
    const end = pairEnd(text, last);
    if (end === undefined) return undefined;
    if (!text.slice(start(map), map.range![1]).includes('\n')) return `${text.slice(0, end)}, ${entry}${text.slice(end)}`;
    const indent = writer.layout.eol + ' '.repeat(columnOf(text, start(last.key)));
    const comma = commaAfter(text, end);
    return comma === undefined ? `${text.slice(0, end)},${indent}${entry}${text.slice(end)}` : `${text.slice(0, comma + 1)}${indent}${entry},${text.slice(comma + 1)}`;
  }
  const end = last && pairEnd(text, last);
  if (end === undefined) return undefined;
  const column = columnOf(text, start(map));
  const at = lineEnd(text, end);
  return `${text.slice(0, at)}${writer.layout.eol}${' '.repeat(column)}${keyText}:${afterKey(value, column, writer)}${text.slice(at)}`;
}

/**
 * Replaces the value of a pair. A block list or mapping is rewritten where it stands (a comment after the
 * key stays), a one-line flow list stays on one line, a flow list over lines keeps one item a line.
 */
export function replaceValue(text: string, map: YAMLMap, pair: KeyedPair, value: YamlValue, writer: Writer): string | undefined {
  const from = colonEnd(map, pair);
  const end = contentEnd(text, pair.value) ?? from;
  if (from === undefined || end === undefined) return undefined;
  const old = asNode(pair.value);
  const splice = (at: number, replacement: string): string => text.slice(0, at) + replacement + text.slice(end);
  if (map.flow || typeof value === 'string') return splice(from, ` ${flowText(value, writer)}`);
  const untagged = old !== undefined && !old.tag && (isMap(old) || isSeq(old));
  if (untagged && !old.flow) return splice(start(old), blockAt(value, columnOf(text, start(old)), writer));
  if (untagged && old.flow) {
    const oldText = text.slice(start(old), end);
    const spaced = { ...writer, spaced: /^[[{] /.test(oldText) };
    if (!oldText.includes('\n') || !isList(value) || !isSeq(old)) return splice(start(old), flowText(value, spaced));
    return splice(start(old), flowListOverLines(text, old, value, writer));
  }
  return splice(from, afterKey(value, columnOf(text, start(pair.key)), writer));
}

/** A flow list over lines like `old`: one item a line at its first item's column, its trailing comma kept. */
function flowListOverLines(text: string, old: YAMLSeq, items: readonly string[], writer: Writer): string {
  const first = asNode(old.items[0]);
  const close = old.range![1] - 1;
  const itemIndent = first ? columnOf(text, start(first)) : columnOf(text, start(old)) + writer.layout.unit;
  const last = asNode(old.items[old.items.length - 1]);
  const lastEnd = last && contentEnd(text, last);
  const trailing = lastEnd !== undefined && commaAfter(text, lastEnd) !== undefined ? ',' : '';
  const closing = startsLine(text, close) ? `${writer.layout.eol}${' '.repeat(columnOf(text, close))}` : '';
  const lines = items.map((item) => `${writer.layout.eol}${' '.repeat(itemIndent)}${scalarText(item, writer.valueQuote)}`);
  return `[${lines.join(',')}${trailing}${closing}]`;
}

/** The key written as `name` in the same quoting. */
export function renameKey(text: string, pair: KeyedPair, name: string): string {
  return text.slice(0, start(pair.key)) + scalarText(name, quoteOfScalar(pair.key) ?? 'plain') + text.slice(pair.key.range![1]);
}

/**
 * Removes a pair of a map with at least one other: its lines, or in flow style the pair and a comma.
 * `withComments`: in block style, the comment lines right above it go too.
 */
export function removePair(text: string, map: YAMLMap, pair: KeyedPair, withComments = false): string | undefined {
  const pairs = map.items as KeyedPair[];
  const index = pairs.indexOf(pair);
  if (index < 0 || pairs.length < 2) return undefined;
  if (map.flow) return removeFlowEntry(text, pairs.map((entry) => ({ from: start(entry.key), to: pairEnd(text, entry) })), index);
  const end = pairEnd(text, pair);
  return end === undefined ? undefined : removeBlockEntry(text, start(pair.key), end, pairs[index + 1] && start(pairs[index + 1].key), withComments);
}

/** Removes an item of a sequence with at least one other (`withComments` as for removePair). */
export function removeItem(text: string, seq: YAMLSeq, item: YamlNode, withComments = false): string | undefined {
  const items = seq.items.map(asNode);
  const index = items.indexOf(item);
  if (index < 0 || items.length < 2 || items.some((entry) => entry === undefined)) return undefined;
  const starts = (items as YamlNode[]).map((entry) => itemStart(seq, entry));
  if (seq.flow) return removeFlowEntry(text, (items as YamlNode[]).map((entry, at) => ({ from: starts[at], to: contentEnd(text, entry) })), index);
  const from = starts[index];
  const end = contentEnd(text, item);
  return from === undefined || end === undefined ? undefined : removeBlockEntry(text, from, end, starts[index + 1], withComments);
}

/** A block entry alone on its lines goes with them; one that shares its first line (`- Key: v`) up to the next entry. */
function removeBlockEntry(text: string, from: number, end: number, next: number | undefined, withComments: boolean): string | undefined {
  if (startsLine(text, from)) return removeRange(text, withComments ? commentsAbove(text, from) : from, lineEnd(text, end));
  return next === undefined ? undefined : text.slice(0, from) + text.slice(next);
}

/**
 * Removes a flow entry with the comma after it (and its lines when it stands alone on them), or, the last
 * one, with the comma before it; the neighbours keep their layout and comments.
 */
function removeFlowEntry(text: string, entries: readonly { from?: number; to?: number }[], index: number): string | undefined {
  const { from, to } = entries[index];
  if (from === undefined || to === undefined) return undefined;
  const comma = commaAfter(text, to);
  if (comma !== undefined) {
    const stop = comma + 1;
    const rest = /^[ \t]*(?:#[^\r\n]*)?(?:\r?\n|$)/.exec(text.slice(stop));
    if (rest && startsLine(text, from)) return text.slice(0, lineStart(text, from)) + text.slice(stop + rest[0].length);
    return text.slice(0, from) + text.slice(stop + /^[ \t]*/.exec(text.slice(stop))![0].length);
  }
  const previous = entries[index - 1]?.to;
  const separator = previous === undefined ? undefined : commaAfter(text, previous);
  if (separator === undefined) return undefined;
  if (/^\s*$/.test(text.slice(separator + 1, from))) return text.slice(0, separator) + text.slice(to);
  const removed = removeRange(text, from, to);
  return removed.slice(0, separator) + removed.slice(separator + 1);
}

/** Where the comment lines right above the line of `offset` start (`offset` itself when there are none). */
function commentsAbove(text: string, offset: number): number {
  let first = offset;
  for (let line = lineStart(text, offset); line > 0;) {
    const previous = lineStart(text, line - 1);
    if (!/^[ \t]*#[^\n]*\n$/.test(text.slice(previous, line))) break;
    first = line = previous;
  }
  return first === offset ? offset : first + /^[ \t]*/.exec(text.slice(first))![0].length;
}

function pairEnd(text: string, pair: KeyedPair): number | undefined {
  return pair.value === null ? pair.key.range?.[1] : contentEnd(text, pair.value);
}
