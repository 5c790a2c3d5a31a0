import type { Grant, Grantee } from '../core/inventory';

/**
 * How grantees and grants read, wherever they are shown: the inventory view and the exports. Pure, so the
 * client and the server share it.
 */

/** Sorts grantees public first, then accounts, organisations, resources, services and unresolved values, each by ID. */
export function granteeKey(grantee: Pick<Grantee, 'kind' | 'id'>): string {
  const order = { public: 0, account: 1, organization: 2, resource: 3, service: 4, unresolved: 5 }[grantee.kind];
  return `${order}:${grantee.id}`;
}

export function granteeTitle(grantee: Pick<Grantee, 'kind' | 'id' | 'name'>): string {
  switch (grantee.kind) {
    case 'public': return 'Anyone (public)';
    case 'account': return grantee.name ? `${grantee.id} (${grantee.name})` : grantee.id;
    case 'organization': return `Organisation ${grantee.id}`;
    case 'resource': return `Callers bound to ${grantee.id}`;
    case 'service': return `Service ${grantee.id} (any account)`;
    case 'unresolved': return `Unresolved: ${grantee.id}`;
  }
}

/** How a trust level reads in the inventory and its exports. */
export function trustLabel(grantee: Pick<Grantee, 'kind' | 'trust' | 'expires'>): string {
  switch (grantee.trust) {
    case 'pull':
    case 'push':
    case 'replicate':
    case 'admin':
      return `trusted for ${grantee.trust}${grantee.expires ? ` until ${grantee.expires}` : ''}`;
    case 'expired': return `trust expired ${grantee.expires ?? ''}`.trim();
    case 'untrusted': return 'untrusted';
    case 'no-trust-list': return 'untrusted (no trust list)';
    case 'own-organization': return 'own organisation';
    case 'unchecked':
      switch (grantee.kind) {
        case 'public': return 'public';
        case 'unresolved': return 'unresolved';
        case 'service': return 'not bound to an account';
        default: return 'bound to a resource';
      }
  }
}

/** The statement's Action (or NotAction) strings as written. */
export function actionsWritten(grant: Pick<Grant, 'actions' | 'notAction'>): string {
  return `${grant.notAction ? 'NotAction ' : ''}${grant.actions.join(' ')}`;
}
