import * as fs from 'fs';
import * as path from 'path';
import { Diagnostic, DiagnosticSeverity, DiagnosticRelatedInformation, Range } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { Finding, RuleId, Severity, Span, Suppression } from '../core/model';
import { RULE_METADATA } from '../core/rules/metadata';
import { TrustProblem } from '../core/trust';
import { RULE_PAGES_DIR } from '../protocol';

export const SOURCE = 'ECR Guard';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

/** The extension's (or npm package's) root: server/out/server.js lives two levels down. */
const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The rule's own page (docs/rules/RULE.md, generated from its README section by the build), which any client
 * can open; the VS Code client opens it in the Markdown preview. Without the pages (a server run from
 * source), the rule's section in the README: vsce packs README.md as readme.md, and Linux file names are
 * case-sensitive, so link the one there is.
 */
export function ruleDocumentation(rule: RuleId): string {
  // Every diagnostic carries the link: looked up once per rule, not on every publish (the pages ship with
  // the server and do not change while it runs).
  let link = documentationLinks.get(rule);
  if (link === undefined) {
    link = documentationLink(rule);
    documentationLinks.set(rule, link);
  }
  return link;
}

const documentationLinks = new Map<RuleId, string>();

function documentationLink(rule: RuleId): string {
  const page = rulePage(rule);
  if (fs.existsSync(page)) return URI.file(page).toString();
  const readme = ['README.md', 'readme.md'].map((name) => path.join(ROOT, name)).find((file) => fs.existsSync(file)) ?? path.join(ROOT, 'README.md');
  return URI.file(readme).with({ fragment: RULE_METADATA[rule].docsAnchor }).toString();
}

export function rulePage(rule: RuleId): string {
  return path.join(ROOT, ...RULE_PAGES_DIR.split('/'), `${rule}.md`);
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
