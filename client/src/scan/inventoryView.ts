import * as path from 'path';
import {
  Disposable, Event, EventEmitter, MarkdownString, Range, ThemeColor, ThemeIcon, TreeDataProvider, TreeItem, TreeItemCollapsibleState, TreeView, Uri,
  window, workspace,
} from 'vscode';
import { actionsWritten, InventoryGrant, Severity } from '../../../server/src/protocol';
import { GranteeGroup, GrantRef, InventoryModel, PolicyGroup, statementLabel } from './inventoryModel';

export const INVENTORY_VIEW = 'ecrGuard.inventory';

export type InventoryNode =
  | { kind: 'grantee'; group: GranteeGroup }
  | { kind: 'policy'; group: GranteeGroup; policy: PolicyGroup }
  | { kind: 'grant'; id: string; ref: GrantRef };

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
  children?: NodeSnapshot[];
}

const SEVERITY_ICON: Record<Severity, ThemeIcon> = {
  error: new ThemeIcon('error', new ThemeColor('problemsErrorIcon.foreground')),
  warning: new ThemeIcon('warning', new ThemeColor('problemsWarningIcon.foreground')),
  information: new ThemeIcon('info', new ThemeColor('problemsInfoIcon.foreground')),
};
const GRANTEE_ICON: Record<GranteeGroup['kind'], string> = { account: 'account', organization: 'organization', public: 'globe', resource: 'symbol-field', service: 'server-process', unresolved: 'question' };

export function relativePath(uri: string): string {
  return workspace.asRelativePath(Uri.parse(uri), (workspace.workspaceFolders?.length ?? 0) > 1);
}

/** The grants inventory tree: grantee, then policy file (and Terraform block), then statement. */
export class InventoryTree implements TreeDataProvider<InventoryNode>, Disposable {
  private readonly changed = new EventEmitter<InventoryNode | undefined>();
  readonly onDidChangeTreeData: Event<InventoryNode | undefined> = this.changed.event;
  private groups?: GranteeGroup[];
  private timer?: NodeJS.Timeout;
  view?: TreeView<InventoryNode>;

  constructor(private readonly model: InventoryModel) {}

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
    if (!node) return this.currentGroups().map((group) => ({ kind: 'grantee', group }));
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
    return [];
  }

  getTreeItem(node: InventoryNode): TreeItem {
    switch (node.kind) {
      case 'grantee': return granteeItem(node.group);
      case 'policy': return policyItem(node.policy);
      case 'grant': return grantItem(node.id, node.ref);
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
      if (child.kind === 'grant') {
        snapshot.opens = { uri: child.ref.uri, range: [...child.ref.grant.range] };
      } else {
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

function granteeItem(group: GranteeGroup): TreeItem {
  const item = new TreeItem(group.title, group.severity === 'error' ? TreeItemCollapsibleState.Expanded : TreeItemCollapsibleState.Collapsed);
  item.id = group.id;
  item.description = `${group.trustText} · ${group.grantCount} grant${group.grantCount === 1 ? '' : 's'}`;
  item.iconPath = group.severity ? SEVERITY_ICON[group.severity] : new ThemeIcon(GRANTEE_ICON[group.kind]);
  item.contextValue = `ecrGuard.grantee.${group.kind}`;
  const tooltip = new MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escape(group.title)}**\n\n`);
  tooltip.appendMarkdown(`Trust list: ${escape(group.trustText)}\n\n`);
  tooltip.appendMarkdown(`${group.grantCount} grant${group.grantCount === 1 ? '' : 's'} in ${group.policies.length} polic${group.policies.length === 1 ? 'y' : 'ies'}`);
  item.tooltip = tooltip;
  return item;
}

function policyItem(policy: PolicyGroup): TreeItem {
  const file = relativePath(policy.uri);
  const label = policy.policy ?? path.posix.basename(file.split(path.sep).join('/'));
  const item = new TreeItem(label, TreeItemCollapsibleState.Expanded);
  item.id = policy.id;
  item.description = [policy.repository ? `repository ${policy.repository}` : undefined, policy.policy ? file : path.dirname(file) === '.' ? undefined : path.dirname(file)]
    .filter(Boolean).join(' · ') || undefined;
  item.resourceUri = Uri.parse(policy.uri);
  item.iconPath = policy.severity ? SEVERITY_ICON[policy.severity] : ThemeIcon.File;
  item.tooltip = file;
  item.contextValue = 'ecrGuard.policy';
  return item;
}

function grantItem(id: string, ref: GrantRef): TreeItem {
  const { grant } = ref;
  const item = new TreeItem(statementLabel(grant), TreeItemCollapsibleState.None);
  item.id = id;
  const via = grant.via === 'condition' ? ' · via condition' : grant.via === 'not-principal' ? ' · NotPrincipal' : '';
  // A replication destination is on no statement: it has no actions, it receives copies of every image.
  const suppressed = grant.suppressed && grant.suppressed.length > 0 ? ' · suppressed' : '';
  item.description = grant.via === 'replication' ? `receives replicated images${suppressed}` : `${grant.access} · ${actionsWritten(grant)}${via}${suppressed}`;
  item.iconPath = grant.severity ? SEVERITY_ICON[grant.severity] : new ThemeIcon('pass', new ThemeColor('testing.iconPassed'));
  item.contextValue = 'ecrGuard.grant';
  item.tooltip = grantTooltip(ref.uri, grant);
  const [startLine, startCharacter, endLine, endCharacter] = grant.range;
  item.command = { title: 'Open', command: 'vscode.open', arguments: [Uri.parse(ref.uri), { selection: new Range(startLine, startCharacter, endLine, endCharacter), preview: true }] };
  return item;
}

function grantTooltip(uri: string, grant: InventoryGrant): MarkdownString {
  const tooltip = new MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escape(statementLabel(grant))}** in \`${relativePath(uri)}\` line ${grant.range[0] + 1}\n\n`);
  tooltip.appendMarkdown(`Access granted: **${grant.access}** (${grant.granted.length} ECR action${grant.granted.length === 1 ? '' : 's'})\n\n`);
  if (grant.rules.length > 0) tooltip.appendMarkdown(`Findings: ${grant.rules.map((rule) => `\`${rule}\``).join(', ')}\n\n`);
  for (const entry of grant.suppressed ?? []) {
    tooltip.appendMarkdown(`Suppressed \`${entry.rule}\`${entry.until ? ` until ${entry.until}` : ''}: ${escape(entry.reason)}\n\n`);
  }
  tooltip.appendMarkdown(`Actions: ${escape(grant.granted.join(', ') || 'none')}`);
  return tooltip;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

export function createInventoryView(tree: InventoryTree): TreeView<InventoryNode> {
  const view = window.createTreeView(INVENTORY_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  tree.view = view;
  return view;
}
