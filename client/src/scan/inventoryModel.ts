import {
  granteeKey, GranteeKind, granteeTitle, InventoryChangedParams, InventoryFile, InventoryGrant, InventoryResult, Severity, trustLabel, TrustLevel,
} from '../../../server/src/protocol';
import { findingsOf } from './inventoryLabels';

/**
 * The grants inventory as the client keeps it: the server's per-file grants, updated by its notifications,
 * grouped for the tree view (grantee, then policy file, then statement). No vscode imports: the grouping is
 * what the view shows and what the tests check.
 */

export interface GrantRef {
  uri: string;
  grant: InventoryGrant;
}

export interface PolicyGroup {
  id: string;
  uri: string;
  /** Where the policy is defined in Terraform, when known. */
  policy?: string;
  repository?: string;
  grants: GrantRef[];
  /** Findings on this policy's grants to the grantee (not the file's other problems). */
  findingCount: number;
  severity?: Severity;
}

export interface GranteeGroup {
  id: string;
  kind: GranteeKind;
  granteeId: string;
  title: string;
  name?: string;
  trust: TrustLevel;
  trustText: string;
  policies: PolicyGroup[];
  grantCount: number;
  /** Findings on the grantee's grants. */
  findingCount: number;
  severity?: Severity;
}

const RANK: Record<Severity, number> = { information: 1, warning: 2, error: 3 };

export function maxSeverity(severities: readonly (Severity | undefined)[]): Severity | undefined {
  let best: Severity | undefined;
  for (const severity of severities) if (severity && (!best || RANK[severity] > RANK[best])) best = severity;
  return best;
}

export class InventoryModel {
  private files = new Map<string, InventoryFile>();
  private readonly listeners = new Set<() => void>();
  /** Counts the changes from the server, so a caller can wait for the next one without missing it. */
  version = 0;
  scanned = false;
  /** Set once the server has answered the first inventory request. */
  loaded = false;

  replace(result: InventoryResult): void {
    this.files = new Map(result.files.map((file) => [file.uri, file]));
    this.scanned = result.scanned;
    this.loaded = true;
    this.changed();
  }

  apply(change: InventoryChangedParams): void {
    if (change.reset) this.files.clear();
    this.scanned = change.scanned;
    for (const file of change.files) {
      if (file.grants.length === 0) this.files.delete(file.uri);
      else this.files.set(file.uri, file);
    }
    this.changed();
  }

  /** Calls `listener` after every change from the server; returns the unsubscribe function. */
  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.version++;
    for (const listener of [...this.listeners]) listener();
  }

  clear(): void {
    this.files.clear();
    this.scanned = false;
    this.loaded = false;
  }

  get grantCount(): number {
    let count = 0;
    for (const file of this.files.values()) count += file.grants.length;
    return count;
  }

  all(): GrantRef[] {
    return [...this.files.values()].flatMap((file) => file.grants.map((grant) => ({ uri: file.uri, grant })));
  }

  /** Grantees (most severe first, then by ID), each with its policies (by file) and their statements (by line). */
  groups(relativePath: (uri: string) => string): GranteeGroup[] {
    const byGrantee = new Map<string, { group: GranteeGroup; policies: Map<string, PolicyGroup> }>();
    for (const { uri, grant } of this.all()) {
      const key = granteeKey(grant.grantee);
      let entry = byGrantee.get(key);
      if (!entry) {
        entry = {
          group: {
            id: `grantee:${key}`, kind: grant.grantee.kind, granteeId: grant.grantee.id, title: granteeTitle(grant.grantee), name: grant.grantee.name,
            trust: grant.grantee.trust, trustText: trustLabel(grant.grantee), policies: [], grantCount: 0, findingCount: 0,
          },
          policies: new Map(),
        };
        byGrantee.set(key, entry);
      }
      const policyKey = `${uri}#${grant.documentIndex}`;
      let policy = entry.policies.get(policyKey);
      if (!policy) {
        policy = { id: `${entry.group.id}|policy:${policyKey}`, uri, policy: grant.policy, repository: grant.repository, grants: [], findingCount: 0 };
        entry.policies.set(policyKey, policy);
      }
      policy.grants.push({ uri, grant });
      policy.findingCount += findingsOf(grant);
      entry.group.grantCount++;
      entry.group.findingCount += findingsOf(grant);
    }
    const groups = [...byGrantee.values()].map(({ group, policies }) => {
      group.policies = [...policies.values()].sort((a, b) => relativePath(a.uri).localeCompare(relativePath(b.uri)) || (a.policy ?? '').localeCompare(b.policy ?? ''));
      for (const policy of group.policies) {
        policy.grants.sort((a, b) => a.grant.range[0] - b.grant.range[0] || a.grant.range[1] - b.grant.range[1]);
        policy.severity = maxSeverity(policy.grants.map((ref) => ref.grant.severity));
      }
      group.severity = maxSeverity(group.policies.map((policy) => policy.severity));
      return group;
    });
    const rank = (group: GranteeGroup): number => (group.severity ? RANK[group.severity] : 0);
    return groups.sort((a, b) => rank(b) - rank(a) || granteeKey({ kind: a.kind, id: a.granteeId }).localeCompare(granteeKey({ kind: b.kind, id: b.granteeId })));
  }
}

/** "Sid" or "statement #3" */
export function statementLabel(grant: InventoryGrant): string {
  return grant.sid ? grant.sid : `statement #${grant.statementIndex + 1}`;
}
