import { Finding } from '../model';
import { describeResource, DriftSubject, policyFinding } from './driftContext';

/**
 * A deployed policy that no IaC in the workspace defines: made in the console, by a script, or by a stack
 * that is not here. Nobody reviews its changes as code.
 */
export function unmanagedPolicy(subject: DriftSubject): Finding[] {
  const { drift, resource } = subject;
  if (drift.status !== 'unmanaged') return [];
  const what = describeResource(resource);
  const message = `No IaC in the workspace defines this policy (${what.length > 70 ? `${what.slice(0, 69)}…` : what})`;
  const detail = `No Terraform, CloudFormation or plan in the workspace defines the ${what} of ${resource.account} (${resource.region}), so its changes are reviewed nowhere. Bring it into the IaC (import it), or suppress the finding in the trust list by its ARN.`;
  return [policyFinding('unmanaged-policy', subject, message, [{ span: subject.document.span, message: detail }])];
}
