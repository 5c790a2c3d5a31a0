import * as path from 'path';
import { MarkdownString, Range, ThemeColor, ThemeIcon, TreeItem, TreeItemCollapsibleState, Uri, workspace } from 'vscode';
import { actionsWritten, InventoryGrant, Severity } from '../../../server/src/protocol';
import {
  countsText, grantContextValue, granteeContextValue, granteeLabel, plural, policyLabel, statementText,
} from './inventoryLabels';
import { GranteeGroup, GrantRef, PolicyGroup, statementLabel } from './inventoryModel';

/**
 * The inventory's rows as VS Code draws them. Each row counts what it holds (its grants, and the findings
 * on them): no row has a resourceUri, since VS Code would decorate it with the whole file's problem count.
 */

const SEVERITY_ICON: Record<Severity, ThemeIcon> = {
  error: new ThemeIcon('error', new ThemeColor('problemsErrorIcon.foreground')),
  warning: new ThemeIcon('warning', new ThemeColor('problemsWarningIcon.foreground')),
  information: new ThemeIcon('info', new ThemeColor('problemsInfoIcon.foreground')),
};
const GRANTEE_ICON: Record<GranteeGroup['kind'], string> = { account: 'account', organization: 'organization', public: 'globe', resource: 'symbol-field', service: 'server-process', unresolved: 'question' };

export function relativePath(uri: string): string {
  return workspace.asRelativePath(Uri.parse(uri), (workspace.workspaceFolders?.length ?? 0) > 1);
}

export function granteeItem(group: GranteeGroup): TreeItem {
  const item = new TreeItem(granteeLabel({ kind: group.kind, id: group.granteeId, name: group.name }), group.severity === 'error' ? TreeItemCollapsibleState.Expanded : TreeItemCollapsibleState.Collapsed);
  item.id = group.id;
  item.description = `${group.trustText} · ${countsText(group.grantCount, group.findingCount)}`;
  item.iconPath = group.severity ? SEVERITY_ICON[group.severity] : new ThemeIcon(GRANTEE_ICON[group.kind]);
  item.contextValue = granteeContextValue(group);
  const tooltip = new MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escape(group.title)}**\n\n`);
  tooltip.appendMarkdown(`Trust list: ${escape(group.trustText)}\n\n`);
  tooltip.appendMarkdown(`${plural(group.grantCount, 'grant')} in ${group.policies.length} polic${group.policies.length === 1 ? 'y' : 'ies'}, ${plural(group.findingCount, 'finding')} on them`);
  item.tooltip = tooltip;
  return item;
}

export function policyItem(policy: PolicyGroup): TreeItem {
  const file = relativePath(policy.uri);
  const item = new TreeItem(policyLabel(policy.policy, path.posix.basename(file.split(path.sep).join('/'))), TreeItemCollapsibleState.Expanded);
  item.id = policy.id;
  const folder = path.dirname(file) === '.' ? undefined : path.dirname(file);
  item.description = [countsText(policy.grants.length, policy.findingCount), policy.policy ? file : folder].filter(Boolean).join(' · ');
  item.iconPath = policy.severity ? SEVERITY_ICON[policy.severity] : ThemeIcon.File;
  const tooltip = new MarkdownString(undefined, true);
  tooltip.appendMarkdown(`\`${code(file)}\`\n\n`);
  if (policy.policy) tooltip.appendMarkdown(`Policy: \`${code(policy.policy)}\`\n\n`);
  if (policy.repository) tooltip.appendMarkdown(`Repository: \`${code(policy.repository)}\`\n\n`);
  tooltip.appendMarkdown(`${plural(policy.grants.length, 'grant')} to this grantee, ${plural(policy.findingCount, 'finding')} on them`);
  item.tooltip = tooltip;
  item.contextValue = 'ecrGuard.policy';
  return item;
}

export function grantItem(id: string, ref: GrantRef): TreeItem {
  const { grant } = ref;
  const item = new TreeItem(statementText(grant), TreeItemCollapsibleState.None);
  item.id = id;
  const via = grant.via === 'condition' ? ' · via condition' : grant.via === 'not-principal' ? ' · NotPrincipal' : '';
  // A replication destination is on no statement: it has no actions, it receives copies of every image.
  const suppressed = grant.suppressed && grant.suppressed.length > 0 ? ' · suppressed' : '';
  item.description = grant.via === 'replication' ? `receives replicated images${suppressed}` : `${grant.access} · ${actionsWritten(grant)}${via}${suppressed}`;
  item.iconPath = grant.severity ? SEVERITY_ICON[grant.severity] : new ThemeIcon('pass', new ThemeColor('testing.iconPassed'));
  item.contextValue = grantContextValue(grant);
  item.tooltip = grantTooltip(ref.uri, grant);
  item.command = { title: 'Open', command: 'vscode.open', arguments: openArguments(ref) };
  return item;
}

/** `vscode.open`'s arguments for a grant: its file, with the grantee selected. */
export function openArguments(ref: GrantRef): [Uri, { selection: Range; preview: boolean }] {
  const [startLine, startCharacter, endLine, endCharacter] = ref.grant.range;
  return [Uri.parse(ref.uri), { selection: new Range(startLine, startCharacter, endLine, endCharacter), preview: true }];
}

function grantTooltip(uri: string, grant: InventoryGrant): MarkdownString {
  const tooltip = new MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escape(statementLabel(grant))}** in \`${code(relativePath(uri))}\` line ${grant.range[0] + 1}\n\n`);
  tooltip.appendMarkdown(`Grantee: \`${code(grant.grantee.id)}\`${grant.grantee.name ? ` (${escape(grant.grantee.name)})` : ''}\n\n`);
  tooltip.appendMarkdown(`Access granted: **${grant.access}** (${plural(grant.granted.length, 'ECR action')})\n\n`);
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

function code(text: string): string {
  return text.replace(/`/g, "'");
}
