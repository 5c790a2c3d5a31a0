import { grantingStatements } from './grants';
import { extractJsonPolicies } from './json/extract';
import { Finding, PolicyDocument } from './model';
import { runRules } from './rules';
import { TrustList } from './trust';

export interface AnalysisOptions {
  trust?: TrustList;
  /** The trust file name to suggest when there is none. */
  trustFileHint?: string;
  /** The clock for trust expiry; injected so results are reproducible. */
  now?: Date;
}

export type SourceKind = 'json';

/** Which parser a file needs, or undefined when ECR Guard has nothing to say about it. */
export function sourceKindOf(fileName: string): SourceKind | undefined {
  const lower = fileName.toLowerCase();
  return lower.endsWith('.json') || lower.endsWith('.jsonc') ? 'json' : undefined;
}

export function parsePolicies(text: string, kind: SourceKind): PolicyDocument[] {
  switch (kind) {
    case 'json': return extractJsonPolicies(text);
  }
}

/** Runs every rule; cheap compared with parsing, so callers re-run it when only the trust list changed. */
export function checkPolicies(documents: readonly PolicyDocument[], options: AnalysisOptions = {}): Finding[] {
  const context = { trust: options.trust, trustFileHint: options.trustFileHint ?? '.ecr-trust.json', now: options.now ?? new Date() };
  return runRules(grantingStatements(documents), context).sort((a, b) => a.span.offset - b.span.offset || a.rule.localeCompare(b.rule));
}

export function analyzeText(text: string, kind: SourceKind, options: AnalysisOptions = {}): Finding[] {
  return checkPolicies(parsePolicies(text, kind), options);
}
