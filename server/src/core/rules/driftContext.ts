import { DeployedResource } from '../deployed/resources';
import { Drift } from '../drift/compare';
import { Finding, PolicyDocument, RelatedLocation, RuleId, Span } from '../model';
import { RULE_METADATA } from './metadata';

/** What a drift rule judges: one deployed policy (its text, as returned), and how it stands against the IaC. */
export interface DriftSubject {
  resource: DeployedResource;
  document: PolicyDocument;
  drift: Drift;
}

export type DriftRule = (subject: DriftSubject) => Finding[];

/** What a deployed resource is, for messages: `repository app`, `the registry policy`, `template prefix cache`. */
export function describeResource(resource: DeployedResource): string {
  if (resource.kind === 'registry-policy') return 'registry policy';
  if (resource.kind === 'creation-template') return `template prefix ${resource.repository ?? ''}`;
  return `repository ${resource.repository ?? resource.arn}`;
}

/**
 * A finding on the whole policy: it stands on the `"Statement"` key (on the policy's start when the text
 * has none), and on no statement of it.
 */
export function policyFinding(rule: RuleId, subject: DriftSubject, message: string, related: RelatedLocation[]): Finding {
  const { document, resource } = subject;
  const key = resource.text.indexOf('"Statement"', document.span.offset);
  const span: Span = key >= 0 && key < document.span.offset + document.span.length ? { offset: key, length: '"Statement"'.length } : { offset: document.span.offset, length: 1 };
  return { rule, severity: RULE_METADATA[rule].severity, span, message, data: { rule, documentIndex: 0, statementIndex: -1, statementSpan: document.span }, related };
}
