import { cap } from '../rowText';
import { ORGANIZATION_ID, ACCOUNT_ID } from '../trust';
import { StatementFacts, takenBack } from '../grants';
import { Finding, Str } from '../model';
import { detailOn, finding, Rule, RuleContext, standing, trustFileName, trustOrigin } from './context';

/**
 * Every account or organisation a statement names, in a principal or a binding condition, that is neither
 * the team's own nor on the trust list (or whose trust has expired). The finding covers that one string.
 */
export const untrustedAccount: Rule = (facts, context) => {
  const findings: Finding[] = [];
  for (const { account, source } of namedAccounts(facts)) {
    if (denied(facts, source)) continue;
    const result = accountFinding(facts, context, account, source);
    if (result) findings.push(result);
  }
  for (const binding of facts.conditions.bindings) {
    if (binding.kind !== 'organization' || !ORGANIZATION_ID.test(binding.organizationId) || denied(facts, binding.value)) continue;
    if (context.trust?.organizationIds.has(binding.organizationId)) continue;
    const organisation = `Organisation ${binding.organizationId}`;
    const message = context.trust
      ? `${organisation} (untrusted): not in organizationIds of ${trustFileName(context)}`
      : `${organisation} (no trust list): cannot be checked`;
    const detail = context.trust
      ? `Every account in organisation ${binding.organizationId} gets this statement's access, and nobody approved it: add it to organizationIds of ${context.trust.source} if it is yours.`
      : createHint(context);
    findings.push(finding(facts, 'untrusted-account', binding.value.span, message, { organizationId: binding.organizationId }, [detailOn(facts.statement, detail)]));
  }
  return findings;
};

/**
 * Whether Deny statements took back everything the string grants: every grantee it names is left with no
 * action (or, for a condition value no grantee carries, every grantee of the statement is).
 */
function denied(facts: StatementFacts, source: Str): boolean {
  const named = facts.grantees.filter((grantee) => grantee.source === source);
  const judged = named.length > 0 ? named : facts.grantees;
  return judged.length > 0 && judged.every(takenBack);
}

function namedAccounts(facts: StatementFacts): { account: string; source: Str }[] {
  // Plain loops (no flatMap): this runs for every statement of every file of a workspace scan.
  const accounts: { account: string; source: Str }[] = [];
  for (const { identity, source } of facts.named) if (identity.kind === 'account') accounts.push({ account: identity.account, source });
  for (const binding of facts.conditions.bindings) {
    if (binding.kind === 'account' && ACCOUNT_ID.test(binding.account)) accounts.push({ account: binding.account, source: binding.value });
  }
  return accounts;
}

function accountFinding(facts: StatementFacts, context: RuleContext, account: string, source: Str): Finding | undefined {
  const state = standing(context, account);
  switch (state.kind) {
    case 'own':
    case 'trusted':
      return undefined;
    case 'no-trust-list':
      return finding(facts, 'untrusted-account', source.span, `Account ${account} (no trust list): cannot be checked`, { account }, [detailOn(facts.statement, createHint(context))]);
    case 'untrusted': {
      const detail = `Nobody has approved giving account ${account} access: it is neither in ownAccounts nor in trustedAccounts of ${context.trust?.source ?? ''}.`;
      return finding(facts, 'untrusted-account', source.span, `Account ${account} (untrusted): not on ${trustFileName(context)}`, { account }, [detailOn(facts.statement, detail)]);
    }
    case 'expired': {
      const name = state.entry.name ? ` (${cap(state.entry.name, 24)})` : '';
      const message = `Account ${account}${name}: trust expired on ${state.entry.expires} (${trustFileName(context)}:${state.entry.line})`;
      const detail = `Trust for account ${account} expired on ${state.entry.expires}: renew it in the trust list or remove this principal.`;
      return finding(facts, 'untrusted-account', source.span, message, { account }, [trustOrigin(context, state.entry, `trust for ${account} expired on ${state.entry.expires}`), detailOn(facts.statement, detail)]);
    }
  }
}

function createHint(context: RuleContext): string {
  return `There is no trust list, so ECR Guard cannot tell your accounts from others. Run "ECR Guard: Create Trust List" in VS Code, or create ${context.trustFileHint} at the workspace root with "ownAccounts" and "trustedAccounts", to approve accounts.`;
}
