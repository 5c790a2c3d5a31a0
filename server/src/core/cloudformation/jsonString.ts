import { parseJson, policyAt } from '../json/extract';
import { DocumentSyntax, PolicyDocument, PolicyStatement, Str } from '../model';
import { mapDocument } from '../shift';
import { MASK, maskInterpolations } from '../terraform/embedded';
import { Candidate, compose, subPieces } from './compose';
import { Evaluator } from './intrinsics';
import { append, appendFrom, emptyText, MappedText, scalarText, sourceSpan } from './mappedText';
import { CfnNode, fullSpan, intrinsicOf, literalOf } from './nodes';

/**
 * A policy written as a JSON string: a plain or block scalar, or one built by `Fn::Sub` or `Fn::Join`.
 * Spans map back into the template; a string whose source is its text verbatim is JSON at that span.
 */
export function policyFromString(node: CfnNode, evaluator: Evaluator, source: string): PolicyDocument | undefined {
  const call = intrinsicOf(node);
  if (!call) return node.kind === 'scalar' ? jsonPolicy(scalarText(node, source)) : undefined;
  if (call.name === 'Sub') {
    const template = call.argument.kind === 'seq' ? call.argument.items[0] : call.argument;
    const variables = call.argument.kind === 'seq' ? call.argument.items[1] : undefined;
    if (template?.kind !== 'scalar' || template.tag) return undefined;
    return jsonPolicy(scalarText(template, source), (name) => evaluator.variable(name, variables));
  }
  if (call.name === 'Join') return joinPolicy(call.argument, evaluator, source);
  return undefined;
}

/** `Fn::Join` of literal strings and calls: read as a `Fn::Sub` template whose variables are the calls. */
function joinPolicy(argument: CfnNode, evaluator: Evaluator, source: string): PolicyDocument | undefined {
  const [delimiterNode, list] = argument.kind === 'seq' ? argument.items : [];
  const delimiter = literalOf(delimiterNode);
  if (delimiter === undefined || list?.kind !== 'seq' || intrinsicOf(list)) return undefined;
  const mapped = emptyText();
  const parts = new Map<string, CfnNode>();
  list.items.forEach((item, index) => {
    if (index > 0) appendFrom(mapped, escapeSub(delimiter), delimiterNode!.span);
    if (item.kind === 'scalar' && !item.tag) {
      append(mapped, escapedText(scalarText(item, source)));
    } else {
      const name = `\u0002${index}`;
      parts.set(name, item);
      appendFrom(mapped, `\${${name}}`, fullSpan(item));
    }
  });
  const part = (name: string): Candidate[] => {
    const node = parts.get(name);
    return node ? evaluator.candidates(node) : evaluator.variable(name);
  };
  return jsonPolicy(mapped, part);
}

/** Literal text inside a template: `${` is written `${!`. */
function escapeSub(text: string): string {
  return text.split('${').join('${!');
}

function escapedText(mapped: MappedText): MappedText {
  if (!mapped.text.includes('${')) return mapped;
  const escaped = emptyText();
  for (let i = 0; i < mapped.text.length; i++) {
    append(escaped, { text: mapped.text[i], starts: [mapped.starts[i]], ends: [mapped.ends[i]], verbatim: false });
    if (mapped.text[i] === '{' && mapped.text[i - 1] === '$') append(escaped, { text: '!', starts: [mapped.starts[i]], ends: [mapped.ends[i]], verbatim: false });
  }
  return escaped;
}

/**
 * Parses the assembled JSON. With `variable` the text is a `Fn::Sub` template: `${...}` outside JSON
 * strings are masked (and come back unresolved), inside strings they are worked out; a string that may
 * have several values (a branch of `Fn::If`, a list parameter) gives one element per value.
 */
function jsonPolicy(mapped: MappedText, variable?: (name: string) => readonly Candidate[]): PolicyDocument | undefined {
  const text = variable ? maskInterpolations(mapped.text) : mapped.text;
  const syntax: DocumentSyntax = mapped.verbatim ? { kind: 'json', span: { offset: 0, length: mapped.text.length } } : { kind: 'opaque' };
  const root = parseJson(text);
  const document = root && policyAt(root, syntax);
  if (!document) return undefined;
  const more = new Map<Str, Str[]>();
  const str = (item: Str): Str => {
    const span = sourceSpan(mapped, item.span);
    if (!variable) return { ...item, span };
    if (item.value.startsWith(MASK)) return { value: mapped.text.slice(item.span.offset, item.span.offset + item.span.length), span, origin: 'unresolved' };
    if (!item.value.includes('${')) return { ...item, span };
    const [first, ...rest] = compose(subPieces(item.value, variable), item.value).map(({ partition: _partition, ...value }) => ({ ...value, span }));
    if (rest.length > 0) more.set(first, rest);
    return first;
  };
  const mappedDocument = mapDocument(document, (span) => sourceSpan(mapped, span), str);
  return { ...mappedDocument, statements: mappedDocument.statements.map((statement) => expand(statement, more)), ecrRelevant: true };
}

function expand(statement: PolicyStatement, more: ReadonlyMap<Str, Str[]>): PolicyStatement {
  if (more.size === 0) return statement;
  const all = (item: Str): Str[] => [item, ...(more.get(item) ?? [])];
  return {
    ...statement,
    principals: statement.principals.flatMap((principal) => all(principal.value).map((value) => ({ kind: principal.kind, value }))),
    actions: statement.actions.flatMap(all),
    conditions: statement.conditions.map((clause) => ({ ...clause, values: clause.values.flatMap(all) })),
  };
}
