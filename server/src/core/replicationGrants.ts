import { Grant, Grantee, grantsInventory, InventoryOptions } from './inventory';
import { Finding, PolicyDocument, ReplicationConfiguration, ReplicationDestination, RULE_IDS, Severity } from './model';
import { accountStanding, TrustList } from './trust';

/**
 * Replication destinations in the grants inventory: an account that receives the registry's images holds
 * copies of all of them, which a reviewer must see beside the policies' grants. Such a grant is on no
 * statement: `via` is `replication`, its documentIndex -1, and its `sid` says where images go.
 */
export function replicationGrants(replications: readonly ReplicationConfiguration[], findings: readonly Finding[], options: InventoryOptions = {}): Grant[] {
  const now = options.now ?? new Date();
  const grants: Grant[] = [];
  for (const replication of replications) {
    replication.destinations.forEach((destination, index) => {
      const grantee = granteeOf(destination, options.trust, now);
      if (!grantee) return;
      const grant: Grant = {
        grantee, span: destination.registryId.span, via: 'replication', documentIndex: -1,
        ...(replication.provenance?.resource ? { policy: replication.provenance.resource } : {}),
        statementIndex: index, statementSpan: destination.span, sid: `replication to ${destination.region?.value ?? 'another region'}`,
        // The destination gets copies of every image: what a pull gives, without a grant of ours.
        actions: [], notAction: false, granted: [], access: 'pull', rules: [],
      };
      attach(grant, findings);
      grants.push(grant);
    });
  }
  return grants;
}

/** A file's whole inventory: its policies' grants, then its replication destinations. */
export function fileGrants(
  file: { documents: readonly PolicyDocument[]; replications?: readonly ReplicationConfiguration[] }, findings: readonly Finding[], options: InventoryOptions = {},
): Grant[] {
  const grants = grantsInventory(file.documents, findings, options);
  return file.replications && file.replications.length > 0 ? [...grants, ...replicationGrants(file.replications, findings, options)] : grants;
}

function granteeOf(destination: ReplicationDestination, trust: TrustList | undefined, now: Date): Grantee | undefined {
  const { registryId } = destination;
  if (registryId.origin === 'own-account') return undefined;
  if (registryId.origin === 'unresolved') return { kind: 'unresolved', id: registryId.value, trust: 'unchecked' };
  const standing = accountStanding(trust, registryId.value, now);
  switch (standing.kind) {
    case 'own':
      return undefined;
    case 'trusted':
    case 'expired': {
      const { entry } = standing;
      return {
        kind: 'account', id: registryId.value, ...(entry.name !== undefined ? { name: entry.name } : {}), trust: standing.kind === 'trusted' ? entry.access : 'expired',
        ...(entry.expires ? { expires: entry.expires } : {}), trustLine: entry.line,
      };
    }
    default:
      return { kind: 'account', id: registryId.value, trust: standing.kind };
  }
}

const SEVERITY_RANK: Record<Severity, number> = { information: 0, warning: 1, error: 2 };

/** The findings made on this destination's registry ID (external-replication, or unresolved-principal). */
function attach(grant: Grant, findings: readonly Finding[]): void {
  for (const finding of findings) {
    if (finding.data.documentIndex !== -1 || finding.span.offset !== grant.span.offset || finding.span.length !== grant.span.length) continue;
    // One reference (a for_each over accounts) stands for several destinations at one span: match the account too.
    if (finding.data.account !== undefined && finding.data.account !== grant.grantee.id) continue;
    if (!grant.rules.includes(finding.rule)) grant.rules.push(finding.rule);
    if (!grant.severity || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[grant.severity]) grant.severity = finding.severity;
  }
  grant.rules.sort((a, b) => RULE_IDS.indexOf(a) - RULE_IDS.indexOf(b));
}
