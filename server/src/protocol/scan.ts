import { NotificationType, ProtocolRequestType, RequestType0, WorkDoneProgressParams } from 'vscode-languageserver-protocol';
import type { Grant } from '../core/inventory';
import type { RuleId, Severity } from '../core/model';

/** Request, client to server: scan files for ECR policies and publish diagnostics for every one of them. */
export const ScanWorkspaceRequest = new ProtocolRequestType<ScanWorkspaceParams, ScanSummary, never, void, void>('ecrGuard/scanWorkspace');
/** Request, client to server: the grants inventory of every scanned and open file. */
export const InventoryRequest = new RequestType0<InventoryResult, void>('ecrGuard/inventory');
/** Notification, server to client: the grants of some files changed (after an edit, a scan, a trust list change). */
export const InventoryChangedNotification = new NotificationType<InventoryChangedParams>('ecrGuard/inventoryChanged');
/** Request, client to server: forget the scan (its diagnostics of files that are not open, and its grants). */
export const ClearScanRequest = new RequestType0<void, void>('ecrGuard/clearScan');

/** With LSP work-done progress (`workDoneToken`): begin, a report per batch with the counts so far, end. */
export interface ScanWorkspaceParams extends WorkDoneProgressParams {
  /**
   * The files to scan (URIs), as the client found them honouring its own excludes (VS Code: files.exclude
   * and search.exclude). Absent: the server walks every workspace folder itself.
   */
  files?: string[];
  /** Skip files that .gitignore ignores (VS Code's search.useIgnoreFiles); default true. */
  useIgnoreFiles?: boolean;
}

export interface ScanSkip {
  uri: string;
  reason: string;
}

export interface ScanSummary {
  /** True when the request was cancelled; the counts then cover the files done before. */
  cancelled: boolean;
  /** Candidate files after the built-in skips (node_modules, .git, .terraform, trust lists). */
  candidates: number;
  /** Candidates that .gitignore ignores. */
  ignored: number;
  /** Files read (or taken from an open editor) and checked. */
  scanned: number;
  /** Files whose text passed the pre-filter and was parsed. */
  parsed: number;
  /** Files too large, binary, not regular (FIFOs, devices) or unreadable, and folders that cannot be read: the first 100, and how many in all. */
  skipped: ScanSkip[];
  skippedCount: number;
  /** ECR resource policies found. */
  policies: number;
  findings: number;
  byRule: Partial<Record<RuleId, number>>;
  bySeverity: Record<Severity, number>;
  filesWithFindings: number;
  /** Cross-account grants in the inventory. */
  grants: number;
  durationMs: number;
}

/**
 * One grant as the inventory view shows it: where the grantee is named, as zero-based
 * [startLine, startCharacter, endLine, endCharacter] (compact: a scan may hold a hundred thousand grants).
 */
export interface InventoryGrant extends Omit<Grant, 'span' | 'statementSpan'> {
  range: [number, number, number, number];
  /**
   * The statement the grant comes from, same form: the client finds the grant's findings (external-write is
   * reported on an action, not on the grantee) among the diagnostics inside it.
   */
  statementRange?: [number, number, number, number];
}

export interface InventoryFile {
  uri: string;
  /** `scan` for results of the workspace scan, `editor` for an open document's current text. */
  source: 'scan' | 'editor';
  grants: InventoryGrant[];
}

export interface InventoryResult {
  /** Whether a workspace scan has run (so files that are not open are covered). */
  scanned: boolean;
  files: InventoryFile[];
  /** The trust lists behind the verdicts, as display paths. */
  trustLists: string[];
}

export interface InventoryChangedParams {
  /** When set, the client drops everything it has before applying `files`. */
  reset?: boolean;
  scanned: boolean;
  /** Files whose grants changed; an empty list of grants removes the file. */
  files: InventoryFile[];
}
