import { levelsLine, writeVerbs } from '../actionSummary';
import { cap, fitRow } from '../rowText';
import { EcrAction, isReadOnly } from '../actions';
import { Grantee, StatementFacts, takenBack } from '../grants';
import { Finding, RelatedLocation } from '../model';
import { detailOn, finding, Rule } from './context';
import { guardsNote, guardsRelated } from './guards';

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
    findings.push(finding(facts, 'wildcard-principal', grantee.source.span, message(facts, grantee), {}, related(facts, grantee)));
  }
  return findings;
};

/** "Public: anyone may pull (Principal "*"; no binding condition)": who, the verdict, then what makes it so. */
function message(facts: StatementFacts, grantee: Grantee): string {
  const writes = grantee.actions.filter((action) => !isReadOnly(action.level));
  const anyone = facts.statement.notPrincipal ? 'anyone but those listed' : 'anyone';
  const verdict = facts.registry === 'public'
    ? `Public repository: ${anyone} may ${writeVerbs(writes)}`
    : `Public: ${anyone} may ${writes.length > 0 ? writeVerbs(writes, ['pull']) : 'pull'}`;
  const principal = facts.statement.notPrincipal ? 'NotPrincipal with Allow' : `Principal "${cap(grantee.source.value, 30)}"`;
  const weak = facts.conditions.weak[0]?.clause;
  if (!weak) return fitRow(`${verdict} (${principal}; no binding condition)`, `${verdict} (${principal})`);
  // The condition's operator and key tell two weak statements apart; what does not fit, the related information names.
  return fitRow(
    `${verdict} (${principal}; ${weak.operator.value} on ${weak.key.value} does not bind)`,
    `${verdict} (${principal}; ${cap(weak.operator.value, 32)} does not bind)`,
    `${verdict} (${principal}; a condition does not bind)`,
  );
}

/** Why no condition binds (at each clause that looks like a binding), what the grant holds and what to do. */
function related(facts: StatementFacts, grantee: Grantee): RelatedLocation[] {
  const who = facts.statement.notPrincipal ? 'NotPrincipal with Allow grants to every AWS principal except those listed' : `Principal "${grantee.source.value}" grants to every AWS account`;
  const what = facts.registry === 'public'
    ? 'anyone can push to, delete from or change this public repository, not only pull from it'
    : 'the repository is public';
  const detail = `${who}, and no condition binds it to your accounts or organisation: ${what}. Granted: ${levelsLine(grantee.actions)}.${guardsNote(grantee)} Add an aws:PrincipalOrgID condition or name the accounts.`;
  const weak = facts.conditions.weak.map((condition) => ({ span: condition.clause.operator.span, message: condition.reason }));
  return [...weak, ...guardsRelated(grantee), detailOn(facts.statement, detail)];
}

function grantsWrites(actions: readonly EcrAction[]): boolean {
  return actions.some((action) => !isReadOnly(action.level));
}
