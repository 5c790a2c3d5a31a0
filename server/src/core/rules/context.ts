import { cap } from '../rowText';
import { StatementFacts } from '../grants';
import { Finding, FindingData, PolicyDocument, PolicyStatement, RelatedLocation, RuleId, Span, Str } from '../model';
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

/** A rule that judges a whole ECR resource policy, every statement of it (Deny and identity ones too). */
export type DocumentRule = (document: PolicyDocument, documentIndex: number, context: RuleContext) => Finding[];

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
  const definedAt = definedAtOf(statement, span, data.account ?? data.organizationId);
  return { rule, severity: RULE_METADATA[rule].severity, span, message, data, related: definedAt ? [...related, definedAt] : related };
}

/** A finding of `rule` on a statement the granting analysis has no facts for (a Deny, a statement without Effect). */
export function statementFinding(documentIndex: number, statement: PolicyStatement, rule: RuleId, span: Span, message: string, extra: Partial<FindingData> = {}): Finding {
  const data: FindingData = {
    rule,
    documentIndex,
    statementIndex: statement.index,
    statementSpan: statement.span,
    ...(statement.sid ? { sid: statement.sid.value } : {}),
    ...extra,
  };
  const definedAt = definedAtOf(statement, span, undefined);
  return { rule, severity: RULE_METADATA[rule].severity, span, message, data, related: definedAt ? [definedAt] : [] };
}

/**
 * Where the value a finding covers was defined, when not where it is used (the `Default` of a CloudFormation
 * parameter the policy references): the statement's string at the finding's span says so. One reference
 * may stand for several values (a mapping searched with an unknown key); the one naming `about` is meant.
 */
function definedAtOf(statement: PolicyStatement, span: Span, about: string | undefined): RelatedLocation | undefined {
  const candidates: Str[] = [];
  const consider = (item: Str | undefined): void => {
    if (item?.definedAt && item.span.offset === span.offset && item.span.length === span.length) candidates.push(item);
  };
  for (const principal of statement.principals) consider(principal.value);
  statement.actions.forEach(consider);
  consider(statement.effect);
  for (const clause of statement.conditions) clause.values.forEach(consider);
  const found = (about !== undefined ? candidates.find((item) => item.value.includes(about)) : undefined) ?? candidates[0];
  return found?.definedAt && { span: found.definedAt.span, message: found.definedAt.message, ...(found.definedAt.file === undefined ? {} : { file: found.definedAt.file }) };
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

/**
 * The long form of a finding (why, what exactly, what to do) as related information on its statement: the
 * message stays one Problems row, and the editor shows this in the hover and under the problem.
 */
export function detailOn(statement: { span: Span }, message: string): RelatedLocation {
  return { span: statement.span, message };
}

/** The trust list's file name, for messages; capped, so a deep path cannot push the verdict out of the row. */
export function trustFileName(context: RuleContext): string {
  return cap(context.trust ? displayName(context.trust.source) : context.trustFileHint, 30);
}
