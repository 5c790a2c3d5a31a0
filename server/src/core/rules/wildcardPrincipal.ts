import { isReadOnly } from '../actions';
import { StatementFacts } from '../grants';
import { Finding } from '../model';
import { finding, Rule } from './context';

/**
 * An Allow to everyone (`*`, `{"AWS": "*"}`, `arn:aws:iam::*:root`, or NotPrincipal) that no condition binds
 * to accounts or an organisation makes the repository public.
 */
export const wildcardPrincipal: Rule = (facts) => {
  if (facts.conditions.bindings.length > 0) return [];
  // A plain loop: this runs for every statement of every file of a workspace scan.
  const findings: Finding[] = [];
  for (const principal of facts.named) {
    if (principal.identity.kind === 'wildcard') findings.push(finding(facts, 'wildcard-principal', principal.source.span, message(facts, principal.source.value)));
  }
  return findings;
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
