import { Disposable, Event, EventEmitter, ThemeIcon, TreeDataProvider, TreeItem, TreeView, window } from 'vscode';
import { deployedChildren, deployedItem, DeployedNode, deployedRoots } from '../audit/deployedBranch';
import { DeployedModel } from '../audit/deployedModel';
import { grantItem, granteeItem, policyItem, relativePath } from './inventoryItems';
import { GranteeGroup, GrantRef, InventoryModel, PolicyGroup } from './inventoryModel';

export const INVENTORY_VIEW = 'ecrGuard.inventory';

export type InventoryNode =
  | { kind: 'grantee'; group: GranteeGroup }
  | { kind: 'policy'; group: GranteeGroup; policy: PolicyGroup }
  | { kind: 'grant'; id: string; ref: GrantRef }
  | DeployedNode;

/** A node as the view renders it, for the `ecrGuard.inventory.snapshot` command the integration tests use. */
export interface NodeSnapshot {
  id?: string;
  label: string;
  description?: string;
  icon?: string;
  /** The file and zero-based range a grant node opens. */
  opens?: { uri: string; range: [number, number, number, number] };
  /** The command a click runs. */
  command?: { command: string; arguments: unknown[] };
  /** What the context menu's `when` clauses read (viewItem). */
  contextValue?: string;
  tooltip?: string;
  /** The node as the context menu passes it to a command. */
  node?: InventoryNode;
  children?: NodeSnapshot[];
}

/**
 * The grants inventory tree: grantee, then policy file (and Terraform block), then statement; after an
 * audit of deployed registries, a "Deployed" branch first (see audit/deployedBranch.ts).
 */
export class InventoryTree implements TreeDataProvider<InventoryNode>, Disposable {
  private readonly changed = new EventEmitter<InventoryNode | undefined>();
  readonly onDidChangeTreeData: Event<InventoryNode | undefined> = this.changed.event;
  private groups?: GranteeGroup[];
  private timer?: NodeJS.Timeout;
  view?: TreeView<InventoryNode>;

  constructor(private readonly model: InventoryModel, private readonly deployed = new DeployedModel()) {}

  /** Re-groups and redraws soon, coalescing bursts of server notifications. */
  refresh(now = false): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const run = (): void => {
      this.timer = undefined;
      this.groups = undefined;
      this.updateChrome();
      this.changed.fire(undefined);
    };
    if (now) run();
    else this.timer = setTimeout(run, 150);
  }

  private updateChrome(): void {
    if (!this.view) return;
    const total = this.model.grantCount;
    const groups = this.currentGroups();
    const errors = this.model.all().filter((ref) => ref.grant.severity === 'error').length;
    this.view.description = total > 0 ? `${total} grant${total === 1 ? '' : 's'}, ${groups.length} grantee${groups.length === 1 ? '' : 's'}` : undefined;
    this.view.badge = errors > 0 ? { value: errors, tooltip: `${errors} cross-account grant${errors === 1 ? '' : 's'} with errors` } : undefined;
    this.view.message = !this.model.loaded || this.model.scanned || total === 0 ? undefined
      : 'Open files only: run "Scan Workspace for ECR Cross-Account Grants" to include every file.';
  }

  currentGroups(): GranteeGroup[] {
    this.groups ??= this.model.groups(relativePath);
    return this.groups;
  }

  getChildren(node?: InventoryNode): InventoryNode[] {
    if (!node) return [...deployedRoots(this.deployed), ...this.currentGroups().map((group): InventoryNode => ({ kind: 'grantee', group }))];
    if (node.kind === 'grantee') return node.group.policies.map((policy) => ({ kind: 'policy', group: node.group, policy }));
    if (node.kind === 'policy') {
      const seen = new Map<string, number>();
      return node.policy.grants.map((ref) => {
        const base = `${node.policy.id}|${ref.grant.statementIndex}:${ref.grant.range[0]}:${ref.grant.range[1]}`;
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        return { kind: 'grant', id: n === 0 ? base : `${base}#${n}`, ref };
      });
    }
    return node.kind === 'grant' ? [] : deployedChildren(node, this.deployed);
  }

  getTreeItem(node: InventoryNode): TreeItem {
    switch (node.kind) {
      case 'grantee': return granteeItem(node.group);
      case 'policy': return policyItem(node.policy);
      case 'grant': return grantItem(node.id, node.ref);
      default: return deployedItem(node, this.deployed);
    }
  }

  /** What the view shows, as plain data. */
  snapshot(node?: InventoryNode): NodeSnapshot[] {
    return this.getChildren(node).map((child) => {
      const item = this.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
      const snapshot: NodeSnapshot = { id: item.id, label, description: typeof item.description === 'string' ? item.description : undefined };
      if (item.iconPath instanceof ThemeIcon) snapshot.icon = item.iconPath.id;
      if (item.command) snapshot.command = { command: item.command.command, arguments: item.command.arguments ?? [] };
      if (item.contextValue) snapshot.contextValue = item.contextValue;
      if (item.tooltip) snapshot.tooltip = typeof item.tooltip === 'string' ? item.tooltip : item.tooltip.value;
      if (child.kind === 'grantee' || child.kind === 'grant') snapshot.node = child;
      if (child.kind === 'grant') {
        snapshot.opens = { uri: child.ref.uri, range: [...child.ref.grant.range] };
      } else if (child.kind === 'deployedGrant' || child.kind === 'deployedFinding') {
        const range = child.kind === 'deployedGrant' ? child.grant.range : child.finding.range;
        snapshot.opens = { uri: child.resource.uri, range: [...range] };
      } else if (child.kind !== 'deployedError') {
        snapshot.children = this.snapshot(child);
      }
      return snapshot;
    });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }
}

export function createInventoryView(tree: InventoryTree): TreeView<InventoryNode> {
  const view = window.createTreeView(INVENTORY_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  tree.view = view;
  return view;
}
