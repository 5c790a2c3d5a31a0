import { EcrAction, isPushAction, isReadOnly } from './actions';
import type { Access } from './trust';

/**
 * The actions cross-account replication performs in the destination registry: its registry policy must
 * grant them to the source account (Amazon ECR User Guide, "Private registry permissions": the
 * cross-account replication example grants ecr:CreateRepository and ecr:ReplicateImage).
 */
const REPLICATION_ACTIONS: ReadonlySet<string> = new Set(['ecr:ReplicateImage', 'ecr:CreateRepository']);

/**
 * Whether trust of `access` covers an action granted to the account: every access level reads; `push`
 * also uploads images; `replicate` also replicates into the registry; `admin` covers everything.
 */
export function accessAllows(access: Access, action: EcrAction): boolean {
  if (access === 'admin' || isReadOnly(action.level)) return true;
  if (access === 'replicate') return REPLICATION_ACTIONS.has(action.name);
  return access === 'push' && isPushAction(action);
}

/** Whether trust of `access` lets the team's registry replicate images into the account's registry. */
export function accessAllowsReplication(access: Access): boolean {
  return access === 'replicate' || access === 'admin';
}
