import { Finding, PolicyStatement, Span } from '../model';
import { isDamaged } from './damage';
import { locateStatement, preferredFix } from './fixesFor';
import { applyEdits } from './text';
import { FixSource, TextEditSpan } from './types';

export interface FixAnalysis {
  source: FixSource;
  findings: readonly Finding[];
}

export type Analyze = (text: string) => FixAnalysis;

/** One preferred fix on one statement, with where that statement stood and what it was found to hold. */
interface Candidate {
  statement: PolicyStatement;
  finding: Finding;
  edit: TextEditSpan;
  /** Identifies the fix on this statement's text, so one that failed its check is never tried again. */
  key: string;
}

/** Rounds are bounded anyway (each applies a fix that clears a finding, or rejects one); this is a backstop. */
const MAX_ROUNDS = 100;

/**
 * Applies every preferred fix that needs no answer and passes its check, without waiting in between: for
 * the CLI and tests. The language server runs `fixAllAsync` so that it answers other requests meanwhile.
 */
export function fixAll(text: string, analyze: Analyze): string {
  const steps = fixAllSteps(text, analyze);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `fixAll`, calling `pause` whenever a slice of work has run: it should yield to the event loop, and
 * resolves false to stop (the document changed, the request was cancelled), when the result is undefined.
 */
export async function fixAllAsync(text: string, analyze: Analyze, pause: () => Promise<boolean>, sliceMs = 10): Promise<string | undefined> {
  const steps = fixAllSteps(text, analyze);
  let sliceStart = Date.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (Date.now() - sliceStart >= sliceMs) {
      if (!await pause()) return undefined;
      sliceStart = Date.now();
    }
  }
}

/**
 * Fix-all in rounds. Each round takes, per statement, the preferred no-input fix of its first finding (not
 * on a half-typed statement, not one that failed before), applies them all at once (they edit disjoint
 * statements), re-analyses once, and keeps only the fixes after which their statement lost the finding
 * and gained none; the others are rejected and the round re-run without them (a finding gained outside
 * every edited statement is pinned down by halving the round). It stops when a round neither applies nor
 * rejects a fix. Every applied fix clears at least one finding, so the text grows by at most one fix
 * per finding, and the work is a few analyses per round rather than one per fix. Yields after each
 * analysis and each fix built, so a driver can pause there.
 */
export function* fixAllSteps(text: string, analyze: Analyze): Generator<void, string, void> {
  let current = analyze(text);
  yield;
  let currentText = text;
  const rejected = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let candidates: Candidate[] = [];
    const seen = new Set<number>();
    for (const finding of current.findings) {
      const candidate = candidateOf(currentText, current, finding, seen, rejected);
      if (candidate) {
        candidates.push(candidate);
        seen.add(candidate.statement.span.offset);
      }
      yield;
    }
    candidates = disjoint(candidates);
    // A round that rejected fixes made progress too: the statements' other findings get their turn next.
    let progressed = false;
    while (candidates.length > 0) {
      const nextText = applyEdits(currentText, candidates.map((candidate) => candidate.edit));
      const next = analyze(nextText);
      yield;
      const verdict = checkCandidates(currentText, current, nextText, next, candidates);
      if (verdict === 'kept') {
        currentText = nextText;
        current = next;
        progressed = true;
        break;
      }
      if (verdict === 'gained elsewhere' && candidates.length > 1) {
        // Not pinned on one fix: try the first half alone; the others wait for the next round, not rejected.
        candidates = candidates.slice(0, candidates.length >> 1);
        continue;
      }
      const failed = new Set(verdict === 'gained elsewhere' ? candidates : verdict);
      for (const candidate of failed) rejected.add(candidate.key);
      candidates = candidates.filter((candidate) => !failed.has(candidate));
      progressed = true;
    }
    if (!progressed) break;
  }
  return currentText;
}

/** The finding's preferred fix if it needs no input, edits only its statement (one not fixed yet this round) and was not rejected. */
function candidateOf(text: string, analysis: FixAnalysis, finding: Finding, taken: ReadonlySet<number>, rejected: ReadonlySet<string>): Candidate | undefined {
  const located = locateStatement(finding, analysis.source);
  if (!located || taken.has(located.statement.span.offset) || isDamaged(analysis.source, located.document, located.statement)) return undefined;
  const { statement } = located;
  const fix = preferredFix(finding, analysis.source);
  const edit = fix?.edits?.[0];
  if (!fix || fix.needs || fix.edits?.length !== 1 || !edit || !within(edit.span, extent(text, statement.span))) return undefined;
  const key = `${fix.id}|${coverKey(text, finding)}|${text.slice(statement.span.offset, end(statement.span))}`;
  return rejected.has(key) ? undefined : { statement, finding, edit, key };
}

/** Candidates whose edits touch no other's (two statements of one document never overlap; this is a guard). */
function disjoint(candidates: readonly Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((a, b) => a.edit.span.offset - b.edit.span.offset);
  const kept: Candidate[] = [];
  for (const candidate of sorted) {
    const previous = kept[kept.length - 1];
    if (previous && end(previous.edit.span) >= candidate.edit.span.offset) continue;
    kept.push(candidate);
  }
  return kept;
}

/**
 * 'kept' when every candidate's statement, after all of them were applied, still starts where it did,
 * is not half-typed, lost the finding and gained none, and no finding appeared elsewhere; else the
 * candidates that failed, or 'gained elsewhere' when a finding appeared outside every edited statement.
 */
function checkCandidates(beforeText: string, before: FixAnalysis, afterText: string, after: FixAnalysis, candidates: readonly Candidate[]): 'kept' | 'gained elsewhere' | Candidate[] {
  // By where they start: an edit keeps its statement's start, and may run on past its end (see extent).
  const statementsAfter = new Map<number, { statement: PolicyStatement; damaged: boolean }>();
  for (const document of after.source.documents) {
    for (const statement of document.statements) {
      statementsAfter.set(statement.span.offset, { statement, damaged: isDamaged(after.source, document, statement) });
    }
  }
  const byStatementBefore = groupByStatement(beforeText, before.findings);
  const byStatementAfter = groupByStatement(afterText, after.findings);
  const failed: Candidate[] = [];
  const mapped = new Set<string>();
  let shift = 0;
  for (const candidate of candidates) {
    const delta = candidate.edit.newText.length - candidate.edit.span.length;
    const standing = statementsAfter.get(candidate.statement.span.offset + shift);
    shift += delta;
    const moved = standing && spanKey(standing.statement.span);
    if (moved) mapped.add(moved);
    const allowed = multisetMinus(byStatementBefore.get(spanKey(candidate.statement.span)) ?? [], [coverKey(beforeText, candidate.finding)]);
    const found = (moved === undefined ? undefined : byStatementAfter.get(moved)) ?? [];
    if (!standing || standing.damaged || multisetMinus(found, allowed).length > 0) failed.push(candidate);
  }
  if (failed.length > 0) return failed;
  // Elsewhere nothing may be gained: the findings outside the edited statements are a subset of before's.
  const touched = new Set(candidates.map((candidate) => spanKey(candidate.statement.span)));
  const outsideBefore = [...byStatementBefore].filter(([key]) => !touched.has(key)).flatMap(([, keys]) => keys);
  const outsideAfter = [...byStatementAfter].filter(([key]) => !mapped.has(key)).flatMap(([, keys]) => keys);
  return multisetMinus(outsideAfter, outsideBefore).length > 0 ? 'gained elsewhere' : 'kept';
}

/** Findings as rule and covered text, grouped by the statement they were made on. */
function groupByStatement(text: string, findings: readonly Finding[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const finding of findings) {
    const key = spanKey(finding.data.statementSpan);
    let group = groups.get(key);
    if (!group) groups.set(key, group = []);
    group.push(coverKey(text, finding));
  }
  return groups;
}

/** The rule and the text a finding covers: what identifies it across an edit of its own statement. */
export function coverKey(text: string, finding: Finding): string {
  return `${finding.rule}|${text.slice(finding.span.offset, end(finding.span))}`;
}

/** What `a` holds more often than `b`. */
export function multisetMinus(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const item of b) counts.set(item, (counts.get(item) ?? 0) + 1);
  return a.filter((item) => {
    const count = counts.get(item) ?? 0;
    if (count === 0) return true;
    counts.set(item, count - 1);
    return false;
  });
}

/**
 * The text a statement's edits may touch: its span, and the rest of its last line when that holds only
 * blanks or a comment, with the line break. A YAML statement's span ends with its last value, but the
 * comment after that value is the statement's, and a key added after the last one goes on the next line.
 */
function extent(text: string, span: Span): Span {
  LINE_REST.lastIndex = end(span);
  return { offset: span.offset, length: span.length + (LINE_REST.exec(text)?.[0].length ?? 0) };
}

const LINE_REST = /[ \t]*(?:#[^\r\n]*)?(?:\r?\n)?/y;

function within(inner: Span, outer: Span): boolean {
  return inner.offset >= outer.offset && end(inner) <= end(outer);
}

function end(span: Span): number {
  return span.offset + span.length;
}

function spanKey(span: Span): string {
  return `${span.offset}:${span.length}`;
}
