import type { Node, Tree } from 'web-tree-sitter';
import { ConditionClause, Str } from '../model';
import { enclosingTuple, hclString, listText, nodeStartingAt, removeTupleElement, replaceNode, withTree } from './hcl';
import { renamed } from './hclDocumentEditor';
import { NewClause, ORGANIZATION_KEY, StatementEditor } from './editor';
import { detectIndentation, lineIndentAt, removeRange } from './text';

interface Element {
  node: Node;
  key: Node;
  value: Node;
  name: string;
  /** The comma that follows the element, if any. */
  comma?: Node;
}

/**
 * Edits a statement written as an HCL object inside `jsonencode({...})`. Each step re-parses: the
 * statement object starts at the same offset throughout, since every edit lands inside it.
 */
export class HclObjectEditor implements StatementEditor {
  constructor(private readonly text: string, private readonly parse: (text: string) => Tree, private readonly offset: number) {}

  setActions(actions: readonly string[]): string {
    return this.edit(this.text, (statement) => {
      const element = elementNamed(statement, 'Action') ?? elementNamed(statement, 'NotAction');
      if (!element) return undefined;
      const value = actions.length === 1 ? hclString(actions[0]) : listText(this.text, actions, element.value);
      const replaced = replaceNode(this.text, element.value, value);
      return element.name === 'Action' ? replaced : replaceNode(replaced, element.key, renamedKey(this.text, element.key, 'Action'));
    }) ?? this.text;
  }

  addCondition(operator: string, key: string, value: string, replace: readonly ConditionClause[]): string {
    const cleared = replace.length > 0 ? this.edit(this.text, (statement) => removeClauses(this.text, statement, replace)) ?? this.text : this.text;
    return this.edit(cleared, (statement) => insertClause(cleared, statement, { operator, key, value })) ?? this.text;
  }

  addOrganizationCondition(organizationId: string, replace: readonly ConditionClause[]): string {
    return this.addCondition('StringEquals', ORGANIZATION_KEY, organizationId, replace);
  }

  notPrincipalToOrganization(organizationId: string, replace: readonly ConditionClause[]): string | undefined {
    // The condition first: the weak clauses' spans are offsets into the text as it was analysed.
    const bound = this.addOrganizationCondition(organizationId, replace);
    if (bound === this.text) return undefined;
    return this.edit(bound, (statement) => {
      const element = elementNamed(statement, 'NotPrincipal');
      if (!element) return undefined;
      return replaceNode(replaceNode(bound, element.value, '"*"'), element.key, renamedKey(bound, element.key, 'Principal'));
    });
  }

  removePrincipal(principal: Str): string | undefined {
    return this.edit(this.text, (statement, root) => {
      const node = root.descendantForIndex(principal.span.offset);
      const inTuple = node && enclosingTuple(node);
      if (inTuple && inTuple.element.startIndex === principal.span.offset) {
        const removed = removeTupleElement(this.text, inTuple.tuple, inTuple.element);
        if (removed) return removed;
      }
      const principals = elementNamed(statement, 'Principal');
      const object = principals && objectOf(principals.value);
      const owner = object && elementsOf(object).find((element) => element.node.startIndex <= principal.span.offset && principal.span.offset < element.node.endIndex);
      return owner && elementsOf(object).length > 1 ? removeElement(this.text, object, owner) : undefined;
    });
  }

  removeStatement(): string | undefined {
    return this.edit(this.text, (statement) => {
      const inTuple = enclosingTuple(statement);
      return inTuple ? removeTupleElement(this.text, inTuple.tuple, inTuple.element) : undefined;
    });
  }

  private edit(text: string, change: (statement: Node, root: Node) => string | undefined): string | undefined {
    return withTree(this.parse, text, (root) => {
      const statement = nodeStartingAt(root, this.offset, ['object']);
      return statement ? change(statement, root) : undefined;
    });
  }
}

/** Removes the weak clauses' keys; an operator left with no key goes too. Later edits first, so offsets hold. */
function removeClauses(text: string, statement: Node, replace: readonly ConditionClause[]): string | undefined {
  const condition = elementNamed(statement, 'Condition');
  const conditionObject = condition && objectOf(condition.value);
  if (!conditionObject) return undefined;
  const removals: { object: Node; element: Element }[] = [];
  for (const operator of elementsOf(conditionObject)) {
    const keys = objectOf(operator.value);
    if (!keys) continue;
    const weak = elementsOf(keys).filter((key) => replace.some((clause) => clause.key.span.offset === key.key.startIndex));
    if (weak.length === 0) continue;
    if (weak.length === elementsOf(keys).length) removals.push({ object: conditionObject, element: operator });
    else removals.push(...weak.map((element) => ({ object: keys, element })));
  }
  let result = text;
  for (const { object, element } of removals.sort((a, b) => b.element.node.startIndex - a.element.node.startIndex)) {
    result = removeElement(result, object, element);
  }
  return result;
}

function insertClause(text: string, statement: Node, clause: NewClause): string | undefined {
  const entry = `${hclString(clause.key)} = ${hclString(clause.value)}`;
  // An operator with a colon (ForAnyValue:StringEquals) is no HCL identifier: it is written as a string.
  const operator = /^[A-Za-z_][A-Za-z0-9_]*$/.test(clause.operator) ? clause.operator : hclString(clause.operator);
  const condition = elementNamed(statement, 'Condition');
  if (!condition) return insertElement(text, statement, `Condition = { ${operator} = { ${entry} } }`);
  // A Condition or operator that is not an object literal cannot take a key; a second one would be a duplicate.
  const conditionObject = objectOf(condition.value);
  if (!conditionObject) return undefined;
  const existing = elementNamed(conditionObject, clause.operator);
  if (!existing) return insertElement(text, conditionObject, `${operator} = { ${entry} }`);
  const keys = objectOf(existing.value);
  return keys && insertElement(text, keys, entry);
}

function elementsOf(object: Node): Element[] {
  const elements: Element[] = [];
  for (const child of object.children) {
    if (!child) continue;
    if (child.type === 'object_elem') {
      const key = child.childForFieldName('key');
      const value = child.childForFieldName('val');
      if (key && value) elements.push({ node: child, key, value, name: key.text.replace(/^"|"$/g, '') });
    } else if (child.type === ',' && elements.length > 0) {
      elements[elements.length - 1].comma = child;
    }
  }
  return elements;
}

function elementNamed(object: Node, name: string): Element | undefined {
  return elementsOf(object).find((element) => element.name === name);
}

/** The object an expression holds, looking through the grammar's wrapper nodes. */
function objectOf(expression: Node): Node | undefined {
  let node: Node | null = expression;
  while (node && node.type !== 'object' && (node.type === 'expression' || node.type === 'collection_value')) node = node.namedChild(0);
  return node?.type === 'object' ? node : undefined;
}

function renamedKey(text: string, key: Node, to: string): string {
  return key.text.startsWith('"') ? `"${to}"` : renamed(text, key, to);
}

/** Adds an element after the object's last one, in its layout: on a new line when it spans lines. */
function insertElement(text: string, object: Node, element: string): string {
  const elements = elementsOf(object);
  const last = elements[elements.length - 1];
  if (!last) {
    const open = object.child(0)!;
    return `${text.slice(0, open.endIndex)} ${element} ${text.slice(object.endIndex - 1)}`;
  }
  const multiline = text.slice(object.startIndex, object.endIndex).includes('\n');
  const after = last.comma ?? last.node;
  if (!multiline) return `${text.slice(0, last.node.endIndex)}, ${element}${text.slice(last.node.endIndex)}`;
  const usesCommas = elements.some((candidate) => candidate.comma);
  const { eol } = detectIndentation(text);
  const separator = usesCommas && !last.comma ? ',' : '';
  const trailing = last.comma ? ',' : '';
  return `${text.slice(0, after.endIndex)}${separator}${eol}${lineIndentAt(text, last.node.startIndex)}${element}${trailing}${text.slice(after.endIndex)}`;
}

/** Removes an element with its comma; on a shared line, the comma before it when it is the last. */
function removeElement(text: string, object: Node, element: Element): string {
  const elements = elementsOf(object);
  const index = elements.findIndex((candidate) => candidate.node.startIndex === element.node.startIndex);
  const previous = elements[index - 1];
  if (!element.comma && previous?.comma && !text.slice(previous.comma.endIndex, element.node.startIndex).includes('\n')) {
    return removeRange(text, previous.comma.startIndex, element.node.endIndex);
  }
  return removeRange(text, element.node.startIndex, element.comma ? element.comma.endIndex : element.node.endIndex);
}
