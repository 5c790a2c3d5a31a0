import type { AccountAnswer, OrganizationAnswer } from '../../../server/src/protocol';

/** What "Create Trust List" was told: an answer per account and organisation, and names of trusted accounts. */
export interface TrustListAnswers {
  accounts: Record<string, AccountAnswer>;
  organizations: Record<string, OrganizationAnswer>;
  names: Record<string, string>;
}

/**
 * The new trust list's text, in the README's shape (one trusted account per line). No `$schema`: the
 * extension associates the schema with the file name, and a relative path would break where it is copied.
 */
export function trustListText(answers: TrustListAnswers): string {
  const own = Object.keys(answers.accounts).filter((id) => answers.accounts[id] === 'own').sort();
  const organizations = Object.keys(answers.organizations).filter((id) => answers.organizations[id] === 'own').sort();
  const trusted = Object.keys(answers.accounts).filter((id) => !['own', 'skip'].includes(answers.accounts[id])).sort();
  const entry = (id: string): string => {
    const name = answers.names[id]?.trim();
    return `    ${JSON.stringify(id)}: { ${name ? `"name": ${JSON.stringify(name)}, ` : ''}"access": ${JSON.stringify(answers.accounts[id])} }`;
  };
  const list = (ids: string[]): string => `[${ids.map((id) => JSON.stringify(id)).join(', ')}]`;
  const accounts = trusted.length === 0 ? '{}' : `{\n${trusted.map(entry).join(',\n')}\n  }`;
  return `{\n  "ownAccounts": ${list(own)},\n  "organizationIds": ${list(organizations)},\n  "trustedAccounts": ${accounts}\n}\n`;
}
