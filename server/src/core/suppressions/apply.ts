import { Finding, RelatedLocation, RuleId, Span, Suppression } from '../model';
import { RULE_METADATA } from '../rules/metadata';
import { lineOf, lineStarts } from '../text';
import { hasExpired, TrustSuppression } from '../trust';
import { Directive, parseDirective } from './directive';

export interface SuppressionInput {
  text: string;
  /** The comments of `text` that may be suppressions (the source's `comments`). */
  comments: readonly Span[];
  /** The trust list's `suppressions` entry for a finding of this file, if any (trustSuppressions.ts). */
  external?: (rule: RuleId, sid: string | undefined) => TrustSuppression | undefined;
  /** The trust file, as related locations name it. */
  trustFile?: string;
  now: Date;
}

/**
 * A directive and what it means: after code, that line's findings and statements (`line`); on a line of
 * its own, the statement starting on the first line of code below (`below`). Never both: a comment after
 * the last line of one statement must not also suppress the next.
 */
interface Placed {
  directive: Directive;
  span: Span;
  line?: number;
  below?: number;
}

/**
 * Marks the findings a suppression names, and reports comments that try to suppress but cannot. Pure and
 * idempotent: the findings given are not changed, and earlier marks are recomputed, so callers may apply
 * it to findings they keep between edits.
 */
export function applySuppressions(findings: readonly Finding[], input: SuppressionInput): Finding[] {
  const placed: Placed[] = [];
  const problems: Finding[] = [];
  const starts = input.comments.length > 0 ? lineStarts(input.text) : [];
  for (const span of input.comments) {
    const parsed = parseDirective(input.text.slice(span.offset, span.offset + span.length));
    if (parsed === undefined) continue;
    if ('problem' in parsed) problems.push(problemFinding(span, parsed.problem));
    else placed.push(place(parsed, span, input.text, starts));
  }
  if (placed.length === 0 && !input.external) return byPlace([...findings.filter((finding) => finding.rule !== 'invalid-suppression').map(unmarked), ...problems]);
  const meant = statementsMeant(findings, placed, starts);
  const result: Finding[] = [];
  for (const finding of findings) {
    if (finding.rule === 'invalid-suppression') continue;
    const suppression = inSource(finding, meant, input) ?? external(finding, input);
    result.push(suppression ? marked(finding, suppression) : unmarked(finding));
  }
  return byPlace([...result, ...problems]);
}

/** The order checkPolicies gives: by place, then rule. */
function byPlace(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.span.offset - b.span.offset || a.rule.localeCompare(b.rule));
}

/** For each statement (by its span), the directives that mean it: the comment above it, or one on a line of its findings. */
function statementsMeant(findings: readonly Finding[], placed: readonly Placed[], starts: readonly number[]): Map<string, Placed[]> {
  const meant = new Map<string, Placed[]>();
  const add = (key: string, directive: Placed): void => {
    const list = meant.get(key);
    if (!list) meant.set(key, [directive]);
    else if (!list.includes(directive)) list.push(directive);
  };
  for (const finding of findings) {
    const key = statementKey(finding);
    const statementLine = lineOf(starts, finding.data.statementSpan.offset);
    const findingLine = lineOf(starts, finding.span.offset);
    for (const directive of placed) {
      if (directive.below === statementLine || directive.line === statementLine || directive.line === findingLine) add(key, directive);
    }
  }
  return meant;
}

function statementKey(finding: Finding): string {
  return `${finding.data.statementSpan.offset}:${finding.data.statementSpan.length}`;
}

/** An active directive for the rule wins over an expired one. */
function inSource(finding: Finding, meant: ReadonlyMap<string, Placed[]>, input: SuppressionInput): Suppression | undefined {
  const candidates = (meant.get(statementKey(finding)) ?? []).filter((placed) => placed.directive.rules.includes(finding.rule));
  const chosen = candidates.find((placed) => !hasExpired(placed.directive.until, input.now)) ?? candidates[0];
  if (!chosen) return undefined;
  const { reason, until } = chosen.directive;
  return { kind: 'inSource', reason, ...(until ? { until } : {}), expired: hasExpired(until, input.now), at: { span: chosen.span, message: `Suppressed: ${reason}` } };
}

function external(finding: Finding, input: SuppressionInput): Suppression | undefined {
  const entry = input.external?.(finding.rule, finding.data.sid);
  if (!entry) return undefined;
  const at: RelatedLocation = { file: input.trustFile, line: entry.line, span: entry.span, message: `Suppressed by the trust list: ${entry.reason}` };
  return { kind: 'external', reason: entry.reason, ...(entry.until ? { until: entry.until } : {}), expired: hasExpired(entry.until, input.now), at };
}

/** An expired suppression says so in the message and points at itself: the finding is back on purpose. */
function marked(finding: Finding, suppression: Suppression): Finding {
  const base = unmarked(finding);
  if (!suppression.expired) return { ...base, suppression };
  return {
    ...base,
    message: `${base.message} (suppression expired on ${suppression.until})`,
    related: [...base.related, { ...suppression.at, message: `Suppression expired on ${suppression.until}: ${suppression.reason}` }],
    suppression,
  };
}

/** The finding without an earlier mark: its message and related locations as the rule gave them. */
function unmarked(finding: Finding): Finding {
  const previous = finding.suppression;
  if (!previous) return finding;
  const rest: Finding = { ...finding };
  delete rest.suppression;
  if (!previous.expired) return rest;
  const suffix = ` (suppression expired on ${previous.until})`;
  return { ...rest, message: rest.message.endsWith(suffix) ? rest.message.slice(0, -suffix.length) : rest.message, related: rest.related.slice(0, -1) };
}

function problemFinding(span: Span, message: string): Finding {
  return {
    rule: 'invalid-suppression',
    severity: RULE_METADATA['invalid-suppression'].severity,
    span,
    message,
    data: { rule: 'invalid-suppression', documentIndex: -1, statementIndex: -1, statementSpan: span },
    related: [],
  };
}

function place(directive: Directive, span: Span, text: string, starts: readonly number[]): Placed {
  const line = lineOf(starts, span.offset);
  const trailing = text.slice(starts[line - 1], span.offset).trim() !== '';
  return trailing ? { directive, span, line } : { directive, span, below: lineBelow(text, starts, lineOf(starts, span.offset + span.length)) };
}

/** The first line after `line` that is neither blank nor only a comment: stacked suppressions share it. */
function lineBelow(text: string, starts: readonly number[], line: number): number {
  for (let next = line + 1; next <= starts.length; next++) {
    const content = text.slice(starts[next - 1], next < starts.length ? starts[next] : text.length).trim();
    if (content !== '' && !/^(#|\/\/|\/\*)/.test(content)) return next;
  }
  return starts.length + 1;
}
