import { isReadOnly } from '../actions';
import { takenBack } from '../grants';
import { finding, Rule } from './context';
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
    const writes = grantee.actions.some((action) => !isReadOnly(action.level));
    const message = `Service ${grantee.name} may ${writes ? 'push or change images' : 'pull'} for any account: no aws:SourceAccount or aws:SourceArn binds it.`;
    findings.push(finding(facts, 'unscoped-service-principal', grantee.source.span, message, {}, guardsRelated(grantee)));
  }
  return findings;
};
