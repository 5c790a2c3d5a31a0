import type { InventoryGrant, RuleId } from '../../../server/src/protocol';

type Grantee = InventoryGrant['grantee'];

/**
 * How inventory rows read in a sidebar of default width (about 35 characters, less the indent of each
 * level): short labels, counts of what the row holds, and a contextValue the context menu's `when` clauses
 * read. The full text goes to the tooltip. Pure: no vscode imports, so the unit tests check it.
 */

/** Characters a label may take at the top level; each level down loses about three to the indent. */
export const LABEL_WIDTH = 30;

/** `text` cut in the middle to `max` characters: the start says what it is, the end which one. */
export function shortened(text: string, max = LABEL_WIDTH): string {
  if (text.length <= max) return text;
  const tail = Math.floor((max - 1) / 2);
  return `${text.slice(0, max - 1 - tail)}…${text.slice(text.length - tail)}`;
}

/**
 * An ARN as a label: what every ECR policy's ARNs share (`arn:aws:`, the region) dropped, the service and
 * account kept whole, and the resource cut from the left when it does not fit: `arn:aws:iam::123456789012:role/ci`
 * reads `iam 123456789012 role/ci`. Other text is cut in the middle.
 */
export function shortArn(text: string, max = LABEL_WIDTH): string {
  const match = /^arn:[\w-]+:([\w-]+):[\w-]*:(\d{12}|[\w-]*):(.+)$/.exec(text);
  if (!match) return shortened(text, max);
  const [, service, account, resource] = match;
  const head = [service, account].filter(Boolean).join(' ');
  const room = max - head.length - 1;
  if (room < 5) return shortened(`${head} ${resource}`, max);
  return `${head} ${resource.length <= room ? resource : `…${resource.slice(resource.length - room + 1)}`}`;
}

/** The grantee's row: its ID, shortened; the kind and trust go to the description, the whole title to the tooltip. */
export function granteeLabel(grantee: Pick<Grantee, 'kind' | 'id' | 'name'>): string {
  switch (grantee.kind) {
    case 'public': return 'Anyone (public)';
    case 'account': return grantee.name ? `${grantee.id} (${shortened(grantee.name, LABEL_WIDTH - 15)})` : grantee.id;
    case 'organization': return shortened(`Org ${grantee.id}`);
    case 'resource':
    case 'service':
    case 'unresolved':
      return shortArn(grantee.id);
  }
}

/**
 * A policy's row: the file's name, or where in it the policy is defined, shortened: `aws_ecr_repository_policy.app`
 * reads `repository_policy.app` (a module's path is dropped: the tooltip has the whole address),
 * `AWS::ECR::Repository AppRepo` reads `AppRepo`.
 */
export function policyLabel(policy: string | undefined, fileName: string): string {
  if (!policy) return shortened(fileName, LABEL_WIDTH - 3);
  const cloudFormation = /^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+ (.+)$/.exec(policy);
  const terraform = /^(?:.*\.)?aws_(?:ecrpublic_|ecr_)?([a-z0-9_]+\..+)$/.exec(policy);
  return shortened(cloudFormation?.[1] ?? terraform?.[1] ?? policy, LABEL_WIDTH - 3);
}

/** A statement's row: its Sid (shortened), or its place in the policy. */
export function statementText(grant: Pick<InventoryGrant, 'sid' | 'statementIndex'>): string {
  return grant.sid ? shortened(grant.sid, LABEL_WIDTH - 6) : `statement #${grant.statementIndex + 1}`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "3 grants · 2 findings": what a row holds, findings only when there are some. */
export function countsText(grants: number, findings: number): string {
  return findings > 0 ? `${plural(grants, 'grant')} · ${plural(findings, 'finding')}` : plural(grants, 'grant');
}

/** The findings a grant carries: one per rule (a grant lists a rule once however many of its findings concern it). */
export function findingsOf(grant: Pick<InventoryGrant, 'rules'>): number {
  return grant.rules.length;
}

/**
 * Rules whose findings have a preferred quick fix (core/fixes/fixesFor.ts: restrict the actions, bind to the
 * organisation or the source account); untrusted-account has none, its fixes are choices.
 */
export const PREFERRED_FIX_RULES: readonly RuleId[] = ['external-write', 'wildcard-principal', 'unscoped-service-principal'];

/** Trust levels "Trust account for pull" applies to: the account is on no trust list, or on none at all. */
const TRUSTABLE = new Set<string>(['untrusted', 'no-trust-list']);

/**
 * What the context menu offers on a grant row, as `when` clauses read it (viewItem =~ /.../):
 * `ecrGuard.grant;kind=account;trust=untrusted;rules=external-write,untrusted-account;fix;trustable;`.
 */
export function grantContextValue(grant: Pick<InventoryGrant, 'grantee' | 'rules'>): string {
  const parts = ['ecrGuard.grant', `kind=${grant.grantee.kind}`, `trust=${grant.grantee.trust}`, `rules=${grant.rules.join(',')}`];
  if (grant.rules.some((rule) => PREFERRED_FIX_RULES.includes(rule))) parts.push('fix');
  if (grant.rules.length > 0) parts.push('findings');
  if (isTrustable(grant.grantee)) parts.push('trustable');
  return `${parts.join(';')};`;
}

/** The same for a grantee row (copy its ID, trust the account). */
export function granteeContextValue(grantee: Pick<Grantee, 'kind' | 'trust'>): string {
  const parts = ['ecrGuard.grantee', `kind=${grantee.kind}`, `trust=${grantee.trust}`];
  if (isTrustable(grantee)) parts.push('trustable');
  return `${parts.join(';')};`;
}

export function isTrustable(grantee: Pick<Grantee, 'kind' | 'trust'>): boolean {
  return grantee.kind === 'account' && TRUSTABLE.has(grantee.trust);
}
