import { CancellationToken } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AccountHint, accountHints } from '../core/accountHints';
import { grantsInventory } from '../core/inventory';
import { Finding, PolicyDocument } from '../core/model';
import { PolicyLens, policyLenses } from '../core/policyLens';
import { TrustList } from '../core/trust';

export interface Annotations {
  hints: AccountHint[];
  lenses: PolicyLens[];
}

interface Analysed {
  version: number;
  documents: readonly PolicyDocument[];
  findings: readonly Finding[];
  trust?: TrustList;
  /** Built on the first request for this version, then kept: requests never re-analyse. */
  built?: Annotations;
}

interface Waiter {
  version: number;
  resolve: (analysed: Analysed | undefined) => void;
}

/** Long enough for any analysis the editor waits on; a request never hangs on an analysis that failed. */
const WAIT_LIMIT_MS = 10_000;
/** A trust list change re-checks every open document: one refresh for the burst. */
const REFRESH_DELAY_MS = 100;

/**
 * Inlay hints and CodeLenses of open documents, from the analysis the validator last published: a request
 * for a version not analysed yet waits for it. A document re-analysed at the same version (the trust list
 * or the settings changed, not its text) asks the client to request them again.
 */
export class EditorAnnotations {
  private readonly analysed = new Map<string, Analysed>();
  private readonly waiters = new Map<string, Waiter[]>();
  private refreshTimer?: NodeJS.Timeout;

  constructor(private readonly refresh: () => void) {}

  documentAnalysed(document: TextDocument, documents: readonly PolicyDocument[], findings: readonly Finding[], trust: TrustList | undefined): void {
    const previous = this.analysed.get(document.uri);
    const current: Analysed = { version: document.version, documents, findings, trust };
    this.analysed.set(document.uri, current);
    if (previous?.version === document.version) this.refreshSoon();
    this.wake(document.uri, current);
  }

  closed(uri: string): void {
    this.analysed.delete(uri);
    this.wake(uri, undefined);
  }

  /** The annotations of the document's current version; undefined when it is not analysed (closed, cancelled, failed). */
  async of(document: TextDocument, token: CancellationToken): Promise<Annotations | undefined> {
    // The open document changes in place as edits arrive: the request is for the version it had when made.
    const version = document.version;
    const ready = this.analysed.get(document.uri);
    const analysed = ready?.version === version ? ready : await this.wait(document.uri, version, token);
    if (!analysed || analysed.version !== version || document.version !== version) return undefined;
    analysed.built ??= build(analysed);
    return analysed.built;
  }

  private wait(uri: string, version: number, token: CancellationToken): Promise<Analysed | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(undefined), WAIT_LIMIT_MS);
      const cancelled = token.onCancellationRequested(() => done(undefined));
      const waiter: Waiter = { version, resolve: (analysed) => done(analysed) };
      const list = this.waiters.get(uri) ?? [];
      list.push(waiter);
      this.waiters.set(uri, list);
      const done = (analysed: Analysed | undefined): void => {
        clearTimeout(timer);
        cancelled.dispose();
        const rest = (this.waiters.get(uri) ?? []).filter((other) => other !== waiter);
        if (rest.length > 0) this.waiters.set(uri, rest);
        else this.waiters.delete(uri);
        resolve(analysed);
      };
    });
  }

  /** Answers the waiters `analysed` covers; closing (undefined) answers them all. */
  private wake(uri: string, analysed: Analysed | undefined): void {
    for (const waiter of [...this.waiters.get(uri) ?? []]) if (!analysed || waiter.version <= analysed.version) waiter.resolve(analysed);
  }

  private refreshSoon(): void {
    this.refreshTimer ??= setTimeout(() => {
      this.refreshTimer = undefined;
      this.refresh();
    }, REFRESH_DELAY_MS);
  }
}

function build({ documents, findings, trust }: Analysed): Annotations {
  const now = new Date();
  return { hints: accountHints(documents, { trust, now }), lenses: policyLenses(documents, grantsInventory(documents, findings, { trust, now })) };
}
