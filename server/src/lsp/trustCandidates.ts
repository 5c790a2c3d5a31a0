import { Connection, WorkspaceFolder } from 'vscode-languageserver/node';
import { GrantedAccess } from '../core/inventory';
import { ACCOUNT_ID, ORGANIZATION_ID } from '../core/trust';
import { InventoryResult, TrustCandidate, TrustListCandidates, TrustListCandidatesParams, TrustListCandidatesRequest } from '../protocol';
import { folderOf } from './scanFiles';
import { LoadedTrust } from './trustStore';

export interface TrustCandidatesHost {
  inventory(): InventoryResult;
  folders(): readonly WorkspaceFolder[];
  /** The trust list that applies to a document of the folder, read afresh (a fix or the file may just have created it). */
  freshTrustFor(uri: string): Promise<LoadedTrust | undefined>;
}

const FILES_SHOWN = 3;
const ACCESS_ORDER: GrantedAccess[] = ['pull', 'push', 'admin'];

/** ecrGuard/trustListCandidates: what "Create Trust List" offers, from the grants inventory. */
export function registerTrustCandidates(connection: Connection, host: TrustCandidatesHost): void {
  connection.onRequest(TrustListCandidatesRequest, (params) => trustListCandidates(params, host));
}

async function trustListCandidates(params: TrustListCandidatesParams, host: TrustCandidatesHost): Promise<TrustListCandidates> {
  const folder = host.folders().find((candidate) => candidate.uri === params.folder) ?? folderOf(params.folder, host.folders());
  const inventory = host.inventory();
  const result: TrustListCandidates = { exists: false, scanned: inventory.scanned, accounts: [], organizations: [] };
  if (!folder) return result;
  // Any document of the folder resolves to the folder's trust list; the folder's own URI would not be inside it.
  const trust = await host.freshTrustFor(`${folder.uri.replace(/\/$/, '')}/ecr-guard-trust-probe.json`);
  if (trust) Object.assign(result, { trustUri: trust.uri, exists: trust.text !== undefined });
  const accounts = new Map<string, TrustCandidate>();
  const organizations = new Map<string, TrustCandidate>();
  for (const file of inventory.files) {
    if (folderOf(file.uri, [folder]) === undefined) continue;
    const path = file.uri.slice(folder.uri.replace(/\/$/, '').length + 1);
    for (const { grantee, access } of file.grants) {
      const into = grantee.kind === 'account' && ACCOUNT_ID.test(grantee.id) ? accounts : grantee.kind === 'organization' && ORGANIZATION_ID.test(grantee.id) ? organizations : undefined;
      if (!into) continue;
      const known = into.get(grantee.id) ?? { id: grantee.id, access, trust: grantee.trust, files: [] };
      if (ACCESS_ORDER.indexOf(access) > ACCESS_ORDER.indexOf(known.access)) known.access = access;
      const name = decodeURIComponent(path);
      if (!known.files.includes(name) && known.files.length < FILES_SHOWN) known.files.push(name);
      into.set(grantee.id, known);
    }
  }
  result.accounts = [...accounts.values()].sort((a, b) => a.id.localeCompare(b.id));
  result.organizations = [...organizations.values()].sort((a, b) => a.id.localeCompare(b.id));
  return result;
}
