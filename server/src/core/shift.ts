import { ConditionClause, Finding, PolicyDocument, PolicyStatement, Span, Str } from './model';

/** Moving results computed for text that now stands `delta` characters further on. */
export function shiftSpan(span: Span, delta: number): Span {
  return { offset: span.offset + delta, length: span.length };
}

function shiftStr(str: Str, delta: number): Str {
  return { ...str, span: shiftSpan(str.span, delta) };
}

function shiftOptional(str: Str | undefined, delta: number): Str | undefined {
  return str && shiftStr(str, delta);
}

function shiftClause(clause: ConditionClause, delta: number): ConditionClause {
  return { operator: shiftStr(clause.operator, delta), key: shiftStr(clause.key, delta), values: clause.values.map((value) => shiftStr(value, delta)) };
}

function shiftStatement(statement: PolicyStatement, delta: number): PolicyStatement {
  return {
    ...statement,
    span: shiftSpan(statement.span, delta),
    sid: shiftOptional(statement.sid, delta),
    effect: shiftOptional(statement.effect, delta),
    principalKey: shiftOptional(statement.principalKey, delta),
    actionKey: shiftOptional(statement.actionKey, delta),
    conditionKey: shiftOptional(statement.conditionKey, delta),
    principals: statement.principals.map((principal) => ({ kind: principal.kind, value: shiftStr(principal.value, delta) })),
    actions: statement.actions.map((action) => shiftStr(action, delta)),
    conditions: statement.conditions.map((clause) => shiftClause(clause, delta)),
  };
}

export function shiftDocument(document: PolicyDocument, delta: number): PolicyDocument {
  if (delta === 0) return document;
  const syntax = document.syntax.kind === 'json' ? { kind: 'json' as const, span: shiftSpan(document.syntax.span, delta) } : document.syntax;
  return { ...document, span: shiftSpan(document.span, delta), syntax, statements: document.statements.map((statement) => shiftStatement(statement, delta)) };
}

/** Related locations inside the same document move too; those in the trust file stay. */
export function shiftFinding(finding: Finding, delta: number): Finding {
  if (delta === 0) return finding;
  return {
    ...finding,
    span: shiftSpan(finding.span, delta),
    data: { ...finding.data, statementSpan: shiftSpan(finding.data.statementSpan, delta) },
    related: finding.related.map((related) => related.file === undefined && related.span ? { ...related, span: shiftSpan(related.span, delta) } : related),
  };
}
