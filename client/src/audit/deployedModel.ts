import type { DeployedFinding, DeployedInventory, DeployedInventoryResource, Severity } from '../../../server/src/protocol';
import { maxSeverity } from '../scan/inventoryModel';

/**
 * The last audit of deployed registries as the inventory's "Deployed" branch shows it: account, then
 * region, then the resources with grants or findings, then their grants and findings. Resources with
 * neither (and were compared with their IaC, or had none) are counted, not listed (an audit may read thousands of repositories). No vscode imports.
 */

export interface DeployedRegion {
  id: string;
  account: string;
  region: string;
  resources: DeployedInventoryResource[];
  severity?: Severity;
}

export interface DeployedAccount {
  id: string;
  account: string;
  regions: DeployedRegion[];
  severity?: Severity;
}

export class DeployedModel {
  private inventory?: DeployedInventory;
  private readonly listeners = new Set<() => void>();

  get current(): DeployedInventory | undefined {
    return this.inventory?.audited ? this.inventory : undefined;
  }

  replace(inventory: DeployedInventory | undefined): void {
    this.inventory = inventory;
    for (const listener of [...this.listeners]) listener();
  }

  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Accounts by ID, their regions by name, each region's listed resources by severity then ARN. */
  accounts(): DeployedAccount[] {
    const inventory = this.current;
    if (!inventory) return [];
    const accounts = new Map<string, Map<string, DeployedRegion>>();
    for (const resource of inventory.resources) {
      if (!isListed(resource)) continue;
      let regions = accounts.get(resource.account);
      if (!regions) accounts.set(resource.account, regions = new Map());
      let region = regions.get(resource.region);
      if (!region) regions.set(resource.region, region = { id: `deployed:${resource.account}:${resource.region}`, account: resource.account, region: resource.region, resources: [] });
      region.resources.push(resource);
    }
    return [...accounts].sort(([a], [b]) => a.localeCompare(b)).map(([account, regions]) => {
      const list = [...regions.values()].sort((a, b) => a.region.localeCompare(b.region));
      for (const region of list) {
        region.resources.sort((a, b) => rank(b.severity) - rank(a.severity) || a.arn.localeCompare(b.arn));
        region.severity = maxSeverity(region.resources.map((resource) => resource.severity));
      }
      return { id: `deployed:${account}`, account, regions: list, severity: maxSeverity(list.map((region) => region.severity)) };
    });
  }

  /** Resources with something to review (grants or findings), of every region. */
  listedCount(): number {
    return this.current?.resources.filter(isListed).length ?? 0;
  }
}

export function isListed(resource: DeployedInventoryResource): boolean {
  return resource.grants.length > 0 || resource.findings.length > 0 || resource.notCompared !== undefined;
}

/** Findings that no grant row shows (the drift of a policy, an unmanaged policy, an unreadable one): their own rows. */
export function resourceFindings(resource: DeployedInventoryResource): DeployedFinding[] {
  const onGrants = new Set(resource.grants.flatMap((grant) => grant.rules));
  return resource.findings.filter((finding) => !onGrants.has(finding.rule));
}

const RANK: Record<Severity, number> = { information: 1, warning: 2, error: 3 };

function rank(severity: Severity | undefined): number {
  return severity ? RANK[severity] : 0;
}

/** The resource's row: the repository's name, or what the registry-wide resource is. */
export function resourceLabel(resource: Pick<DeployedInventoryResource, 'kind' | 'repository'>): string {
  switch (resource.kind) {
    case 'repository-policy': return resource.repository ?? 'repository';
    case 'registry-policy': return 'registry policy';
    case 'replication': return 'replication';
    case 'creation-template': return `template ${resource.repository ?? 'ROOT'}`;
  }
}
