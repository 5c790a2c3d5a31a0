import { Connection, WorkspaceFolder } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { candidateFiles, Skipped } from '../cli/files';
import { workspacePolicies as scannedPolicies } from '../cli/scanFolders';
import { WorkspacePolicy } from '../core/deployed/analyze';
import { TrustList } from '../core/trust';
import { AuditHost } from './auditRequest';
import { ClientContext } from './clientContext';
import { relativePath } from './exportRequests';
import { Settings } from './settings';
import { TrustResolver } from './trustResolver';

/** What the audit reads of the language server: the first folder's trust list, the folders' policies, how files are named. */
export function auditHost(server: {
  connection: Connection; client: ClientContext; settings(uri: string): Promise<Settings>; trust: TrustResolver;
  log(message: string): void; logError(message: string, error: unknown): void;
}): AuditHost {
  const { client, settings } = server;
  return {
    connection: server.connection, folders: () => client.folders, log: server.log, logError: server.logError,
    trust: () => auditTrust(client.folders, settings, server.trust),
    workspacePolicies: async () => (client.folders.length === 0 ? undefined : workspacePolicies(client.folders, (await settings(client.folders[0].uri)).maxFileSize)),
    displayFile: (file) => relativePath(URI.file(file).toString(), client.folders),
  };
}

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

/**
 * The workspace's policies as `ecr-guard audit` reads them for drift (the CLI's scan of the folders: Terraform
 * modules with their variables, CloudFormation, plans), from disk; undefined when no folder is open, so that
 * nothing is reported as unmanaged for want of a workspace.
 */
export async function workspacePolicies(folders: readonly WorkspaceFolder[], maxSize: number): Promise<WorkspacePolicy[] | undefined> {
  const paths = folders.map((folder) => URI.parse(folder.uri)).filter((uri) => uri.scheme === 'file').map((uri) => uri.fsPath);
  if (paths.length === 0) return undefined;
  const skipped: Skipped[] = [];
  return scannedPolicies([...candidateFiles(paths, skipped)], { maxSize });
}
