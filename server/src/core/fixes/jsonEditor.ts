import { applyEdits, createScanner, findNodeAtLocation, findNodeAtOffset, FormattingOptions, getNodePath, JSONPath, modify, Node, SyntaxKind } from 'jsonc-parser';
import { formatRange, inlineJson, lineWindow, withoutLinePrefix } from './jsonLayout';
import { ConditionClause, PolicyStatement, Span, Str } from '../model';
import { parseJson } from '../json/extract';
import { parsedRegion } from './damage';
import { detectIndentation, removeRange } from './text';
import { ORGANIZATION_KEY, Replacement, StatementEditor } from './editor';
import { FixSource } from './types';

/**
 * Edits a statement of policy JSON with jsonc-parser's `modify`, formatting only the text it inserts like
 * the surrounding document, so every other byte stays as the user wrote it. (Given formatting options,
 * `modify` re-formats the whole line an insertion or removal touches: a one-line policy would come back
 * pretty-printed, and its removal of a list's last element relies on that re-format to be valid JSON.)
 * `region` is the JSON text: the whole file, or a Terraform heredoc's content.
 */
export class JsonStatementEditor implements StatementEditor {
  /**
   * `source` is the text of `region` (of the document as analysed) that this editor rewrites, and every
   * result replaces exactly `region`. For all but removeStatement that is the statement's own lines, so a
   * fix in a large file re-parses, formats and returns only those, never the whole file.
   */
  private constructor(
    private readonly region: Span,
    private readonly source: string,
    private readonly path: JSONPath,
    private readonly statementNode: Node,
    private readonly formatting: FormattingOptions,
    /** What every line but the region's first starts with (a YAML block's indentation): kept on every line written. */
    private readonly linePrefix: string,
    private readonly wholeRegion?: () => JsonStatementEditor,
  ) {}

  static create(fixSource: FixSource, region: Span, statement: PolicyStatement): JsonStatementEditor | undefined {
    const { root, linePrefix } = parsedRegion(fixSource, region);
    if (!root) return undefined;
    const source = fixSource.text.slice(region.offset, region.offset + region.length);
    let node = findNodeAtOffset(root, statement.span.offset - region.offset + 1);
    while (node && !(node.type === 'object' && node.offset === statement.span.offset - region.offset)) node = node.parent;
    if (!node) return undefined;
    // Measured without the indentation every line of an embedded region carries (a YAML block's).
    const indentation = detectIndentation(linePrefix ? withoutLinePrefix(source, linePrefix) : source);
    const formatting = { insertSpaces: indentation.unit !== '\t', tabSize: indentation.unit === '\t' ? 4 : indentation.unit.length, eol: indentation.eol };
    const whole = new JsonStatementEditor(region, source, getNodePath(node), node, formatting, linePrefix);
    // The statement's lines from where its first line starts (format reads that line's indentation); on
    // one line (a minified policy), the statement alone.
    const statementText = source.slice(node.offset, node.offset + node.length);
    const lineStart = /[\r\n]/.test(statementText) ? lineWindow(source, node.offset, node.offset).start : node.offset;
    const windowNode = parseJson(statementText);
    if (windowNode?.type !== 'object') return whole;
    moveNode(windowNode, node.offset - lineStart);
    const window = { offset: region.offset + lineStart, length: node.offset + node.length - lineStart };
    return new JsonStatementEditor(window, source.slice(lineStart, node.offset + node.length), [], windowNode, formatting, linePrefix, () => whole);
  }

  /**
   * The same statement in text an earlier edit of it produced: it starts where it started, and only its
   * own text is parsed again (the edit landed inside it).
   */
  private reopen(source: string): JsonStatementEditor | undefined {
    const start = this.statementNode.offset;
    const node = parseJson(source.slice(start, start + this.statementNode.length + source.length - this.source.length));
    if (node?.type !== 'object') return undefined;
    moveNode(node, start);
    return new JsonStatementEditor(this.region, source, [], node, this.formatting, this.linePrefix);
  }

  setActions(actions: readonly string[]): Replacement | undefined {
    const value = actions.length === 1 ? actions[0] : [...actions];
    const name = this.hasProperty('Action') ? 'Action' : this.hasProperty('NotAction') ? 'NotAction' : undefined;
    if (!name) return this.joinedOrUndefined(this.insert(['Action'], value));
    const current = this.child(name)!;
    let source: string;
    if (!this.source.slice(current.offset, current.offset + current.length).includes('\n')) {
      // An inline list stays inline; formatting would spread it over lines.
      const separator = /[:,] /.test(this.source.slice(this.statementNode.offset, this.statementNode.offset + this.statementNode.length)) ? ', ' : ',';
      const inline = actions.length === 1 ? JSON.stringify(actions[0]) : `[${actions.map((action) => JSON.stringify(action)).join(separator)}]`;
      source = this.source.slice(0, current.offset) + inline + this.source.slice(current.offset + current.length);
    } else {
      const inserted = this.insert([name], value);
      if (inserted === undefined) return undefined;
      source = inserted;
    }
    // NotAction becomes Action where it stands (the key comes before its value, so its offset holds).
    return this.joined(name === 'NotAction' ? this.renameKey(source, 'NotAction', 'Action') : source);
  }

  addOrganizationCondition(organizationId: string, replace: readonly ConditionClause[]): Replacement | undefined {
    return this.addCondition('StringEquals', ORGANIZATION_KEY, organizationId, replace);
  }

  /** Removes the weak clauses one at a time, re-parsing in between (a removal changes its neighbours' commas), then adds the clause. */
  addCondition(operator: string, key: string, value: string, replace: readonly ConditionClause[]): Replacement | undefined {
    const [clause, ...rest] = replace;
    if (!clause) return this.joinedOrUndefined(this.insert(['Condition', operator, key], value));
    const weakOperator = this.conditionProperty(clause.operator.value);
    const keys = weakOperator?.children?.[1]?.type === 'object' ? weakOperator.children[1].children ?? [] : [];
    const weakKey = keys.find((property) => property.children?.[0]?.value === clause.key.value);
    if (!weakOperator || !weakKey) return this.addCondition(operator, key, value, rest);
    const operators = this.child('Condition')?.children ?? [];
    // The only clause of the Condition: the Condition's value is replaced where it stands.
    if (keys.length === 1 && operators.length === 1) return this.joinedOrUndefined(this.insert(['Condition'], { [operator]: { [key]: value } }));
    const removed = keys.length === 1 ? this.removeItem(weakOperator) : this.removeItem(weakKey);
    return removed === undefined ? undefined : this.reopen(removed)?.addCondition(operator, key, value, rest);
  }

  notPrincipalToOrganization(organizationId: string, replace: readonly ConditionClause[]): Replacement | undefined {
    const current = this.child('NotPrincipal');
    if (!current) return undefined;
    const principal = this.renameKey(this.source.slice(0, current.offset) + '"*"' + this.source.slice(current.offset + current.length), 'NotPrincipal', 'Principal');
    return this.reopen(principal)?.addOrganizationCondition(organizationId, replace);
  }

  removePrincipal(principal: Str): Replacement | undefined {
    const node = this.nodeAt(principal.span);
    if (!node || node.type !== 'string') return undefined;
    const path = getNodePath(node).slice(this.path.length);
    if (path[0] !== 'Principal' || path.length < 2) return undefined;
    const parent = node.parent;
    if (parent?.type === 'array' && (parent.children?.length ?? 0) > 1) return this.joinedOrUndefined(this.removeItem(node));
    const principalObject = this.child('Principal');
    const property = principalObject?.type === 'object' ? principalObject.children?.find((candidate) => candidate.children?.[0]?.value === path[1]) : undefined;
    if (property && (principalObject?.children?.length ?? 0) > 1) return this.joinedOrUndefined(this.removeItem(property));
    return undefined;
  }

  removeStatement(): Replacement | undefined {
    if (this.wholeRegion) return this.wholeRegion().removeStatement();
    if (this.statementNode.parent?.type !== 'array') return undefined;
    return this.joinedOrUndefined(this.removeItem(this.statementNode));
  }

  /**
   * Sets the value at `relative` (inserting the property, and the objects above it, where missing). Only
   * the inserted text is formatted, and only when the object it goes into spans lines: a one-line
   * statement stays on one line.
   */
  private insert(relative: JSONPath, value: unknown): string | undefined {
    // Every existing node above the value must be an object: `"Condition": "x"` cannot take a key.
    for (let depth = 0; depth < relative.length; depth++) {
      const node = findNodeAtLocation(this.statementNode, relative.slice(0, depth));
      if (node && node.type !== 'object') return undefined;
    }
    // `modify` re-parses the text it is given, and `format` reads the lines it formats: both get the
    // statement's own lines, not the whole file, so a fix costs the same in a large file as in a small one.
    const statementText = this.source.slice(this.statementNode.offset, this.statementNode.offset + this.statementNode.length);
    const [relativeEdit] = modify(statementText, relative, value, {});
    if (!relativeEdit) return this.source;
    const window = lineWindow(this.source, this.statementNode.offset, this.statementNode.offset + this.statementNode.length);
    const lines = this.source.slice(window.start, window.end);
    const edit = { ...relativeEdit, offset: relativeEdit.offset + this.statementNode.offset - window.start };
    const within = (edited: string): string => this.source.slice(0, window.start) + edited + this.source.slice(window.end);
    // A replaced value is laid out as it was; an inserted property as the object it goes into.
    let container = findNodeAtLocation(this.statementNode, relative);
    for (let depth = relative.length - 1; depth >= 0 && !container; depth--) {
      const node = findNodeAtLocation(this.statementNode, relative.slice(0, depth));
      if (node?.type === 'object') container = node;
    }
    const multiline = container !== undefined && this.source.slice(container.offset, container.offset + container.length).includes('\n');
    if (!edit.content) return within(applyEdits(lines, [edit]));
    if (!multiline) {
      // On one line: spaced like the statement (`{ "a": "b" }`), or as compact as a minified one.
      return within(applyEdits(lines, [{ ...edit, content: inlineJson(edit.content, /[:,] /.test(statementText)) }]));
    }
    return within(this.formatted(applyEdits(lines, [edit]), edit.offset, edit.content.length));
  }

  /**
   * The text with `[offset, offset + length)` (on one line) formatted like the document. The indentation
   * every line of an embedded region carries (a YAML block's) is set aside while `format` reads the lines,
   * and put back on every line after, the inserted ones included.
   */
  private formatted(text: string, offset: number, length: number): string {
    const prefix = this.linePrefix;
    const lines = text.split('\n');
    if (!prefix || !lines.every((line) => line.startsWith(prefix))) return formatRange(text, offset, length, this.formatting);
    const linesBefore = text.slice(0, offset).split('\n').length;
    const formatted = formatRange(lines.map((line) => line.slice(prefix.length)).join('\n'), offset - linesBefore * prefix.length, length, this.formatting);
    return formatted.split('\n').map((line) => prefix + line).join('\n');
  }

  /**
   * Removes an array element or object property with the comma that separates it from its neighbours,
   * and with its lines when nothing else stands on them; the neighbours keep their layout and comments.
   */
  private removeItem(node: Node): string | undefined {
    const siblings = node.parent?.children ?? [];
    const index = siblings.indexOf(node);
    if (index < 0 || siblings.length < 2) return undefined;
    const source = this.source;
    const end = withLineComment(source, node.offset + node.length);
    const comma = commaAfter(source, node.offset + node.length);
    if (comma !== undefined) {
      // Followed by a comma (a neighbour, or a trailing comma): the item goes with it, and with its lines
      // when it stands alone on them; on a shared line, the spaces up to the next item go too.
      const stop = withLineComment(source, comma + 1);
      const lineStart = source.lastIndexOf('\n', node.offset - 1) + 1;
      const rest = /^[ \t]*(\r?\n|$)/.exec(source.slice(stop));
      if (rest && /^[ \t]*$/.test(source.slice(lineStart, node.offset))) return source.slice(0, lineStart) + source.slice(stop + rest[0].length);
      return source.slice(0, node.offset) + source.slice(stop + /^[ \t]*/.exec(source.slice(stop))![0].length);
    }
    // The last item without a trailing comma: the comma after the previous one goes. (The first item
    // without a comma after it has neighbours only in recovered syntax: `[{} {}]`.)
    const previous = siblings[index - 1];
    if (!previous) return undefined;
    const separator = commaAfter(source, previous.offset + previous.length);
    if (separator === undefined) return undefined;
    if (/^\s*$/.test(source.slice(separator + 1, node.offset))) return source.slice(0, separator) + source.slice(end);
    const removed = removeRange(source, node.offset, end);
    return removed.slice(0, separator) + removed.slice(separator + 1);
  }

  private renameKey(source: string, from: string, to: string): string {
    const key = (this.statementNode.children ?? []).find((property) => property.children?.[0]?.value === from)?.children?.[0];
    return key ? source.slice(0, key.offset) + JSON.stringify(to) + source.slice(key.offset + key.length) : source;
  }

  /** The result, unless a line of it lost the indentation every line of an embedded region needs. */
  private joined(source: string): Replacement | undefined {
    if (this.linePrefix && [...source.matchAll(/\n([^\r\n]*)/g)].some(([, line]) => /\S/.test(line) && !line.startsWith(this.linePrefix))) return undefined;
    return { region: this.region, text: source };
  }

  private joinedOrUndefined(source: string | undefined): Replacement | undefined {
    return source === undefined ? undefined : this.joined(source);
  }

  private child(name: string): Node | undefined {
    const entry = (this.statementNode.children ?? []).find((property) => property.children?.[0]?.value === name);
    return entry?.children?.[1];
  }

  private hasProperty(name: string): boolean {
    return this.child(name) !== undefined;
  }

  /** The `operator: {...}` property of the statement's Condition. */
  private conditionProperty(operator: string): Node | undefined {
    const condition = this.child('Condition');
    return condition?.type === 'object' ? (condition.children ?? []).find((property) => property.children?.[0]?.value === operator) : undefined;
  }

  private nodeAt(span: Span): Node | undefined {
    const offset = span.offset - this.region.offset;
    const node = findNodeAtOffset(this.statementNode, offset + 1);
    return node && node.offset === offset ? node : undefined;
  }
}

/** Offsets of a tree parsed from a slice, moved to where the slice stands. */
function moveNode(node: Node, by: number): void {
  // The tree is ours (just parsed), though jsonc-parser types its offsets read-only.
  const movable = node as { offset: number; colonOffset?: number };
  movable.offset += by;
  if (movable.colonOffset !== undefined) movable.colonOffset += by;
  for (const child of node.children ?? []) moveNode(child, by);
}

/** The offset of the comma that follows `offset`, past whitespace and comments, if a comma comes next. */
function commaAfter(source: string, offset: number): number | undefined {
  const scanner = createScanner(source, false);
  scanner.setPosition(offset);
  let token = scanner.scan();
  while (token === SyntaxKind.Trivia || token === SyntaxKind.LineBreakTrivia || token === SyntaxKind.LineCommentTrivia || token === SyntaxKind.BlockCommentTrivia) token = scanner.scan();
  return token === SyntaxKind.CommaToken ? scanner.getTokenOffset() : undefined;
}

/** `offset` moved past a `// comment` that follows on the same line: the comment goes with the item. */
function withLineComment(source: string, offset: number): number {
  const match = /^[ \t]*\/\/[^\r\n]*/.exec(source.slice(offset));
  return match ? offset + match[0].length : offset;
}
