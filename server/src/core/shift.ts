import { Finding, PolicyDocument, PolicyStatement, ReplicationConfiguration, Span, Str } from './model';

/**
 * Rewrites every span and string of a document: moving results to where their text now stands, or
 * mapping spans of embedded JSON back into the file that embeds it.
 */
export function mapDocument(document: PolicyDocument, span: (span: Span) => Span, str: (str: Str) => Str): PolicyDocument {
  const optional = (value: Str | undefined): Str | undefined => value && str(value);
  const statement = (item: PolicyStatement): PolicyStatement => ({
    ...item,
    span: span(item.span),
    sid: optional(item.sid),
    effect: optional(item.effect),
    principalKey: optional(item.principalKey),
    actionKey: optional(item.actionKey),
    conditionKey: optional(item.conditionKey),
    resourceKey: optional(item.resourceKey),
    ...(item.resources ? { resources: item.resources.map(str) } : {}),
    principals: item.principals.map((principal) => ({ kind: principal.kind, value: str(principal.value) })),
    actions: item.actions.map(str),
    conditions: item.conditions.map((clause) => ({ operator: str(clause.operator), key: str(clause.key), values: clause.values.map(str) })),
  });
  const syntax = document.syntax.kind === 'json' ? { kind: 'json' as const, span: span(document.syntax.span) } : document.syntax;
  return { ...document, span: span(document.span), syntax, statements: document.statements.map(statement) };
}

export function shiftSpan(span: Span, delta: number): Span {
  return { offset: span.offset + delta, length: span.length };
}

export function shiftDocument(document: PolicyDocument, delta: number): PolicyDocument {
  if (delta === 0) return document;
  return mapDocument(document, (span) => shiftSpan(span, delta), (str) => ({ ...str, span: shiftSpan(str.span, delta) }));
}

export function shiftReplication(replication: ReplicationConfiguration, delta: number): ReplicationConfiguration {
  if (delta === 0) return replication;
  const str = (value: Str): Str => ({ ...value, span: shiftSpan(value.span, delta) });
  return {
    ...replication,
    span: shiftSpan(replication.span, delta),
    destinations: replication.destinations.map((destination) => ({
      registryId: str(destination.registryId), ...(destination.region ? { region: str(destination.region) } : {}), span: shiftSpan(destination.span, delta),
    })),
  };
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
