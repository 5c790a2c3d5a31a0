import { EcrAction, isReadOnly } from '../actions';
import { Grantee, StatementFacts, takenBack } from '../grants';
import { Finding } from '../model';
import { finding, Rule } from './context';
import { guardsRelated, guardsNote } from './guards';

/**
 * An Allow to everyone (`*`, `{"AWS": "*"}`, `arn:aws:iam::*:root`, or NotPrincipal) that no condition binds
 * to accounts or an organisation, and no Deny of the policy takes back, makes the repository public. An ECR
 * Public repository is public already: anyone may pull, and its policy cannot deny that (Amazon ECR Public
 * User Guide, "Public repository policy examples"), so there the grant is news only when it lets anyone do
 * more than read.
 */
export const wildcardPrincipal: Rule = (facts) => {
  // A plain loop: this runs for every statement of every file of a workspace scan.
  const findings: Finding[] = [];
  for (const grantee of facts.grantees) {
    if (grantee.kind !== 'public' || takenBack(grantee)) continue;
    if (facts.registry === 'public' && !grantsWrites(grantee.actions)) continue;
    findings.push(finding(facts, 'wildcard-principal', grantee.source.span, message(facts, grantee), {}, guardsRelated(grantee)));
  }
  return findings;
};

function message(facts: StatementFacts, grantee: Grantee): string {
  const who = facts.statement.notPrincipal
    ? 'NotPrincipal with Allow grants to every AWS principal except those listed'
    : `Principal "${grantee.source.value}" grants to every AWS account`;
  const weak = facts.conditions.weak.map((condition) => ` ${condition.reason}`).join('');
  const guarded = guardsNote(grantee);
  if (facts.registry === 'public') {
    return `${who}, and no condition binds it to your accounts or organisation: anyone can push to, delete from or change this public repository, not only pull from it.${guarded} Add an aws:PrincipalOrgID condition or name the accounts.${weak}`;
  }
  const what = grantsWrites(grantee.actions) ? 'the repository is public, and anyone can pull and change its images' : 'the repository is public, and anyone can pull its images';
  return `${who}, and no condition binds it to your accounts or organisation: ${what}.${guarded} Add an aws:PrincipalOrgID condition or name the accounts.${weak}`;
}

function grantsWrites(actions: readonly EcrAction[]): boolean {
  return actions.some((action) => !isReadOnly(action.level));
}
