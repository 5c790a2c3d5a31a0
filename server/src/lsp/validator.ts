import { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Finding } from '../core/model';
import { Extraction } from '../core/sources/types';
import { toDiagnostic } from './diagnostics';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { PolicySources } from './policySources';
import { Scheduler } from './scheduler';
import { Settings } from './settings';
import { TrustResolver } from './trustResolver';
import { displayPath, LoadedTrust } from './trustStore';

export interface ValidatorHost {
  publisher: DiagnosticsPublisher;
  documents: TextDocuments<TextDocument>;
  sources: PolicySources;
  trust: TrustResolver;
  settings(uri: string): Promise<Settings>;
  /** Every analysis of an open document, for the grants inventory (an empty one when it is not analysed). */
  analysed(document: TextDocument, policies: Pick<Extraction, 'documents' | 'replications'>, findings: Finding[], trust: LoadedTrust | undefined): void;
  log(message: string): void;
  logError(message: string, error: unknown): void;
}

/** Analyses open documents, one at a time as the scheduler hands them out, and publishes their diagnostics. */
export class Validator {
  private readonly scheduler: Scheduler;

  constructor(private readonly host: ValidatorHost) {
    this.scheduler = new Scheduler((uri) => this.validate(uri), (uri, error) => {
      host.logError(`Analysis of ${uri} failed`, error);
      // Stale findings would describe text that is gone: clear them rather than mislead.
      host.publisher.editor(uri, host.documents.get(uri)?.version, []);
    });
  }

  schedule(uri: string): void {
    this.scheduler.schedule(uri);
  }

  cancel(uri: string): void {
    this.scheduler.cancel(uri);
  }

  revalidateAll(): void {
    for (const document of this.host.documents.all()) this.scheduler.schedule(document.uri);
  }

  private async validate(uri: string): Promise<void> {
    const { publisher, documents, sources, trust } = this.host;
    const document = documents.get(uri);
    if (!document) return;
    const source = sources.sourceOf(document);
    if (!source) {
      if (sources.dropped(uri)) publisher.editor(uri, document.version, []);
      return;
    }
    if (trust.readsAsTrustList(uri)) {
      trust.trustDocumentChecked(uri);
      return;
    }
    const current = await this.host.settings(uri);
    if (documents.get(uri) !== document) return;
    const limit = Math.min(current.maxFileSize, source.maxChars ?? current.maxFileSize);
    if (!current.enable || document.getText().length > limit) {
      if (current.enable) this.host.log(`${displayPath(uri)} is larger than ${limit === current.maxFileSize ? 'ecrGuard.maxFileSize' : `the ${source.label} limit`} (${limit} characters); not analysed.`);
      publisher.editor(uri, document.version, []);
      this.host.analysed(document, { documents: [] }, [], undefined);
      return;
    }
    const loaded = trust.trustFor(uri, current);
    const analysis = sources.analyze(document, { trust: loaded?.parsed?.list, trustFileHint: current.trustList, now: new Date() });
    if (!analysis) return;
    if (analysis.moduleChanged) for (const other of sources.moduleMembers(uri)) if (other !== uri) this.scheduler.schedule(other);
    const findings = analysis.findings;
    const trustDocument = loaded?.text === undefined ? undefined : TextDocument.create(loaded.uri, 'json', 0, loaded.text);
    // Suppressed ones too: the publisher holds them back from the client and keeps them for the SARIF export.
    const diagnostics = findings.map((finding) => toDiagnostic(finding, document, trustDocument));
    publisher.editor(uri, document.version, diagnostics);
    this.host.analysed(document, analysis, findings, loaded);
  }
}
