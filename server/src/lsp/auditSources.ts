import { WorkspaceFolder } from 'vscode-languageserver/node';
import { TrustList } from '../core/trust';
import { Settings } from './settings';
import { TrustResolver } from './trustResolver';

/**
 * The trust list an audit judges by: the first workspace folder's (as its files are judged); none
 * without a folder. An audit is of accounts, not of a file, so no other folder's list applies.
 */
export async function auditTrust(folders: readonly WorkspaceFolder[], settings: (uri: string) => Promise<Settings>, trust: TrustResolver): Promise<TrustList | undefined> {
  const folder = folders[0];
  if (!folder) return undefined;
  // Any URI inside the folder resolves to the folder's trust list.
  const inside = `${folder.uri.replace(/\/$/, '')}/.ecr-guard-audit`;
  return trust.trustFor(inside, await settings(folder.uri))?.parsed?.list;
}
