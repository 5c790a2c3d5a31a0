import { Connection, Hover, MarkupKind, TextDocumentPositionParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt } from '../core/hover';
import { isSuppressed, Severity } from '../core/model';
import { fileGrants } from '../core/replicationGrants';
import { TrustList } from '../core/trust';
import { SarifFinding } from '../export/sarif';
import {
  DeployedDocumentResult, DeployedFinding, DeployedInventory, DeployedInventoryResource, deployedUri, deployedView, InventoryGrant,
} from '../protocol';
import { replicationHoverAt } from '../core/replicationHover';
import type { AuditReport, DeployedResult } from '../audit/runAudit';
import { rangeOf, toDiagnostic } from './diagnostics';
import { scanDocument, toInventoryGrants } from './scanDocuments';
import { driftNote } from '../core/drift/compare';
import { reportedSuppression } from '../cli/report';

/** The two sides of a drifted policy's diff, in canonical form (core/drift), and the file that defines it. */
export interface DriftSides {
  file: string;
  workspace: string;
  deployed: string;
}

interface Entry {
  result: DeployedResult;
  document: TextDocument;
  resource: DeployedInventoryResource;
  drift?: DriftSides;
}

export interface AuditContext {
  trust?: TrustList;
  now: Date;
  /** Whether the audit compared the policies with the workspace. */
  drift: boolean;
  /** A workspace file as the editor names it (relative to its folder). */
  displayFile?(file: string): string;
}

const EMPTY: DeployedInventory = { audited: false, regions: [], accounts: [], repositoriesScanned: 0, resources: [], errors: [], drift: false };
const RANK: Record<Severity, number> = { information: 1, warning: 2, error: 3 };

/**
 * The last audit of deployed registries as the editor shows it: one read-only virtual document per
 * resource (its text as AWS returned it), its findings published as diagnostics on that document, its
 * grants in the inventory, hovers as for files. A new audit replaces the last one whole.
 */
export class DeployedResults {
  private entries = new Map<string, Entry>();
  private current: DeployedInventory = EMPTY;
  private trust?: TrustList;
  private now = new Date();

  constructor(private readonly connection: Connection) {}

  inventory(): DeployedInventory {
    return this.current;
  }

  replace(report: AuditReport, context: AuditContext): DeployedInventory {
    const previous = this.entries;
    this.entries = new Map();
    this.trust = context.trust;
    this.now = context.now;
    for (const result of report.results) {
      const uri = deployedUri(result.resource);
      const document = scanDocument(uri, 'json', result.resource.text);
      const entry: Entry = { result, document, resource: this.inventoryResource(uri, result, document) };
      entry.drift = driftSides(result, context);
      if (entry.drift) entry.resource.definedIn = entry.drift.file;
      const note = result.drift ? driftNote(result.drift) : undefined;
      if (note) entry.resource.notCompared = note;
      this.entries.set(uri, entry);
    }
    for (const uri of previous.keys()) if (!this.entries.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const [uri, entry] of this.entries) {
      const diagnostics = entry.result.result.findings.filter((finding) => !isSuppressed(finding)).map((finding) => toDiagnostic(finding, entry.document, undefined));
      if (diagnostics.length > 0 || previous.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics });
    }
    this.current = {
      audited: true, finishedAt: context.now.toISOString(), regions: report.regions, accounts: report.accounts, repositoriesScanned: report.repositoriesScanned,
      resources: [...this.entries.values()].map((entry) => entry.resource), errors: report.errors, drift: context.drift,
    };
    return this.current;
  }

  /** The text of a virtual document: the deployed text, or a side of its drift diff. */
  document(uri: string): DeployedDocumentResult | null {
    const { uri: base, view } = deployedView(uri);
    const entry = this.entries.get(base);
    if (!entry) return null;
    if (view === 'deployed') return { text: entry.result.resource.text };
    if (!entry.drift) return null;
    return view === 'workspace' ? { text: entry.drift.workspace, file: entry.drift.file } : { text: entry.drift.deployed, file: entry.drift.file };
  }

  hover(params: TextDocumentPositionParams): Hover | null {
    const entry = this.entries.get(params.textDocument.uri);
    if (!entry) return null;
    const offset = entry.document.offsetAt(params.position);
    const options = { trust: this.trust, now: this.now };
    const { documents, replications } = entry.result.result;
    const result = hoverAt(documents, offset, options) ?? replicationHoverAt(replications, offset, options);
    return result ? { contents: { kind: MarkupKind.Markdown, value: result.contents }, range: rangeOf(entry.document, result.span) } : null;
  }

  /** Every finding of the audit, the ARN as the artifact (SARIF export). */
  sarifFindings(): SarifFinding[] {
    return [...this.entries.values()].flatMap((entry) => entry.result.result.findings.map((finding) => {
      const range = rangeOf(entry.document, finding.span);
      const suppression = finding.suppression ? reportedSuppression(finding.suppression) : undefined;
      return {
        rule: finding.rule, severity: finding.severity, message: finding.message, uri: entry.result.resource.arn,
        startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1,
        ...(suppression ? { suppression } : {}),
      };
    }));
  }

  /** The grants of every deployed resource, each with the ARN it is in (Markdown and CSV exports). */
  grants(): { arn: string; grants: InventoryGrant[] }[] {
    return [...this.entries.values()].filter((entry) => entry.resource.grants.length > 0).map((entry) => ({ arn: entry.resource.arn, grants: entry.resource.grants }));
  }

  private inventoryResource(uri: string, { resource, result }: DeployedResult, document: TextDocument): DeployedInventoryResource {
    const grants = toInventoryGrants(document, fileGrants(result, result.findings, { trust: this.trust, now: this.now }));
    const findings: DeployedFinding[] = result.findings.map((finding) => {
      const range = rangeOf(document, finding.span);
      return {
        rule: finding.rule, severity: finding.severity, message: finding.message,
        range: [range.start.line, range.start.character, range.end.line, range.end.character], ...(isSuppressed(finding) ? { suppressed: true } : {}),
      };
    });
    let severity: Severity | undefined;
    for (const finding of findings) if (!finding.suppressed && (!severity || RANK[finding.severity] > RANK[severity])) severity = finding.severity;
    return {
      uri, arn: resource.arn, kind: resource.kind, account: resource.account, region: resource.region, ...(resource.repository ? { repository: resource.repository } : {}),
      grants, findings, ...(severity ? { severity } : {}),
    };
  }
}

function driftSides({ drift }: DeployedResult, context: AuditContext): DriftSides | undefined {
  if (drift?.status !== 'drift' || !drift.definition || drift.workspaceText === undefined || drift.deployedText === undefined) return undefined;
  const file = context.displayFile ? context.displayFile(drift.definition.file) : drift.definition.file;
  return { file, workspace: drift.workspaceText, deployed: drift.deployedText };
}
