import { accessAllowsReplication } from '../access';
import { cap, fitRow, ROW } from '../rowText';
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
    const detail = `The destination registry comes from ${registryId.value}, which ECR Guard cannot resolve to a literal account; check by hand whose registry receives the images.`;
    const message = fitRow(`Cannot check replication destination ${registryId.value}: not a literal account`, `Cannot check replication to ${cap(registryId.value, ROW - 28)}`);
    return finding('unresolved-principal', destination, message, {}, [detailOn(destination, detail)]);
  }
  const account = registryId.value;
  const where = destination.region ? ` (${cap(destination.region.value, 20)})` : '';
  const receives = `receives replicated images${where}`;
  const detail = (why: string): RelatedLocation => detailOn(destination, `Every image pushed to this registry is copied to account ${account}'s registry${destination.region ? ` in ${destination.region.value}` : ''}, where its owner can read it. ${why}`);
  const state = standing(context, account);
  switch (state.kind) {
    case 'own':
      return undefined;
    case 'no-trust-list':
      return finding('external-replication', destination, `Account ${account} (no trust list): ${receives}`, { account },
        [detail(`There is no trust list, so it cannot be checked: create ${context.trustFileHint} with "ownAccounts" and "trustedAccounts".`)]);
    case 'untrusted':
      return finding('external-replication', destination, `Account ${account} (untrusted): ${receives}`, { account },
        [detail('The account is neither yours nor trusted for replicate in the trust list.')]);
    case 'expired': {
      const related = trustOrigin(context, state.entry, `trust for ${account} expired on ${state.entry.expires}`);
      return finding('external-replication', destination, `Account ${account} (trust expired on ${state.entry.expires}): ${receives}`, { account },
        [related, detail('Its trust has expired: renew it or remove the rule.')]);
    }
    case 'trusted': {
      const { entry } = state;
      if (accessAllowsReplication(entry.access)) return undefined;
      const name = entry.name ? `${cap(entry.name, 24)}, ` : '';
      const related = trustOrigin(context, entry, `${account} is trusted for ${entry.access} here, not for replicate`);
      const message = `Account ${account} (${name}trusted for ${entry.access}, not replicate): ${receives}`;
      return finding('external-replication', destination, message, { account, trustedAccess: entry.access },
        [related, detail(`The trust list trusts it for ${entry.access}, which does not cover replication: trust it for replicate (or admin) or remove the rule.`)]);
    }
  }
}

/** The long form of a finding (why, what to do), on the destination: the message stays one Problems row. */
function detailOn(destination: ReplicationDestination, message: string): RelatedLocation {
  return { span: destination.span, message };
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
