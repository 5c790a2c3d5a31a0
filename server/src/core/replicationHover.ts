import { accountText, HoverOptions, HoverResult } from './hover';
import { ReplicationConfiguration } from './model';

/** Explains the replication destination under the cursor: whose registry receives the images, and its trust. */
export function replicationHoverAt(replications: readonly ReplicationConfiguration[], offset: number, options: HoverOptions = {}): HoverResult | undefined {
  for (const replication of replications) {
    for (const { registryId, region } of replication.destinations) {
      const { span } = registryId;
      if (offset < span.offset || offset > span.offset + span.length) continue;
      const where = region ? ` in ${region.value}` : '';
      const whose = registryId.origin === 'own-account'
        ? '**Your own account** (the account the configuration is deployed in).'
        : registryId.origin === 'unresolved' ? `\`${registryId.value}\`: not a literal, so ECR Guard cannot check it.` : accountText(registryId.value, options);
      return { span, contents: `${whose}\n\nReplication destination: images pushed to this registry are copied to its registry${where}.` };
    }
  }
  return undefined;
}
