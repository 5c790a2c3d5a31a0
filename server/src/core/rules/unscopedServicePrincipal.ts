import { levelsLine, writeVerbs } from '../actionSummary';
import { cap } from '../rowText';
import { isReadOnly } from '../actions';
import { takenBack } from '../grants';
import { detailOn, finding, Rule } from './context';
import { guardsRelated } from './guards';

/**
 * An Allow to a service principal that no aws:SourceAccount, aws:SourceArn, aws:SourceOrgID or
 * aws:SourceOrgPaths condition binds: the service may use the grant on behalf of any account's resources (the
 * confused deputy). Amazon ECR User Guide, "Cross-service confused deputy prevention": use aws:SourceArn or
 * aws:SourceAccount "in resource policies to limit the permissions that Amazon ECR gives another service".
 */
export const unscopedServicePrincipal: Rule = (facts) => {
  const findings = [];
  for (const grantee of facts.grantees) {
    if (grantee.kind !== 'service' || takenBack(grantee)) continue;
    const writes = grantee.actions.filter((action) => !isReadOnly(action.level));
    const may = writes.length > 0 ? writeVerbs(writes, ['pull']) : 'pull';
    const message = `Service ${cap(grantee.name, 44)} (unbound): may ${may} for any account`;
    const detail = `No aws:SourceAccount, aws:SourceArn, aws:SourceOrgID or aws:SourceOrgPaths condition binds ${grantee.name}, so it may act on behalf of any account (the confused deputy). Granted: ${levelsLine(grantee.actions)}. Add aws:SourceAccount or aws:SourceArn naming your own resources.`;
    findings.push(finding(facts, 'unscoped-service-principal', grantee.source.span, message, {}, [...guardsRelated(grantee), detailOn(facts.statement, detail)]));
  }
  return findings;
};
