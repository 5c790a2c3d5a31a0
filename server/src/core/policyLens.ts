import type { Grant, GrantedAccess } from './inventory';
import { isEcrResourcePolicy } from './grants';
import { isolated } from './isolate';
import { PolicyDocument, Span } from './model';

/** What a policy's CodeLens reads from each of its grants (core/inventory.ts). */
export type LensGrant = Pick<Grant, 'documentIndex' | 'grantee' | 'access' | 'rules'>;

/** The summary shown above one ECR policy. */
export interface PolicyLens {
  documentIndex: number;
  /** Where the policy starts. */
  span: Span;
  title: string;
}

const ACCESS_ORDER: readonly GrantedAccess[] = ['pull', 'push', 'admin'];

/**
 * One line above each ECR resource policy summarising its cross-account grants from the inventory:
 * counts by the access they give (`2 pull`), `external` for grants a rule reports (the trust list does
 * not cover them), `public` for grants to everyone, `unresolved` for grantees that cannot be known.
 * Replication grants belong to no policy and are left out. Pure: no I/O.
 */
export function policyLenses(documents: readonly PolicyDocument[], grants: readonly LensGrant[]): PolicyLens[] {
  const byDocument = new Map<number, LensGrant[]>();
  for (const grant of grants) {
    const list = byDocument.get(grant.documentIndex);
    if (list) list.push(grant);
    else byDocument.set(grant.documentIndex, [grant]);
  }
  const lenses: PolicyLens[] = [];
  documents.forEach((document, documentIndex) => {
    const own = byDocument.get(documentIndex) ?? [];
    if (own.length === 0 && !isolated(() => isEcrResourcePolicy(document), false)) return;
    lenses.push({ documentIndex, span: document.span, title: lensTitle(own) });
  });
  return lenses;
}

/** `2 pull · 1 push external · public`; `no cross-account grants` when every grant is to the team's own accounts. */
export function lensTitle(grants: readonly LensGrant[]): string {
  if (grants.length === 0) return 'no cross-account grants';
  const counts = new Map<string, number>();
  const add = (key: string): void => void counts.set(key, (counts.get(key) ?? 0) + 1);
  let publicAccess: GrantedAccess | undefined;
  let unresolved = 0;
  for (const grant of grants) {
    if (grant.grantee.kind === 'public') publicAccess = wider(publicAccess, grant.access);
    else if (grant.grantee.kind === 'unresolved') unresolved++;
    else add(`${grant.access}${grant.rules.length > 0 ? ' external' : ''}`);
  }
  const parts: string[] = [];
  for (const access of ACCESS_ORDER) {
    for (const key of [access, `${access} external`]) {
      const count = counts.get(key);
      if (count) parts.push(`${count} ${key}`);
    }
  }
  if (unresolved > 0) parts.push(`${unresolved} unresolved`);
  if (publicAccess) parts.push(publicAccess === 'pull' ? 'public' : `public ${publicAccess}`);
  return parts.join(' · ');
}

function wider(a: GrantedAccess | undefined, b: GrantedAccess): GrantedAccess {
  return a === undefined || ACCESS_ORDER.indexOf(b) > ACCESS_ORDER.indexOf(a) ? b : a;
}
