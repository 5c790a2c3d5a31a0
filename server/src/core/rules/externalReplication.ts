import { accessAllowsReplication } from '../access';
import { Finding, FindingData, RelatedLocation, ReplicationConfiguration, ReplicationDestination, RuleId, Str } from '../model';
import { RuleContext, standing, trustOrigin } from './context';
import { RULE_METADATA } from './metadata';

/**
 * Replication rules that copy the registry's images to an account that is neither the team's own nor
 * trusted for `replicate` (or `admin`): every image pushed here is then readable there. A destination that
 * is not a literal is reported as unresolved, never passed over.
 */
export function externalReplication(replications: readonly ReplicationConfiguration[], context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const replication of replications) {
    for (const destination of replication.destinations) {
      const found = destinationFinding(destination, context);
      if (found) findings.push(found);
    }
  }
  return findings;
}

function destinationFinding(destination: ReplicationDestination, context: RuleContext): Finding | undefined {
  const { registryId } = destination;
  if (registryId.origin === 'own-account') return undefined;
  if (registryId.origin === 'unresolved') {
    return finding('unresolved-principal', destination, `Cannot check: the replication destination comes from ${registryId.value}, which ECR Guard cannot resolve to a literal account.`);
  }
  const account = registryId.value;
  const where = destination.region ? ` (${destination.region.value})` : '';
  const receives = `receives replicated images from this registry${where}`;
  const state = standing(context, account);
  switch (state.kind) {
    case 'own':
      return undefined;
    case 'no-trust-list':
      return finding('external-replication', destination, `Account ${account} cannot be checked: there is no trust list. It ${receives}.`, { account });
    case 'untrusted':
      return finding('external-replication', destination, `Account ${account} (untrusted) ${receives}.`, { account });
    case 'expired': {
      const related = trustOrigin(context, state.entry, `trust for ${account} expired on ${state.entry.expires}`);
      return finding('external-replication', destination, `Account ${account} (trust expired on ${state.entry.expires}) ${receives}.`, { account }, [related]);
    }
    case 'trusted': {
      const { entry } = state;
      if (accessAllowsReplication(entry.access)) return undefined;
      const name = entry.name ? `${entry.name}, ` : '';
      const related = trustOrigin(context, entry, `${account} is trusted for ${entry.access} here, not for replicate`);
      const message = `Account ${account} (${name}trusted for ${entry.access}, not replicate) ${receives}.`;
      return finding('external-replication', destination, message, { account, trustedAccess: entry.access }, [related]);
    }
  }
}

/** A finding on the destination's registry ID; it stands on no policy statement (see FindingData). */
function finding(rule: RuleId, destination: ReplicationDestination, message: string, extra: Partial<FindingData> = {}, related: RelatedLocation[] = []): Finding {
  const { registryId } = destination;
  const data: FindingData = { rule, documentIndex: -1, statementIndex: -1, statementSpan: destination.span, ...extra };
  return { rule, severity: RULE_METADATA[rule].severity, span: registryId.span, message, data, related: [...related, ...definedAt(registryId)] };
}

/** Where a value taken from elsewhere (a CloudFormation parameter's Default) was written. */
function definedAt(value: Str): RelatedLocation[] {
  const at = value.definedAt;
  return at ? [{ span: at.span, message: at.message, ...(at.file === undefined ? {} : { file: at.file }) }] : [];
}
