import { StatementFacts } from '../grants';
import { Finding, FindingData, RelatedLocation, RuleId, Span } from '../model';
import { RULE_METADATA } from './metadata';
import { accountStanding, AccountStanding, TrustEntryOrigin, TrustList } from '../trust';

/** What every rule may consult besides the statement: the trust list and the clock (expiry). */
export interface RuleContext {
  trust?: TrustList;
  /** Name of the trust file the user would create, for the no-trust-list message. */
  trustFileHint: string;
  now: Date;
}

export type Rule = (facts: StatementFacts, context: RuleContext) => Finding[];

/** A finding of `rule`, with the severity its metadata gives it. */
export function finding(facts: StatementFacts, rule: RuleId, span: Span, message: string, extra: Partial<FindingData> = {}, related: RelatedLocation[] = []): Finding {
  const { statement } = facts;
  const data: FindingData = {
    rule,
    documentIndex: facts.documentIndex,
    statementIndex: statement.index,
    statementSpan: statement.span,
    ...(statement.sid ? { sid: statement.sid.value } : {}),
    ...extra,
  };
  if (facts.conditions.weak.length > 0) data.weakConditions = facts.conditions.weak.map((weak) => weak.clause.operator.span);
  return { rule, severity: RULE_METADATA[rule].severity, span, message, data, related };
}

export function standing(context: RuleContext, account: string): AccountStanding {
  return accountStanding(context.trust, account, context.now);
}

/** Points at the trust list line behind a verdict, so a hostile or stale entry is visible. */
export function trustOrigin(context: RuleContext, origin: TrustEntryOrigin, message: string): RelatedLocation {
  return { file: context.trust?.source, line: origin.line, span: origin.span, message };
}

export function displayName(source: string): string {
  const slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
  return slash >= 0 ? source.slice(slash + 1) : source;
}

/** "a, b, c and 4 more" */
export function summarize(items: readonly string[], max = 4): string {
  if (items.length <= max) return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
