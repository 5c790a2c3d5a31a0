import { isReadOnly } from '../actions';
import { StatementFacts } from '../grants';
import { Finding } from '../model';
import { finding, Rule } from './context';

/**
 * An Allow to everyone (`*`, `{"AWS": "*"}`, `arn:aws:iam::*:root`, or NotPrincipal) that no condition binds
 * to accounts or an organisation makes the repository public. An ECR Public repository is public already:
 * anyone may pull, and its policy cannot deny that (Amazon ECR Public User Guide, "Public repository policy
 * examples"), so there the grant is news only when it lets anyone do more than read.
 */
export const wildcardPrincipal: Rule = (facts) => {
  if (facts.conditions.bindings.length > 0) return [];
  if (facts.registry === 'public' && !grantsWrites(facts)) return [];
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
  const weak = facts.conditions.weak.map((condition) => ` ${condition.reason}`).join('');
  if (facts.registry === 'public') {
    return `${who}, and no condition binds it to your accounts or organisation: anyone can push to, delete from or change this public repository, not only pull from it. Add an aws:PrincipalOrgID condition or name the accounts.${weak}`;
  }
  const what = grantsWrites(facts) ? 'the repository is public, and anyone can pull and change its images' : 'the repository is public, and anyone can pull its images';
  return `${who}, and no condition binds it to your accounts or organisation: ${what}. Add an aws:PrincipalOrgID condition or name the accounts.${weak}`;
}

function grantsWrites(facts: StatementFacts): boolean {
  return facts.actions.some((action) => !isReadOnly(action.level));
}
