import type { TextEditSpan } from '../fixes/types';
import { Finding, PolicyDocument, RuleId, Span } from '../model';
import { lineOf, lineStarts } from '../text';
import { parseDirective, SUPPRESSION_MARKER } from './directive';

/** What the user answered: why the finding is accepted, and until when. */
export interface SuppressionAnswer {
  rule: RuleId;
  reason: string;
  until?: string;
}

/**
 * Where a suppression of one finding is written: a comment above its statement (an edit of the document),
 * or an entry of the trust list, for text that cannot hold a comment AWS accepts.
 */
export type SuppressionPlace =
  | { kind: 'comment' }
  | { kind: 'trust'; sid?: string };

/**
 * A comment where the document holds comments (`opener` is its line comment) and the statement is written
 * in the document's own syntax: an HCL policy document or `jsonencode` object, or a YAML mapping. JSON
 * (a policy file, a heredoc, a JSON template) and JSON in a string go to the trust list. So does a
 * statement that starts on the line of another: the comment above would suppress both. A replication
 * destination is no statement, but a comment above its line names it all the same.
 */
export function suppressionPlace(finding: Finding, documents: readonly PolicyDocument[], text: string, opener: string | undefined): SuppressionPlace {
  const trust: SuppressionPlace = { kind: 'trust', ...(finding.data.sid !== undefined ? { sid: finding.data.sid } : {}) };
  if (opener === undefined) return trust;
  if (finding.data.documentIndex === -1) return { kind: 'comment' };
  const kind = documents[finding.data.documentIndex]?.syntax.kind;
  if (kind !== 'hcl-document' && kind !== 'hcl-object' && kind !== 'yaml') return trust;
  const starts = lineStarts(text);
  const start = finding.data.statementSpan.offset;
  const line = lineOf(starts, start);
  const crowded = documents.some((document) => document.statements.some((statement) => statement.span.offset !== start && lineOf(starts, statement.span.offset) === line));
  return crowded ? trust : { kind: 'comment' };
}

/**
 * The comment edit: on a new line above the statement's first line, indented like it (for a YAML
 * sequence item, the dash's indentation). A directive already standing above the statement with the same
 * reason and date takes the rule instead, so one accepted reason stays one line; any other gets a new line.
 */
export function suppressionCommentEdit(text: string, finding: Finding, comments: readonly Span[], opener: string, answer: SuppressionAnswer): TextEditSpan {
  const starts = lineStarts(text);
  const line = lineOf(starts, finding.data.statementSpan.offset);
  const lineStart = starts[line - 1];
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  const joined = joinable(text, starts, line, comments, answer);
  if (joined) return joined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { span: { offset: lineStart, length: 0 }, newText: `${indent}${directiveText(opener, [answer.rule], answer)}${eol}` };
}

function directiveText(opener: string, rules: readonly RuleId[], answer: SuppressionAnswer): string {
  return `${opener} ${SUPPRESSION_MARKER} ${rules.join(',')}${answer.until ? ` until=${answer.until}` : ''} -- ${answer.reason}`;
}

/**
 * A line comment on the lines just above `line` (blank and comment lines in between, as suppressions
 * stack) whose directive has the same reason and date: rewritten with the rule added.
 */
function joinable(text: string, starts: readonly number[], line: number, comments: readonly Span[], answer: SuppressionAnswer): TextEditSpan | undefined {
  for (let above = line - 1; above >= 1; above--) {
    const lineText = text.slice(starts[above - 1], above < starts.length ? starts[above] : text.length);
    const content = lineText.trim();
    if (content === '') continue;
    const comment = comments.find((span) => lineOf(starts, span.offset) === above && text.slice(starts[above - 1], span.offset).trim() === '');
    if (!comment) {
      if (/^(#|\/\/|\/\*)/.test(content)) continue;
      return undefined;
    }
    const written = text.slice(comment.offset, comment.offset + comment.length);
    const opener = /^(#|\/\/)/.exec(written)?.[1];
    const directive = parseDirective(written);
    if (opener && directive && !('problem' in directive) && directive.reason === answer.reason && directive.until === answer.until) {
      const rules = directive.rules.includes(answer.rule) ? directive.rules : [...directive.rules, answer.rule];
      const trailing = /\s*$/.exec(written)?.[0] ?? '';
      return { span: { offset: comment.offset, length: comment.length - trailing.length }, newText: directiveText(opener, rules, answer) };
    }
  }
  return undefined;
}
