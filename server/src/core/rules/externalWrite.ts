import { accessAllows } from '../access';
import { gravestFirst, levelsLine, summarize, writeVerbs } from '../actionSummary';
import { cap, fitRow } from '../rowText';
import { EcrAction, isReadOnly, matchActions, shortName } from '../actions';
import { Grantee, StatementFacts } from '../grants';
import { RelatedLocation, Str } from '../model';
import { Access } from '../trust';
import { detailOn, finding, Rule, RuleContext, standing, trustOrigin } from './context';
import { guardsLeft, guardsRelated } from './guards';

/** A grantee that may not have some of the write actions granted, and why. */
interface Offender {
  /** For the one-row message: "Account 444455556666 (untrusted)". */
  who: string;
  /** The same without the values the policy or trust list may make long (a name, a service, a condition value). */
  shortWho: string;
  /** For the long form: what the trust list says, where, and what Deny statements leave. */
  longWho: string;
  account?: string;
  trustedAccess?: Access;
  denied: readonly EcrAction[];
  related?: RelatedLocation;
  /** The Deny statements that took back part of the grant. */
  guards: RelatedLocation[];
}

/**
 * Push, delete, policy or tag actions granted to anyone but the team's own accounts, beyond the access the
 * trust list gives them. A wildcard principal is external even when bound to an organisation.
 */
export const externalWrite: Rule = (facts, context) => {
  const offenders = unique(facts.grantees.flatMap((grantee) => {
    const writes = grantee.actions.filter((action) => !isReadOnly(action.level));
    return writes.length > 0 ? offender(grantee, writes, context) ?? [] : [];
  }));
  if (offenders.length === 0) return [];
  const deniedNames = new Set(offenders.flatMap((o) => o.denied.map((action) => action.name)));
  const related = offenders.flatMap((o) => [...(o.related ? [o.related] : []), ...o.guards]);
  const single = offenders.length === 1 ? offenders[0] : undefined;
  const extra = { account: single?.account, trustedAccess: single?.trustedAccess };
  return offendingActionStrings(facts, deniedNames).map(({ source, granted }) =>
    finding(facts, 'external-write', source.span, message(facts, source, granted, offenders), extra, [...related, detailOn(facts.statement, detail(facts, source, granted, offenders))]));
};

function offender(grantee: Grantee, writes: readonly EcrAction[], context: RuleContext): Offender | undefined {
  // Built only for an offender: this runs for every grantee with writes, own accounts included.
  const guards = (): RelatedLocation[] => guardsRelated(grantee);
  const via = grantee.throughService ? `via ${cap(grantee.throughService.value, 36)}` : '';
  const through = (): string => `${grantee.throughService ? ` through ${grantee.throughService.value}` : ''}${guardsLeft(grantee)}`;
  switch (grantee.kind) {
    case 'public':
      return { who: 'Everyone (Principal "*")', shortWho: 'Everyone', longWho: `every AWS account${guardsLeft(grantee)}`, denied: writes, guards: guards() };
    case 'organization': {
      const organisation = grantee.own ? 'your organisation' : `organisation ${grantee.organizationId}`;
      return { who: `Every account of ${organisation}${via ? ` (${via})` : ''}`, shortWho: `Every account of ${organisation}`, longWho: `every account of ${organisation}${through()}`, denied: writes, guards: guards() };
    }
    case 'resource':
      return { who: `Callers bound only by ${cap(grantee.source.value, 40)}${via ? ` (${via})` : ''}`, shortWho: 'Callers bound by a condition', longWho: `callers bound only by ${grantee.source.value}${through()}`, denied: writes, guards: guards() };
    // Unbound service principals are unscoped-service-principal's.
    case 'service':
      return undefined;
    case 'account': {
      const state = standing(context, grantee.account);
      if (state.kind === 'own') return undefined;
      if (state.kind !== 'trusted') {
        const why = state.kind === 'expired' ? `trust expired on ${state.entry.expires}` : state.kind === 'no-trust-list' ? 'no trust list' : 'untrusted';
        const longWhy = state.kind === 'no-trust-list' ? 'no trust list, so it cannot be checked' : why;
        return { who: `Account ${grantee.account} (${[why, via].filter(Boolean).join(', ')})`, shortWho: `Account ${grantee.account} (${why})`, longWho: `account ${grantee.account} (${longWhy})${through()}`, account: grantee.account, denied: writes, guards: guards() };
      }
      const denied = writes.filter((action) => !accessAllows(state.entry.access, action));
      if (denied.length === 0) return undefined;
      const label = `${state.entry.name ? `${cap(state.entry.name, 24)}, ` : ''}trusted for ${state.entry.access} only`;
      return {
        who: `Account ${grantee.account} (${[label, via].filter(Boolean).join(', ')})`,
        shortWho: `Account ${grantee.account} (trusted for ${state.entry.access} only)`,
        longWho: `account ${grantee.account} (${label} in ${context.trust?.source ?? ''}:${state.entry.line})${through()}`,
        account: grantee.account,
        trustedAccess: state.entry.access,
        denied,
        guards: guards(),
        related: trustOrigin(context, state.entry, `${grantee.account} is trusted for ${state.entry.access} here`),
      };
    }
  }
}

/** The same grantee named twice (two wildcards bound by one condition) is one offender. */
function unique(offenders: readonly Offender[]): Offender[] {
  const seen = new Set<string>();
  return offenders.filter((o) => !seen.has(o.longWho) && seen.add(o.longWho));
}

/** The Action strings that grant a denied action (or the NotAction key), each with what it grants. */
function offendingActionStrings(facts: StatementFacts, denied: ReadonlySet<string>): { source: Str; granted: EcrAction[] }[] {
  const { statement } = facts;
  if (statement.notAction) {
    const granted = facts.actions.filter((action) => denied.has(action.name));
    return statement.actionKey ? [{ source: statement.actionKey, granted }] : [];
  }
  return statement.actions
    .map((source) => ({ source, granted: matchActions(source.value, facts.registry).filter((action) => denied.has(action.name)) }))
    .filter((entry) => entry.granted.length > 0);
}

/** "Account 444455556666 (untrusted): may push (ecr:PutImage)"; several grantees are counted, not listed. */
function message(facts: StatementFacts, source: Str, granted: readonly EcrAction[], offenders: readonly Offender[]): string {
  const verbs = writeVerbs(granted);
  const names = gravestFirst(granted).map(shortName);
  const pattern = facts.statement.notAction ? 'NotAction' : cap(source.value, 32);
  const literal = names.length === 1 && !facts.statement.notAction && !/[*?]/.test(source.value);
  const actions = [literal ? pattern : `${pattern}: ${summarize(names, 1)}`, names.length === 1 ? pattern : `${pattern}, ${names.length} actions`];
  const more = offenders.length > 1 ? ` and ${offenders.length - 1} more` : '';
  const whos = [...(offenders.length === 2 ? [summarize(offenders.map((o) => o.who), 2)] : []), `${offenders[0].who}${more}`, `${offenders[0].shortWho}${more}`];
  const count = names.length === 1 ? '1 action' : `${names.length} actions`;
  // The last wording drops every value the user wrote, so it fits whatever their length.
  return fitRow(...whos.flatMap((who) => actions.map((what) => `${who}: may ${verbs} (${what})`)), `${offenders[0].shortWho}${more}: may ${verbs} (${count})`);
}

/** The long form: every action by access level, every grantee, why it matters and what to do. */
function detail(facts: StatementFacts, source: Str, granted: readonly EcrAction[], offenders: readonly Offender[]): string {
  const service = facts.registry === 'public' ? 'ECR Public' : 'ECR';
  const what = facts.statement.notAction ? `NotAction grants every other ${service} action, including` : `"${source.value}" grants`;
  // Anyone may pull from a public repository without a grant: there is no pull action to narrow to.
  const advice = facts.registry === 'public' ? 'a public repository needs no grant to be pulled from, so remove these actions' : 'grant only the pull actions';
  return `${what} ${levelsLine(granted)} to ${summarize(offenders.map((o) => o.longWho), 3)}. Outside accounts that can push, delete or change policy are a supply-chain attack path; ${advice}.`;
}
