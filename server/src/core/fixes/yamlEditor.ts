import { Document, isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { ConditionClause, PolicyStatement, Str } from '../model';
import { NewClause, ORGANIZATION_KEY, Replacement, StatementEditor } from './editor';
import { FixSource } from './types';
import { insertPair, removeItem, removePair, renameKey, replaceValue, YamlWindow } from './yamlEdits';
import { asNode, canonical, hasUnsafeSyntax, isIntrinsic, mappingAt, pairNamed, parsedTemplate, plainOf, startsAt, YamlNode } from './yamlTree';
import { measureLayout, Quote, quoteOf, templateLayout, Writer, YamlLayout } from './yamlWrite';

type Plain = Record<string, unknown>;

/**
 * Edits a statement written as a YAML mapping (CloudFormation), with the same semantics as the JSON
 * editor, in the template's own layout: indentation, sequence style, quoting, flow or block style, line
 * ends; comments and other keys stay. Every edit is checked before it is offered: the statement's lines
 * must parse cleanly and say exactly what the edit intends (compared as plain data, intrinsics included),
 * otherwise the edit is not made. Statements with anchors, aliases or merge keys are not edited.
 */
export class YamlStatementEditor implements StatementEditor {
  private constructor(
    private readonly window: YamlWindow,
    private readonly statement: YAMLMap,
    private readonly layout: YamlLayout,
    private readonly removal: () => Replacement | undefined,
  ) {}

  static create(source: FixSource, statement: PolicyStatement): YamlStatementEditor | undefined {
    const { document } = parsedTemplate(source);
    const found = document && mappingAt(document.contents, statement.span.offset);
    if (!document || !found || hasUnsafeSyntax(found.node)) return undefined;
    const window = YamlWindow.around(source.text, found.node);
    const root = window?.parse();
    // The lines parsed alone must read as the statement does in the template, and end where it ends.
    if (!window || !isMap(root) || root.range![1] !== found.node.range![1] - window.offset || canonical(plainOf(root)) !== canonical(plainOf(found.node))) return undefined;
    const layout = measureLayout(window.text, root, () => layoutOf(source.text, document));
    return new YamlStatementEditor(window, root, layout, () => removeStatement(source.text, found.parent, statement.span.offset));
  }

  setActions(actions: readonly string[]): Replacement | undefined {
    const value = actions.length === 1 ? actions[0] : [...actions];
    return this.edited((text, root) => {
      const pair = pairNamed(root, 'Action') ?? pairNamed(root, 'NotAction');
      if (!pair) return insertPair(text, root, 'Action', value, this.writer(root, [root]));
      if (isIntrinsic(pair.value)) return undefined;
      const replaced = replaceValue(text, root, pair, value, this.writer(root, [pair.value, root]));
      // The key comes before its value: its offsets hold after the value changed.
      return replaced && pair.key.value === 'NotAction' ? renameKey(replaced, pair, 'Action') : replaced;
    }, (expected) => {
      delete expected.NotAction;
      expected.Action = value;
    });
  }

  addCondition(operator: string, key: string, value: string, replace: readonly ConditionClause[]): Replacement | undefined {
    const clause = { operator, key, value };
    return this.edited((text, _root, withComments) => this.bind(text, clause, replace, withComments), (expected) => bindPlain(expected, clause, replace));
  }

  addOrganizationCondition(organizationId: string, replace: readonly ConditionClause[]): Replacement | undefined {
    return this.addCondition('StringEquals', ORGANIZATION_KEY, organizationId, replace);
  }

  notPrincipalToOrganization(organizationId: string, replace: readonly ConditionClause[]): Replacement | undefined {
    const organization = { operator: 'StringEquals', key: ORGANIZATION_KEY, value: organizationId };
    return this.edited((text, root, withComments) => {
      const pair = pairNamed(root, 'NotPrincipal');
      if (!pair) return undefined;
      const star: Quote = quoteOf([root], 'values') === 'double' ? 'double' : 'single';
      const replaced = replaceValue(text, root, pair, '*', { ...this.writer(root, [root]), valueQuote: star });
      return replaced && this.bind(renameKey(replaced, pair, 'Principal'), organization, replace, withComments);
    }, (expected) => {
      delete expected.NotPrincipal;
      expected.Principal = '*';
      bindPlain(expected, organization, replace);
    });
  }

  removePrincipal(principal: Str): Replacement | undefined {
    const offset = principal.span.offset - this.window.offset;
    const principals = pairNamed(this.statement, 'Principal')?.value;
    if (!isMap(principals) || isIntrinsic(principals)) return undefined;
    for (const pair of principals.items) {
      const value = asNode(pair.value);
      if (!value || !isScalar(pair.key)) continue;
      const kind = String(pair.key.value);
      const list = isSeq(value) && !isIntrinsic(value) ? value : undefined;
      const items = list ? list.items.map(asNode) : [];
      const index = items.findIndex((item) => item !== undefined && startsAt(list!, item, offset));
      if (index < 0 && !startsAt(principals, value, offset)) continue;
      // One of several values goes alone; the last value of a kind goes with its key (if another kind is left).
      const alone = list !== undefined && index >= 0 && items.length > 1;
      return this.edited((text, _root, withComments) => alone ? removeItem(text, list, items[index]!, withComments) : removePair(text, principals, pair as Pair<Scalar, unknown>, withComments), (expected) => {
        const entries = expected.Principal as Plain;
        if (alone) (entries[kind] as unknown[]).splice(index, 1);
        else delete entries[kind];
      });
    }
    return undefined;
  }

  removeStatement(): Replacement | undefined {
    return this.removal();
  }

  /** Removes the weak clauses one at a time, re-parsing in between, then adds the clause (see JsonStatementEditor). */
  private bind(text: string, added: NewClause, replace: readonly ConditionClause[], withComments: boolean): string | undefined {
    const binding = { [added.operator]: { [added.key]: added.value } };
    let current = text;
    for (const clause of replace) {
      const root = this.window.parse(current);
      if (!isMap(root)) return undefined;
      const condition = pairNamed(root, 'Condition');
      const operators = condition?.value;
      const operator = isMap(operators) && !isIntrinsic(operators) ? pairNamed(operators, clause.operator.value) : undefined;
      const keys = operator?.value;
      const key = isMap(keys) && !isIntrinsic(keys) ? pairNamed(keys, clause.key.value) : undefined;
      if (!condition || !isMap(operators) || !operator || !isMap(keys) || !key) continue;
      // The only clause of the Condition: the Condition's value is replaced where it stands.
      if (keys.items.length === 1 && operators.items.length === 1) return replaceValue(current, root, condition, binding, this.writer(operators, [operators, root]));
      const removed = keys.items.length === 1 ? removePair(current, operators, operator, withComments) : removePair(current, keys, key, withComments);
      if (removed === undefined) return undefined;
      current = removed;
    }
    const root = this.window.parse(current);
    if (!isMap(root)) return undefined;
    const condition = pairNamed(root, 'Condition');
    if (!condition) return insertPair(current, root, 'Condition', binding, this.writer(root, [root]));
    const operators = condition.value;
    if (!isMap(operators) || isIntrinsic(operators)) return undefined;
    const operator = pairNamed(operators, added.operator);
    if (!operator) return insertPair(current, operators, added.operator, binding[added.operator], this.writer(operators, [operators, root]));
    const keys = operator.value;
    if (!isMap(keys) || isIntrinsic(keys)) return undefined;
    const existing = pairNamed(keys, added.key);
    const writer = this.writer(keys, [keys, operators, root]);
    return existing ? replaceValue(current, keys, existing, added.value, writer) : insertPair(current, keys, added.key, added.value, writer);
  }

  /**
   * Applies `change` to the statement's lines and returns the replacement of those lines, if they parse
   * cleanly, end where the statement's end moved to, and now say what `expect` makes of the statement as
   * it was. A comment line above a removed last entry would become the statement's trailing comment and
   * move its end (the parser counts trailing comments in), so that removal is tried again with the
   * comment lines above the entry (`withComments`), which describe it.
   */
  private edited(change: (text: string, root: YAMLMap, withComments: boolean) => string | undefined, expect: (expected: Plain) => void): Replacement | undefined {
    let expected: Plain | undefined;
    let tried: string | undefined;
    for (const withComments of [false, true]) {
      const text = change(this.window.text, this.statement, withComments);
      if (text === undefined || text === tried) return undefined;
      tried = text;
      if (!expected) expect(expected = plainOf(this.statement) as Plain);
      const after = this.window.parse(text);
      if (!after || canonical(plainOf(after)) !== canonical(expected)) return undefined;
      if (after.range![1] === this.statement.range![1] + text.length - this.window.text.length) return this.window.replacement(text);
    }
    return undefined;
  }

  /** Writes into `map` like its neighbours: keys quoted as its keys are, values as the first of `neighbours`' values. */
  private writer(map: YAMLMap, neighbours: readonly unknown[]): Writer {
    const flow = [map, ...neighbours].map((node) => firstFlowText(this.window.text, node)).find((text) => text !== undefined);
    return {
      layout: this.layout,
      keyQuote: quoteOf([map, this.statement], 'keys') ?? 'plain',
      valueQuote: quoteOf([...neighbours, this.statement], 'values') ?? 'plain',
      spaced: flow !== undefined && /^[[{] /.test(flow),
    };
  }
}

/** The text of the first non-empty flow collection in `node`, to read its bracket spacing. */
function firstFlowText(text: string, node: unknown): string | undefined {
  const yamlNode = asNode(node);
  if (!isMap(yamlNode) && !isSeq(yamlNode)) return undefined;
  if (yamlNode.flow && yamlNode.items.length > 0 && yamlNode.range) return text.slice(yamlNode.range[0], yamlNode.range[1]);
  for (const item of yamlNode.items) {
    const found = firstFlowText(text, isMap(yamlNode) ? (item as { value: unknown }).value : item);
    if (found) return found;
  }
  return undefined;
}

/** What adding the clause makes of the statement, on plain data: the edits `bind` makes. */
function bindPlain(expected: Plain, added: NewClause, replace: readonly ConditionClause[]): void {
  const binding = { [added.operator]: { [added.key]: added.value } };
  for (const clause of replace) {
    const operators = mapping(expected.Condition);
    const keys = mapping(operators?.[clause.operator.value]);
    if (!keys || !Object.hasOwn(keys, clause.key.value)) continue;
    if (Object.keys(keys).length === 1 && Object.keys(operators!).length === 1) {
      expected.Condition = binding;
      return;
    }
    delete keys[clause.key.value];
    if (Object.keys(keys).length === 0) delete operators![clause.operator.value];
  }
  const operators = mapping(expected.Condition);
  if (expected.Condition === undefined) expected.Condition = binding;
  else if (operators) operators[added.operator] = { ...mapping(operators[added.operator]), [added.key]: added.value };
}

function mapping(value: unknown): Plain | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Plain : undefined;
}

const layouts = new WeakMap<Document, YamlLayout>();

function layoutOf(text: string, document: Document.Parsed): YamlLayout {
  let layout = layouts.get(document);
  if (!layout) layouts.set(document, layout = templateLayout(text, document.contents));
  return layout;
}

/** The Statement lists read on their own, once per list of a template's parse: each statement's removal starts from it. */
const lists = new WeakMap<YAMLSeq, { window: YamlWindow; list: YAMLSeq; items: unknown[] } | null>();

function listWindow(text: string, parent: YAMLSeq): { window: YamlWindow; list: YAMLSeq; items: unknown[] } | undefined {
  let found = lists.get(parent);
  if (found === undefined) {
    const window = YamlWindow.around(text, parent);
    const list = window?.parse();
    lists.set(parent, found = window && isSeq(list) ? { window, list, items: plainOf(list) as unknown[] } : null);
  }
  return found ?? undefined;
}

/** Removes the statement from its Statement list (of at least two), checked like every other edit. */
function removeStatement(text: string, parent: unknown, offset: number): Replacement | undefined {
  if (!isSeq(parent) || parent.items.length < 2 || !parent.range) return undefined;
  const read = listWindow(text, parent);
  if (!read) return undefined;
  const { window, list, items } = read;
  const index = list.items.findIndex((item) => asNode(item)?.range?.[0] === offset - window.offset);
  if (index < 0) return undefined;
  const removed = removeItem(window.text, list, list.items[index] as YamlNode);
  const after = removed === undefined ? undefined : window.parse(removed, true);
  const expected = items.filter((_item, at) => at !== index);
  return isSeq(after) && canonical(plainOf(after)) === canonical(expected) ? window.replacement(removed!) : undefined;
}
