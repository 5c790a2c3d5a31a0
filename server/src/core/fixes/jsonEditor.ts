import { applyEdits, findNodeAtLocation, findNodeAtOffset, FormattingOptions, getNodePath, JSONPath, modify, Node } from 'jsonc-parser';
import { ConditionClause, PolicyStatement, Span, Str } from '../model';
import { parseJson } from '../json/extract';
import { detectIndentation } from './text';
import { StatementEditor } from './editor';

/**
 * Edits a statement of policy JSON with jsonc-parser's `modify`, which touches only the properties it
 * changes and formats what it inserts like the surrounding document. `region` is the JSON text: the whole
 * file, or a Terraform heredoc's content.
 */
export class JsonStatementEditor implements StatementEditor {
  private readonly before: string;
  private readonly after: string;
  private readonly formatting: FormattingOptions;

  private constructor(text: string, private readonly region: Span, private readonly source: string, private readonly path: JSONPath, private readonly statementNode: Node) {
    this.before = text.slice(0, region.offset);
    this.after = text.slice(region.offset + region.length);
    const indentation = detectIndentation(source);
    this.formatting = { insertSpaces: indentation.unit !== '\t', tabSize: indentation.unit === '\t' ? 4 : indentation.unit.length, eol: indentation.eol };
  }

  static create(text: string, region: Span, statement: PolicyStatement): JsonStatementEditor | undefined {
    const source = text.slice(region.offset, region.offset + region.length);
    const root = parseJson(source);
    if (!root) return undefined;
    let node = findNodeAtOffset(root, statement.span.offset - region.offset + 1);
    while (node && !(node.type === 'object' && node.offset === statement.span.offset - region.offset)) node = node.parent;
    return node ? new JsonStatementEditor(text, region, source, getNodePath(node), node) : undefined;
  }

  /** The same statement in text an earlier edit produced; the region ends where it ended before. */
  private reopen(text: string): JsonStatementEditor | undefined {
    const region = { offset: this.region.offset, length: text.length - this.before.length - this.after.length };
    const source = text.slice(region.offset, region.offset + region.length);
    const root = parseJson(source);
    const node = root && findNodeAtLocation(root, this.path);
    return node?.type === 'object' ? new JsonStatementEditor(text, region, source, this.path, node) : undefined;
  }

  setActions(actions: readonly string[]): string {
    const value = actions.length === 1 ? actions[0] : [...actions];
    const current = this.child('Action');
    if (current && !this.source.slice(current.offset, current.offset + current.length).includes('\n')) {
      // An inline list stays inline; jsonc-parser would spread it over lines.
      const inline = actions.length === 1 ? JSON.stringify(actions[0]) : `[${actions.map((action) => JSON.stringify(action)).join(', ')}]`;
      return this.joined(this.source.slice(0, current.offset) + inline + this.source.slice(current.offset + current.length));
    }
    if (!this.hasProperty('NotAction')) return this.apply([[['Action'], value]]);
    const index = this.propertyIndex('NotAction');
    return this.apply([[['NotAction'], undefined], [['Action'], value, index]]);
  }

  addOrganizationCondition(organizationId: string, replace: readonly ConditionClause[]): string {
    const changes: Change[] = [];
    const emptied = new Map<string, number>();
    for (const clause of replace) {
      changes.push([['Condition', clause.operator.value, clause.key.value], undefined]);
      emptied.set(clause.operator.value, (emptied.get(clause.operator.value) ?? 0) + 1);
    }
    for (const [operator, removed] of emptied) {
      if (this.operatorKeyCount(operator) === removed) changes.push([['Condition', operator], undefined]);
    }
    changes.push([['Condition', 'StringEquals', 'aws:PrincipalOrgID'], organizationId]);
    return this.apply(changes);
  }

  notPrincipalToOrganization(organizationId: string, replace: readonly ConditionClause[]): string | undefined {
    const index = this.propertyIndex('NotPrincipal');
    const first = this.apply([[['NotPrincipal'], undefined], [['Principal'], '*', index]]);
    return this.reopen(first)?.addOrganizationCondition(organizationId, replace);
  }

  removePrincipal(principal: Str): string | undefined {
    const node = this.nodeAt(principal.span);
    if (!node || node.type !== 'string') return undefined;
    const path = getNodePath(node).slice(this.path.length);
    if (path[0] !== 'Principal' || path.length < 2) return undefined;
    const parent = node.parent;
    if (parent?.type === 'array' && (parent.children?.length ?? 0) > 1) return this.apply([[path, undefined]]);
    const principalObject = this.child('Principal');
    if (principalObject?.type === 'object' && (principalObject.children?.length ?? 0) > 1) return this.apply([[path.slice(0, 2), undefined]]);
    return undefined;
  }

  removeStatement(): string | undefined {
    const parent = this.statementNode.parent;
    if (parent?.type !== 'array' || (parent.children?.length ?? 0) < 2) return undefined;
    return this.joined(applyEdits(this.source, modify(this.source, this.path, undefined, { formattingOptions: this.formatting })));
  }

  private apply(changes: readonly Change[]): string {
    let source = this.source;
    for (const [relative, value, insertAt] of changes) {
      const options = { formattingOptions: this.formatting, ...(insertAt === undefined ? {} : { getInsertionIndex: () => insertAt }) };
      source = applyEdits(source, modify(source, [...this.path, ...relative], value, options));
    }
    return this.joined(source);
  }

  private joined(source: string): string {
    return this.before + source + this.after;
  }

  private child(name: string): Node | undefined {
    const entry = (this.statementNode.children ?? []).find((property) => property.children?.[0]?.value === name);
    return entry?.children?.[1];
  }

  private hasProperty(name: string): boolean {
    return this.child(name) !== undefined;
  }

  private propertyIndex(name: string): number {
    return (this.statementNode.children ?? []).findIndex((property) => property.children?.[0]?.value === name);
  }

  private operatorKeyCount(operator: string): number {
    const condition = this.child('Condition');
    const entry = (condition?.children ?? []).find((property) => property.children?.[0]?.value === operator);
    return entry?.children?.[1]?.children?.length ?? 0;
  }

  private nodeAt(span: Span): Node | undefined {
    const offset = span.offset - this.region.offset;
    const node = findNodeAtOffset(this.statementNode, offset + 1);
    return node && node.offset === offset ? node : undefined;
  }
}

type Change = [JSONPath, unknown, number?];
