import { PolicyStatement, PrincipalRef, Str } from './model';

/**
 * What an AWS principal string names. Only `AWS` principals name accounts; service, federated and
 * canonical-user principals are not accounts and are never treated as one.
 */
export type PrincipalIdentity =
  | { kind: 'wildcard' }
  | { kind: 'account'; account: string }
  | { kind: 'service' }
  /** The team's own account, known without a literal ID (Terraform's aws_caller_identity). */
  | { kind: 'own' }
  /** A value ECR Guard cannot see (a Terraform variable without a literal default, say). */
  | { kind: 'unresolved' }
  | { kind: 'other' };

const ARN = /^arn:(aws(?:-[a-z]+)*):([^:]*):([^:]*):([^:]*):(.*)$/;
const ACCOUNT = /^\d{12}$/;

/** Partition and account field of an ARN, or undefined when the string is not an ARN. */
export function arnAccount(arn: string): { partition: string; account: string } | undefined {
  const match = ARN.exec(arn);
  return match ? { partition: match[1], account: match[4] } : undefined;
}

export function hasWildcard(value: string): boolean {
  return value.includes('*') || value.includes('?');
}

/**
 * Identities of literal principals by kind and text: a workspace scan meets the same few ARNs in thousands of
 * statements. The identities are never mutated, so they can be shared.
 */
const identityCache = new Map<string, Map<string, PrincipalIdentity>>();

export function identifyPrincipal(principal: PrincipalRef): PrincipalIdentity {
  if (principal.value.origin !== undefined) return identify(principal);
  let byValue = identityCache.get(principal.kind);
  if (!byValue) {
    byValue = new Map();
    identityCache.set(principal.kind, byValue);
  }
  let identity = byValue.get(principal.value.value);
  if (!identity) {
    identity = identify(principal);
    if (byValue.size > 10_000) byValue.clear();
    byValue.set(principal.value.value, identity);
  }
  return identity;
}

function identify(principal: PrincipalRef): PrincipalIdentity {
  const kind = principal.kind;
  if (principal.value.origin === 'own-account') return { kind: 'own' };
  if (principal.value.origin === 'unresolved') return { kind: kind === 'AWS' || kind === '*' ? 'unresolved' : 'other' };
  const value = principal.value.value.trim();
  if (kind === '*') return value === '*' ? { kind: 'wildcard' } : { kind: 'other' };
  if (kind !== 'AWS') return { kind: kind === 'Service' ? 'service' : 'other' };
  if (value === '*') return { kind: 'wildcard' };
  if (ACCOUNT.test(value)) return { kind: 'account', account: value };
  const arn = arnAccount(value);
  if (!arn) return { kind: 'other' };
  if (hasWildcard(arn.account)) return { kind: 'wildcard' };
  return ACCOUNT.test(arn.account) ? { kind: 'account', account: arn.account } : { kind: 'other' };
}

/** Who a statement names before conditions are considered. */
export interface NamedPrincipal {
  identity: PrincipalIdentity;
  /** The string that names it; for NotPrincipal, the key itself (everyone but the listed principals). */
  source: Str;
}

export function namedPrincipals(statement: PolicyStatement): NamedPrincipal[] {
  if (statement.notPrincipal) {
    return statement.principalKey ? [{ identity: { kind: 'wildcard' }, source: statement.principalKey }] : [];
  }
  return statement.principals.map((principal) => ({ identity: identifyPrincipal(principal), source: principal.value }));
}
