import { Connection } from 'vscode-languageserver/node';
import { TrustStatus, TrustStatusRequest } from '../protocol';
import { Settings } from './settings';
import { TrustResolver } from './trustResolver';
import { displayPath, LoadedTrust } from './trustStore';

export interface StatusHost {
  connection: Connection;
  trust: TrustResolver;
  settings(uri: string): Promise<Settings>;
}

/** ecrGuard/trustStatus: the trust list the language status item names for a document. */
export function registerTrustStatus(host: StatusHost): void {
  host.connection.onRequest(TrustStatusRequest, async ({ uri }): Promise<TrustStatus> => {
    if (host.trust.readsAsTrustList(uri)) return { state: 'trust-list', uri, label: displayPath(uri), ...problemCounts(host.trust.listAt(uri)) };
    const settings = await host.settings(uri);
    if (!settings.enable) return { state: 'disabled', errors: 0, warnings: 0 };
    const loaded = host.trust.trustFor(uri, settings);
    if (!loaded) return { state: 'none', errors: 0, warnings: 0 };
    return { state: loaded.text === undefined && !loaded.parsed ? 'missing' : 'loaded', uri: loaded.uri, label: displayPath(loaded.uri), ...problemCounts(loaded) };
  });
}

function problemCounts(loaded: LoadedTrust): { errors: number; warnings: number } {
  const problems = loaded.parsed?.problems ?? [];
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}
