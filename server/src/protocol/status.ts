import { RequestType } from 'vscode-languageserver-protocol';

/**
 * Request, client to server: which trust list applies to a document, and its own problems, for the
 * language status item. The client counts the document's findings itself (they are its diagnostics).
 */
export const TrustStatusRequest = new RequestType<TrustStatusParams, TrustStatus, void>('ecrGuard/trustStatus');

export interface TrustStatusParams {
  uri: string;
}

export interface TrustStatus {
  /**
   * `none`: no trust list applies (the document is outside every workspace folder and the setting is
   * relative); `missing`: the list ecrGuard.trustList names does not exist yet; `loaded`: it was read;
   * `disabled`: ecrGuard.enable is off for the document; `trust-list`: the document is a trust list itself.
   */
  state: 'none' | 'missing' | 'loaded' | 'disabled' | 'trust-list';
  /** The trust list's URI (set for `missing`, `loaded` and `trust-list`). */
  uri?: string;
  /** The file as users know it: its path for local files. */
  label?: string;
  /** The list's own problems (broken JSON, invalid entries) by severity. */
  errors: number;
  warnings: number;
}

/** Client commands behind the language status item and the policies' CodeLens. */
export const STATUS_COMMANDS = {
  openTrustList: 'ecrGuard.openTrustList',
  /** Registered by the onboarding (ECR Guard: Create Trust List); the status item falls back when it is absent. */
  createTrustList: 'ecrGuard.createTrustList',
  /** The grants inventory view's focus command (VS Code makes one per view). */
  showInventory: 'ecrGuard.inventory.focus',
} as const;
