import { Grantee } from '../grants';
import { PolicyStatement, RelatedLocation } from '../model';

/** Names a Deny statement for people: its Sid, else its place in the policy. */
export function denyName(statement: PolicyStatement): string {
  return statement.sid?.value ? `Deny "${statement.sid.value}"` : `the Deny statement ${statement.index + 1}`;
}

/** " Deny "X" takes back the rest." when Deny statements removed some of the grantee's actions. */
export function guardsNote(grantee: Grantee): string {
  if (!grantee.guards?.length) return '';
  return ` ${grantee.guards.map(denyName).join(' and ')} takes back the rest.`;
}

/** " (what Deny "X" leaves)" after a grantee that Deny statements narrowed. */
export function guardsLeft(grantee: Grantee): string {
  return grantee.guards?.length ? ` (what ${grantee.guards.map(denyName).join(' and ')} leaves)` : '';
}

/** Points at each Deny statement that narrowed the grant, so the reader sees what still gets through and why. */
export function guardsRelated(grantee: Grantee): RelatedLocation[] {
  return (grantee.guards ?? []).map((statement) => ({ span: statement.span, message: `${denyName(statement)} denies part of this grant; what it does not deny is reported here` }));
}
