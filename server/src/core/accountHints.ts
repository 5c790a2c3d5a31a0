import { grantingStatements } from './grants';
import { PolicyDocument, Span } from './model';
import { accountStanding, AccountStanding, TrustList } from './trust';

/** What an inlay hint after an account ID says: the trust list's verdict on the account. */
export interface AccountHint {
  /** Where the hint goes: just after the string that names the account(s). */
  offset: number;
  label: string;
  /** The accounts the string names (a Terraform reference may name several). */
  accounts: string[];
}

export interface AccountHintOptions {
  trust?: TrustList;
  now?: Date;
}

/**
 * A hint after every account an Allow statement grants to, by principal or binding condition: the
 * trusted account's name and access (`staging · pull`), `own`, `expired` or `untrusted`. Without a trust
 * list there is nothing to say about any account, so there are no hints. Pure: no I/O.
 */
export function accountHints(documents: readonly PolicyDocument[], options: AccountHintOptions = {}): AccountHint[] {
  const { trust } = options;
  if (!trust) return [];
  const now = options.now ?? new Date();
  const bySpan = new Map<string, { span: Span; labels: Map<string, string> }>();
  for (const facts of grantingStatements(documents, trust)) {
    for (const grantee of facts.grantees) {
      if (grantee.kind !== 'account') continue;
      const { span } = grantee.source;
      const key = `${span.offset}:${span.length}`;
      let entry = bySpan.get(key);
      if (!entry) bySpan.set(key, entry = { span, labels: new Map() });
      if (!entry.labels.has(grantee.account)) entry.labels.set(grantee.account, standingLabel(accountStanding(trust, grantee.account, now)));
    }
  }
  const hints: AccountHint[] = [];
  for (const { span, labels } of bySpan.values()) {
    const accounts = [...labels.keys()];
    // One string naming several accounts (a list in a Terraform local): each verdict says whose it is.
    const label = accounts.length === 1 ? labels.get(accounts[0])! : accounts.map((id) => `${id} ${labels.get(id)}`).join(', ');
    hints.push({ offset: span.offset + span.length, label, accounts });
  }
  return hints.sort((a, b) => a.offset - b.offset);
}

export function standingLabel(standing: AccountStanding): string {
  switch (standing.kind) {
    case 'own': return 'own';
    case 'trusted': return standing.entry.name ? `${standing.entry.name} · ${standing.entry.access}` : standing.entry.access;
    case 'expired': return 'expired';
    case 'untrusted': return 'untrusted';
    case 'no-trust-list': return 'no trust list';
  }
}
