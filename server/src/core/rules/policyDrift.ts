import { cap, fitRow } from '../rowText';
import { Finding } from '../model';
import { describeResource, DriftSubject, policyFinding } from './driftContext';
import { displayName } from './context';

/**
 * A deployed policy that differs from its definition in the workspace once both are put in canonical form
 * (drift/canonical.ts): someone changed it outside the IaC, or the IaC was changed and not applied.
 */
export function policyDrift(subject: DriftSubject): Finding[] {
  const { drift, resource } = subject;
  const definition = drift.definition;
  if (drift.status !== 'drift' || !definition) return [];
  const where = definition.document.provenance?.resource ?? displayName(definition.file);
  const file = displayName(definition.file);
  const added = drift.added ?? 0;
  const removed = drift.removed ?? 0;
  const change = added + removed === 0 ? 'Version differs' : [added > 0 ? `${added} statement${added === 1 ? '' : 's'} not in the IaC` : '', removed > 0 ? `${removed} missing` : ''].filter(Boolean).join(', ');
  const message = fitRow(`Drifted from ${cap(where, 50)} (${cap(file, 30)}): ${change}`, `Drifted from ${cap(where, 40)}: ${change}`);
  const detail = `The ${describeResource(resource)} deployed in ${resource.account} (${resource.region}) is not what ${where} in ${definition.file} defines, even with statement and action order, case and single values set aside. ${change}. Apply the IaC, or bring the change into it; "Compare with the workspace definition" shows both side by side.`;
  return [policyFinding('policy-drift', subject, message, [{ file: definition.file, span: definition.document.span, message: `Defined here: ${where}` }, { span: subject.document.span, message: detail }])];
}
