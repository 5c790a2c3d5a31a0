import * as fs from 'fs';
import * as path from 'path';
import { Diagnostic, DiagnosticSeverity, DiagnosticRelatedInformation, Range } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { Finding, RuleId, Severity, Span, Suppression } from '../core/model';
import { RULE_METADATA } from '../core/rules/metadata';
import { TrustProblem } from '../core/trust';

export const SOURCE = 'ECR Guard';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

/**
 * Each rule's section in the README that ships with the extension (server/out/server.js lives two levels
 * down). vsce packs README.md as readme.md, and Linux file names are case-sensitive: link the one there is.
 */
const README = ['README.md', 'readme.md'].map((name) => path.resolve(__dirname, '..', '..', name)).find((file) => fs.existsSync(file))
  ?? path.resolve(__dirname, '..', '..', 'README.md');

export function ruleDocumentation(rule: RuleId): string {
  return URI.file(README).with({ fragment: RULE_METADATA[rule].docsAnchor }).toString();
}

export function rangeOf(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.offset), end: document.positionAt(span.offset + span.length) };
}

/** A finding as the editor shows it; `trust` is the trust list document that related locations point into. */
export function toDiagnostic(finding: Finding, document: TextDocument, trust: TextDocument | undefined): Diagnostic {
  const relatedInformation: DiagnosticRelatedInformation[] = [];
  for (const related of finding.related) {
    const target = related.file === undefined ? document : trust;
    if (!target || !related.span) continue;
    relatedInformation.push({ location: { uri: target.uri, range: rangeOf(target, related.span) }, message: related.message });
  }
  return {
    range: rangeOf(document, finding.span),
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    codeDescription: { href: ruleDocumentation(finding.rule) },
    source: SOURCE,
    message: finding.message,
    data: finding.suppression ? { ...finding.data, suppression: shownSuppression(finding.suppression) } : finding.data,
    ...(relatedInformation.length > 0 ? { relatedInformation } : {}),
  };
}

/** What a diagnostic's data says of its suppression (DiagnosticsPublisher holds back the active ones). */
export interface DiagnosticSuppression {
  kind: Suppression['kind'];
  reason: string;
  until?: string;
  expired: boolean;
}

function shownSuppression({ kind, reason, until, expired }: Suppression): DiagnosticSuppression {
  return { kind, reason, ...(until ? { until } : {}), expired };
}

/** Whether the diagnostic is of a finding accepted on purpose: never shown in the Problems panel. */
export function isSuppressedDiagnostic(diagnostic: Diagnostic): boolean {
  const suppression = (diagnostic.data as { suppression?: DiagnosticSuppression } | undefined)?.suppression;
  return suppression !== undefined && !suppression.expired;
}

export function trustProblemDiagnostic(problem: TrustProblem, document: TextDocument): Diagnostic {
  return { range: rangeOf(document, problem.span), severity: SEVERITY[problem.severity], source: SOURCE, code: 'trust-list', message: problem.message };
}
