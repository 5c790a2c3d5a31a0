import type { WorkspaceEdit } from 'vscode-languageserver-protocol';

/**
 * Quick fixes that need an answer (an organisation ID, an own account ID, an account's name) go through two commands: the
 * client's asks the user, then calls the server's (workspace/executeCommand) with the answer added.
 */

/** Commands the server executes; the client calls them after asking the user. */
export const SERVER_COMMANDS = {
  applyOrganizationFix: 'ecrGuard.server.applyOrganizationFix',
  applySourceAccountFix: 'ecrGuard.server.applySourceAccountFix',
  trustAccount: 'ecrGuard.server.trustAccount',
  suppressFinding: 'ecrGuard.server.suppressFinding',
  markOwnAccount: 'ecrGuard.server.markOwnAccount',
  extendTrustList: 'ecrGuard.server.extendTrustList',
} as const;

/** Client commands that ask the user for what a fix needs, then call the server command. */
export const CLIENT_COMMANDS = {
  addOrganizationCondition: 'ecrGuard.addOrganizationCondition',
  addSourceAccountCondition: 'ecrGuard.addSourceAccountCondition',
  trustAccount: 'ecrGuard.trustAccount',
  suppressFinding: 'ecrGuard.suppressFinding',
  markOwnAccount: 'ecrGuard.markOwnAccount',
} as const;

/** The argument of addOrganizationCondition and applyOrganizationFix. */
export interface OrganizationFixArguments {
  uri: string;
  /** Where the wildcard-principal diagnostic starts. */
  position: { line: number; character: number };
  /** Given by callers that already know it (tests, other extensions); asked for otherwise. */
  organizationId?: string;
}

/** The argument of addSourceAccountCondition and applySourceAccountFix. */
export interface SourceAccountFixArguments {
  uri: string;
  /** Where the unscoped-service-principal diagnostic starts. */
  position: { line: number; character: number };
  /** One of the team's own accounts (12 digits); given by callers that already know it, asked for otherwise. */
  account?: string;
}

/** The argument of both trustAccount commands. */
export interface TrustAccountArguments {
  uri: string;
  account: string;
  name?: string;
}

/** The argument of both markOwnAccount commands: the account to add to the trust list's ownAccounts. */
export interface MarkOwnAccountArguments {
  uri: string;
  account: string;
}

/**
 * The argument of extendTrustList: "Create Trust List" run where a trust list exists adds what it was told
 * to that list (an unsaved edit, for review). `uri` is the trust list's.
 */
export interface ExtendTrustListArguments {
  uri: string;
  answers: {
    accounts: Record<string, 'own' | 'pull' | 'push' | 'admin' | 'skip'>;
    organizations: Record<string, 'own' | 'skip'>;
    names: Record<string, string>;
  };
}

/** The argument of both suppressFinding commands: the finding, and the answers when the caller has them. */
export interface SuppressFindingArguments {
  uri: string;
  /** The finding's rule (the diagnostic's code). */
  rule: string;
  /** Where the diagnostic starts. */
  position: { line: number; character: number };
  /** The statement's Sid, for the question's title. */
  sid?: string;
  /** Why the finding is accepted: required, one line. Asked for when absent. */
  reason?: string;
  /** Last day the suppression holds (YYYY-MM-DD, not past); '' or absent for none. Asked for when `reason` is absent. */
  until?: string;
}

/** What the server commands return: whether the edit was applied, and the trust list it touched. */
export interface TrustEditResult {
  applied: boolean;
  trustUri?: string;
  /**
   * Set, with `applied` false, when the trust list does not exist yet. An LSP edit can only create a file
   * empty and fill it in an unsaved editor, so dismissing that editor would leave a 0-byte trust list on
   * disk. The client applies this instead, as one workspace edit: the file created with `text`, and `edit`
   * (the fix's changes to other files, if any).
   */
  newTrustList?: NewTrustList;
}

export interface NewTrustList {
  uri: string;
  text: string;
  edit?: WorkspaceEdit;
}
