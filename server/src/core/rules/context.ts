import { StatementFacts } from '../grants';
import { Finding, FindingData, PolicyStatement, RelatedLocation, RuleId, Severity, Span, Str } from '../model';
import { accountStanding, AccountStanding, TrustEntryOrigin, TrustList } from '../trust';

/** What every rule may consult besides the statement: the trust list and the clock (expiry). */
export interface RuleContext {
  trust?: TrustList;
  /** Name of the trust file the user would create, for the no-trust-list message. */
  trustFileHint: string;
  now: Date;
}

export type Rule = (facts: StatementFacts, context: RuleContext) => Finding[];

export function finding(facts: StatementFacts, rule: RuleId, severity: Severity, span: Span, message: string, extra: Partial<FindingData> = {}, related: RelatedLocation[] = []): Finding {
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
  const definedAt = definedAtOf(statement, span);
  return { rule, severity, span, message, data, related: definedAt ? [...related, definedAt] : related };
}

/**
 * Where the value a finding covers was defined, when not where it is used (the `Default` of a CloudFormation
 * parameter the policy references): the statement's string at the finding's span says so.
 */
function definedAtOf(statement: PolicyStatement, span: Span): RelatedLocation | undefined {
  const at = (item: Str | undefined): boolean => item?.definedAt !== undefined && item.span.offset === span.offset && item.span.length === span.length;
  const found = statement.principals.find((principal) => at(principal.value))?.value
    ?? statement.actions.find(at)
    ?? statement.conditions.flatMap((clause) => clause.values).find(at);
  return found?.definedAt && { span: found.definedAt.span, message: found.definedAt.message };
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
