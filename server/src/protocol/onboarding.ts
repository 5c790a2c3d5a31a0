import { RequestType } from 'vscode-languageserver-protocol';
import type { GrantedAccess, TrustLevel } from '../core/inventory';

/**
 * Request, client to server: what "ECR Guard: Create Trust List" offers for a workspace folder: where its
 * trust list is (or would be), and the accounts and organisations its policies grant access to, from the
 * grants inventory (the scan's files and the open ones).
 */
export const TrustListCandidatesRequest = new RequestType<TrustListCandidatesParams, TrustListCandidates, void>('ecrGuard/trustListCandidates');

export interface TrustListCandidatesParams {
  /** The workspace folder's URI. */
  folder: string;
}

export interface TrustListCandidates {
  /** Where the folder's trust list is, or is created (ecrGuard.trustList resolved); absent when none can apply. */
  trustUri?: string;
  /** Whether that file exists (on disk or open in the editor). */
  exists: boolean;
  /** Whether a workspace scan has run: otherwise only the open files' grants are known. */
  scanned: boolean;
  /** Accounts granted access, by ID. */
  accounts: TrustCandidate[];
  /** Organisations named by aws:PrincipalOrgID conditions, by ID. */
  organizations: TrustCandidate[];
}

export interface TrustCandidate {
  id: string;
  /** The most any statement grants it. */
  access: GrantedAccess;
  /** What the trust list says of it now. */
  trust: TrustLevel;
  /** Workspace-relative paths of the files granting it access (the first few). */
  files: string[];
}

/** What "Create Trust List" records for an account, as the quick pick offers it. */
export type AccountAnswer = 'own' | 'pull' | 'push' | 'admin' | 'skip';
/** What it records for an organisation. */
export type OrganizationAnswer = 'own' | 'skip';

/** What the client tells the server at the handshake (initializationOptions). */
export interface EcrGuardInitializationOptions {
  /**
   * The editor reports JSON syntax errors of open .json/.jsonc documents itself (VS Code's JSON support),
   * so the server leaves them out of an open trust list's diagnostics instead of doubling them.
   */
  editorChecksJsonSyntax?: boolean;
}
