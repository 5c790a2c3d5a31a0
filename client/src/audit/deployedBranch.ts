import { MarkdownString, Range, ThemeColor, ThemeIcon, TreeItem, TreeItemCollapsibleState, Uri } from 'vscode';
import { AuditCallError, DeployedFinding, DeployedInventoryResource, InventoryGrant, POLICY_DRIFT_RULE, Severity } from '../../../server/src/protocol';
import { countsText, granteeLabel, plural, statementText } from '../scan/inventoryLabels';
import { DeployedAccount, DeployedModel, DeployedRegion, resourceFindings, resourceLabel } from './deployedModel';

/**
 * The inventory's "Deployed" branch: account > region > resource > grants and findings, and the calls
 * that failed. Rows open the resource's read-only virtual document at the grant or finding.
 */

export const COMPARE_COMMAND = 'ecrGuard.deployed.compare';

export type DeployedNode =
  | { kind: 'deployed' }
  | { kind: 'deployedAccount'; account: DeployedAccount }
  | { kind: 'deployedRegion'; region: DeployedRegion }
  | { kind: 'deployedResource'; resource: DeployedInventoryResource }
  | { kind: 'deployedGrant'; id: string; resource: DeployedInventoryResource; grant: InventoryGrant }
  | { kind: 'deployedFinding'; id: string; resource: DeployedInventoryResource; finding: DeployedFinding }
  | { kind: 'deployedErrors'; errors: AuditCallError[] }
  | { kind: 'deployedError'; id: string; error: AuditCallError };

const SEVERITY_ICON: Record<Severity, ThemeIcon> = {
  error: new ThemeIcon('error', new ThemeColor('problemsErrorIcon.foreground')),
  warning: new ThemeIcon('warning', new ThemeColor('problemsWarningIcon.foreground')),
  information: new ThemeIcon('info', new ThemeColor('problemsInfoIcon.foreground')),
};

export function deployedRoots(model: DeployedModel): DeployedNode[] {
  return model.current ? [{ kind: 'deployed' }] : [];
}

export function deployedChildren(node: DeployedNode, model: DeployedModel): DeployedNode[] {
  const inventory = model.current;
  if (!inventory) return [];
  switch (node.kind) {
    case 'deployed': {
      const accounts: DeployedNode[] = model.accounts().map((account) => ({ kind: 'deployedAccount', account }));
      return inventory.errors.length > 0 ? [...accounts, { kind: 'deployedErrors', errors: inventory.errors }] : accounts;
    }
    case 'deployedAccount': return node.account.regions.map((region) => ({ kind: 'deployedRegion', region }));
    case 'deployedRegion': return node.region.resources.map((resource) => ({ kind: 'deployedResource', resource }));
    case 'deployedResource': return [
      ...node.resource.grants.map((grant, index): DeployedNode => ({ kind: 'deployedGrant', id: `${node.resource.uri}|grant:${index}`, resource: node.resource, grant })),
      ...resourceFindings(node.resource).map((finding, index): DeployedNode => ({ kind: 'deployedFinding', id: `${node.resource.uri}|finding:${index}`, resource: node.resource, finding })),
    ];
    case 'deployedErrors': return node.errors.map((error, index) => ({ kind: 'deployedError', id: `deployed-error:${index}`, error }));
    default: return [];
  }
}

export function deployedItem(node: DeployedNode, model: DeployedModel): TreeItem {
  switch (node.kind) {
    case 'deployed': return rootItem(model);
    case 'deployedAccount': return item(`deployed:${node.account.account}`, node.account.account, regionsText(node.account), node.account.severity ?? 'account', TreeItemCollapsibleState.Expanded);
    case 'deployedRegion': return item(node.region.id, node.region.region, plural(node.region.resources.length, 'resource'), node.region.severity ?? 'globe', TreeItemCollapsibleState.Expanded);
    case 'deployedResource': return resourceItem(node.resource);
    case 'deployedGrant': return grantItem(node.id, node.resource, node.grant);
    case 'deployedFinding': return findingItem(node.id, node.resource, node.finding);
    case 'deployedErrors': return item('deployed-errors', `${plural(node.errors.length, 'call')} failed`, 'the audit went on without them', 'warning', TreeItemCollapsibleState.Collapsed);
    case 'deployedError': return errorItem(node.id, node.error);
  }
}

function rootItem(model: DeployedModel): TreeItem {
  const inventory = model.current;
  const root = item('deployed', 'Deployed', undefined, 'cloud', TreeItemCollapsibleState.Expanded);
  if (!inventory) return root;
  root.description = `${plural(inventory.repositoriesScanned, 'repository').replace(/ys$/, 'ies')} in ${plural(inventory.regions.length, 'region')}`;
  const tooltip = new MarkdownString(undefined, true);
  tooltip.appendMarkdown(`Audited ${inventory.finishedAt ? `at ${inventory.finishedAt.slice(0, 16).replace('T', ' ')} UTC` : ''}: ${inventory.regions.join(', ')}\n\n`);
  tooltip.appendMarkdown(`${plural(model.listedCount(), 'resource')} with grants or findings${inventory.drift ? '' : '; not compared with the workspace (no folder open)'}`);
  root.tooltip = tooltip;
  root.contextValue = 'ecrGuard.deployed';
  return root;
}

function regionsText(account: DeployedAccount): string {
  return plural(account.regions.length, 'region');
}

function item(id: string, label: string, description: string | undefined, icon: Severity | string, state: TreeItemCollapsibleState): TreeItem {
  const row = new TreeItem(label, state);
  row.id = id;
  row.description = description;
  row.iconPath = icon in SEVERITY_ICON ? SEVERITY_ICON[icon as Severity] : new ThemeIcon(icon);
  return row;
}

function resourceItem(resource: DeployedInventoryResource): TreeItem {
  const counts = countsText(resource.grants.length, resource.findings.length);
  const description = resource.notCompared ? [counts, 'not compared'].filter(Boolean).join(' · ') : counts;
  const row = item(resource.uri, resourceLabel(resource), description, resource.severity ?? 'repo', TreeItemCollapsibleState.Collapsed);
  const tooltip = new MarkdownString(`\`${resource.arn}\`${resource.definedIn ? `\n\nDefined in \`${resource.definedIn}\`` : ''}`);
  if (resource.notCompared) tooltip.appendText(`\n\n${resource.notCompared}`);
  row.tooltip = tooltip;
  row.command = { title: 'Open', command: 'vscode.open', arguments: [Uri.parse(resource.uri), { preview: true }] };
  row.contextValue = `ecrGuard.deployedResource;${resource.findings.some((finding) => finding.rule === POLICY_DRIFT_RULE) ? 'drift;' : ''}`;
  return row;
}

function grantItem(id: string, resource: DeployedInventoryResource, grant: InventoryGrant): TreeItem {
  const row = item(id, granteeLabel(grant.grantee), undefined, grant.severity ?? 'pass', TreeItemCollapsibleState.None);
  row.description = grant.via === 'replication' ? 'receives replicated images' : `${grant.access} · ${statementText(grant)}`;
  row.tooltip = new MarkdownString(`Grantee \`${grant.grantee.id}\`: ${grant.access}${grant.rules.length > 0 ? `\n\nFindings: ${grant.rules.map((rule) => `\`${rule}\``).join(', ')}` : ''}`);
  row.command = openAt(resource, grant.range);
  row.contextValue = 'ecrGuard.deployedGrant;';
  return row;
}

function findingItem(id: string, resource: DeployedInventoryResource, finding: DeployedFinding): TreeItem {
  const row = item(id, finding.rule, finding.message, finding.severity, TreeItemCollapsibleState.None);
  row.tooltip = finding.message;
  row.command = finding.rule === POLICY_DRIFT_RULE
    ? { title: 'Compare with the workspace definition', command: COMPARE_COMMAND, arguments: [resource.uri] }
    : openAt(resource, finding.range);
  row.contextValue = `ecrGuard.deployedFinding;rule=${finding.rule};`;
  return row;
}

function errorItem(id: string, error: AuditCallError): TreeItem {
  const row = item(id, `${error.operation}: ${error.code}`, [error.region, error.resource].filter(Boolean).join(' · '), 'warning', TreeItemCollapsibleState.None);
  row.tooltip = error.message;
  return row;
}

function openAt(resource: DeployedInventoryResource, range: [number, number, number, number]): { title: string; command: string; arguments: unknown[] } {
  return { title: 'Open', command: 'vscode.open', arguments: [Uri.parse(resource.uri), { selection: new Range(...range), preview: true }] };
}
