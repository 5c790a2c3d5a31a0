import {
  Hover, NotificationType, ProtocolRequestType, RequestType, RequestType0, TextDocumentPositionParams, WorkDoneProgressParams,
} from 'vscode-languageserver-protocol';
import type { DeployedKind } from '../core/deployed/resources';
import type { AuditCallError } from '../core/deployed/snapshot';
import type { RuleId, Severity } from '../core/model';
import type { InventoryGrant } from './scan';

export type { AuditCallError } from '../core/deployed/snapshot';

/**
 * The audit of deployed registries in the editor. The client asks (only when the user runs the command)
 * with the regions and the profile the user picked; nothing else reaches the server's AWS calls, so no
 * workspace file or setting can change where the signed requests go. Each deployed resource is shown as a
 * read-only virtual document (scheme `ecr-guard-deployed`) whose text the server holds.
 */

/** Request, client to server: audit the registries of the regions asked for, with work-done progress and cancellation. */
export const AuditDeployedRequest = new ProtocolRequestType<AuditDeployedParams, AuditDeployedResult, never, void, void>('ecrGuard/auditDeployed');
/** Request, client to server: the last audit's resources, grants, findings and errors (empty before the first audit). */
export const DeployedInventoryRequest = new RequestType0<DeployedInventory, void>('ecrGuard/deployedInventory');
/** Request, client to server: the text of a deployed resource's virtual document (or a side of its drift diff). */
export const DeployedDocumentRequest = new RequestType<DeployedDocumentParams, DeployedDocumentResult | null, void>('ecrGuard/deployedDocument');
/** Notification, server to client: the last audit was judged again (the trust list or the settings changed). */
export const DeployedChangedNotification = new NotificationType<DeployedInventory>('ecrGuard/deployedChanged');
/** Request, client to server: the hover at a position of a deployed resource's virtual document, as for files. */
export const DeployedHoverRequest = new RequestType<TextDocumentPositionParams, Hover | null, void>('ecrGuard/deployedHover');

export const DEPLOYED_SCHEME = 'ecr-guard-deployed';

/** What a deployed resource is: a repository policy, the registry policy, replication, a creation template. */
export type DeployedResourceKind = DeployedKind;

/** The views of a deployed resource: its text as AWS returned it, or a side of the drift diff (canonical policies). */
export type DeployedView = 'deployed' | 'canonical' | 'workspace';

export interface AuditDeployedParams extends WorkDoneProgressParams {
  /** Region names, or `all` for every region enabled in the account. */
  regions: string[] | 'all';
  /** A profile name of the user's shared AWS config; absent: the SDK's default credential chain. */
  profile?: string;
}

export interface AuditDeployedResult {
  /** True when the request was cancelled: nothing was kept, the previous audit stands. */
  cancelled: boolean;
  /** Why the audit could not run at all (no credentials, no region); per-call failures are in `inventory.errors`. */
  failure?: string;
  inventory: DeployedInventory;
  findings: number;
  byRule: Partial<Record<RuleId, number>>;
  durationMs: number;
}

export interface DeployedInventory {
  /** Whether an audit has run since the server started. */
  audited: boolean;
  /** When the audit finished (ISO 8601). */
  finishedAt?: string;
  regions: string[];
  accounts: string[];
  repositoriesScanned: number;
  resources: DeployedInventoryResource[];
  errors: AuditCallError[];
  /** Whether the audit compared the policies with the workspace's IaC (it does when a folder is open). */
  drift: boolean;
}

export interface DeployedInventoryResource {
  /** The virtual document's URI (see deployedUri). */
  uri: string;
  arn: string;
  kind: DeployedResourceKind;
  account: string;
  region: string;
  repository?: string;
  grants: InventoryGrant[];
  findings: DeployedFinding[];
  severity?: Severity;
  /** For `policy-drift`: the workspace file that defines the policy, so the editor can offer the diff. */
  definedIn?: string;
  /** Why the policy was not compared with its definition (values known only at deployment): no drift is claimed. */
  notCompared?: string;
}

/** A finding of a deployed resource, as the inventory lists it (the diagnostics carry the rest). */
export interface DeployedFinding {
  rule: RuleId;
  severity: Severity;
  message: string;
  /** Zero-based [startLine, startCharacter, endLine, endCharacter] in the virtual document. */
  range: [number, number, number, number];
  suppressed?: boolean;
}

export interface DeployedDocumentParams {
  uri: string;
}

export interface DeployedDocumentResult {
  text: string;
  /** The workspace file the `workspace` view shows the policy of. */
  file?: string;
}

/** Why a drifted policy's diff is shown: the rule the editor offers "Compare with the workspace definition" on. */
export const POLICY_DRIFT_RULE: RuleId = 'policy-drift';

const KIND_PATH: Record<DeployedResourceKind, (name?: string) => string> = {
  'repository-policy': (name) => `repository/${name ?? ''}.json`,
  'registry-policy': () => 'registry/policy.json',
  replication: () => 'registry/replication.json',
  'creation-template': (name) => `creation-template/${name ?? 'ROOT'}.json`,
};

/**
 * The virtual document of a deployed resource: `ecr-guard-deployed:/ACCOUNT/REGION/repository/NAME.json`
 * (the `.json` ending gives it JSON highlighting; repository names may hold `/`, which stays a path
 * separator). A `view` other than the deployed text is the query (`?view=canonical`).
 */
export function deployedUri(resource: Pick<DeployedInventoryResource, 'account' | 'region' | 'kind' | 'repository'>, view: DeployedView = 'deployed'): string {
  const segments = [resource.account, resource.region, ...KIND_PATH[resource.kind](resource.repository).split('/')];
  const query = view === 'deployed' ? '' : `?view=${view}`;
  return `${DEPLOYED_SCHEME}:/${segments.map(encodeURIComponent).join('/')}${query}`;
}

/** The deployed text's URI and the view a URI of the scheme asks for. */
export function deployedView(uri: string): { uri: string; view: DeployedView } {
  const query = uri.indexOf('?');
  if (query < 0) return { uri, view: 'deployed' };
  // VS Code's Uri.toString() writes `=` in a query as %3D.
  const view = /(?:^|&)view=(canonical|workspace)(?:&|$)/.exec(safeDecode(uri.slice(query + 1)))?.[1] as DeployedView | undefined;
  return { uri: uri.slice(0, query), view: view ?? 'deployed' };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
