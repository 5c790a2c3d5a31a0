import { isReadOnly } from '../actions';
import { StatementFacts } from '../grants';
import { finding, Rule } from './context';

/**
 * An Allow to everyone (`*`, `{"AWS": "*"}`, `arn:aws:iam::*:root`, or NotPrincipal) that no condition binds
 * to accounts or an organisation makes the repository public.
 */
export const wildcardPrincipal: Rule = (facts) => {
  if (facts.conditions.bindings.length > 0) return [];
  return facts.named
    .filter((principal) => principal.identity.kind === 'wildcard')
    .map((principal) => finding(facts, 'wildcard-principal', 'error', principal.source.span, message(facts, principal.source.value)));
};

function message(facts: StatementFacts, principal: string): string {
  const who = facts.statement.notPrincipal
    ? 'NotPrincipal with Allow grants to every AWS principal except those listed'
    : `Principal "${principal}" grants to every AWS account`;
  const writes = facts.actions.some((action) => !isReadOnly(action.level));
  const what = writes ? 'the repository is public, and anyone can pull and change its images' : 'the repository is public, and anyone can pull its images';
  const weak = facts.conditions.weak.map((condition) => ` ${condition.reason}`).join('');
  return `${who}, and no condition binds it to your accounts or organisation: ${what}. Add an aws:PrincipalOrgID condition or name the accounts.${weak}`;
}
