import { EcrAction } from './actions';
import { Binding, ConditionVerdict, isSourceKey } from './conditions';
import { Str } from './model';
import { NamedPrincipal } from './principals';

/** Who a statement lets in, after conditions narrowed any wildcard. */
export type GranteeIdentity =
  | { kind: 'account'; account: string }
  | { kind: 'organization'; organizationId: string; /** The repository owner's organisation (`${aws:ResourceOrgID}`). */ own?: boolean }
  /** Bound only to a resource (aws:SourceArn of a bucket) or one role by unique ID: not public, but no account to check. */
  | { kind: 'resource' }
  /** A service principal no aws:Source* condition binds to an account, organisation or resource. */
  | { kind: 'service'; name: string }
  | { kind: 'public' };

/**
 * A grantee before Deny statements are considered: who, the string naming it, the service it goes through,
 * and the actions the statement grants (Deny guards may then take some back, see grants.ts).
 */
export type Admitted = GranteeIdentity & { source: Str; throughService?: Str; actions: readonly EcrAction[] };

/**
 * Who a statement's principals and conditions let in. A service principal is bound only by the keys a
 * calling service passes (aws:SourceAccount, aws:SourceArn, aws:SourceOrgID, aws:SourceOrgPaths,
 * aws:SourceOwner): when they name an account, the grant is that account's, through the service.
 */
export function admitted(named: readonly NamedPrincipal[], conditions: ConditionVerdict, actions: readonly EcrAction[]): Admitted[] {
  const result: Admitted[] = [];
  for (const { identity, source } of named) {
    if (identity.kind === 'account') result.push({ kind: 'account', account: identity.account, source, actions });
    else if (identity.kind === 'wildcard') result.push(...narrow(source, conditions.bindings, actions));
    else if (identity.kind === 'service') result.push(...serviceGrantees(source, conditions.bindings, actions));
  }
  return result;
}

function serviceGrantees(source: Str, bindings: readonly Binding[], actions: readonly EcrAction[]): Admitted[] {
  const own = bindings.filter((binding) => binding.kind === 'nobody' || isSourceKey(binding.clause.key.value));
  if (own.length === 0) return [{ kind: 'service', name: source.value, source, actions }];
  return narrow(source, own, actions).map((grantee) => ({ ...grantee, throughService: source }));
}

/**
 * Conditions are ANDed: a clause no caller can satisfy lets nobody in; when one binds to accounts, only those
 * accounts get in, whatever else binds; an organisation binding alone still admits every account of the
 * organisation. An account binding that is not a literal is reported as unresolved, never guessed to be external.
 */
function narrow(source: Str, bindings: readonly Binding[], actions: readonly EcrAction[]): Admitted[] {
  if (bindings.length === 0) return [{ kind: 'public', source, actions }];
  if (admitsNobody(bindings)) return [];
  const accounts = bindings.filter((binding) => binding.kind === 'account' || binding.kind === 'own' || (binding.kind === 'unresolved' && binding.pinsAccount));
  if (accounts.length > 0) {
    return accounts.flatMap((binding) => binding.kind === 'account' ? [{ kind: 'account' as const, account: binding.account, source: binding.value, actions }] : []);
  }
  return bindings.flatMap((binding): Admitted[] => {
    switch (binding.kind) {
      case 'organization': return [{ kind: 'organization', organizationId: binding.organizationId, source: binding.value, actions }];
      case 'own-organization': return [{ kind: 'organization', organizationId: binding.value.value, own: true, source: binding.value, actions }];
      // Bound to something, but to what cannot be known: never the team's own for sure.
      case 'resource':
      case 'unique-id':
      case 'unresolved': return [{ kind: 'resource', source: binding.value, actions }];
      default: return [];
    }
  });
}

/** Whether some clause admits no caller at all: every value it binds to is one nobody has. */
function admitsNobody(bindings: readonly Binding[]): boolean {
  const byClause = new Map<object, boolean>();
  for (const binding of bindings) byClause.set(binding.clause, (byClause.get(binding.clause) ?? true) && binding.kind === 'nobody');
  for (const nobody of byClause.values()) if (nobody) return true;
  return false;
}
