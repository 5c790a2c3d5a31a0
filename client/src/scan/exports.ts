import { Diagnostic, DiagnosticSeverity, languages, Uri, window, workspace } from 'vscode';
import { RULE_IDS, RuleId, Severity } from '../../../server/src/core/model';
import { inventoryCsv, inventoryMarkdown } from '../../../server/src/export/inventoryReport';
import { buildSarif, SarifFinding } from '../../../server/src/export/sarif';
import { InventoryModel } from './inventoryModel';
import { relativePath } from './inventoryView';

export type ExportFormat = 'markdown' | 'csv' | 'sarif';

const EXTENSION: Record<ExportFormat, string> = { markdown: 'md', csv: 'csv', sarif: 'sarif' };
const FILTERS: Record<ExportFormat, Record<string, string[]>> = {
  markdown: { Markdown: ['md'] },
  csv: { CSV: ['csv'] },
  sarif: { SARIF: ['sarif', 'json'] },
};

/** The text of an export: the inventory as Markdown or CSV, or every ECR Guard finding as SARIF. */
export function exportText(format: ExportFormat, model: InventoryModel, toolVersion: string): { text: string; count: number; what: string } {
  if (format === 'sarif') {
    const findings = sarifFindings();
    const folders = workspace.workspaceFolders ?? [];
    // One folder holding every file: paths relative to it (%SRCROOT%), as code scanning expects; else absolute URIs.
    const root = folders.length === 1 && findings.every(({ uri }) => isUnder(uri, folders[0].uri)) ? folders[0].uri : undefined;
    const results = findings.map(({ uri, finding }) => ({ ...finding, uri: root ? relativeUriPath(uri, root) : uri.toString() }));
    const sarif = buildSarif(results, { toolVersion, ...(root ? { baseUri: `${root.toString().replace(/\/$/, '')}/` } : {}) });
    return { text: `${JSON.stringify(sarif, null, 2)}\n`, count: results.length, what: `finding${results.length === 1 ? '' : 's'}` };
  }
  const rows = model.rows(relativePath);
  const generated = `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, workspace ${workspace.name ?? ''}${model.scanned ? '' : ' (open files only: no workspace scan)'}`;
  const text = format === 'csv' ? inventoryCsv(rows) : inventoryMarkdown(rows, { generated, trustLists: model.trustLists });
  return { text, count: rows.length, what: `grant${rows.length === 1 ? '' : 's'}` };
}

/** ECR Guard's findings from the Problems panel: every scanned file and every open one, as they stand now. */
function sarifFindings(): { uri: Uri; finding: Omit<SarifFinding, 'uri'> }[] {
  const severity: Partial<Record<DiagnosticSeverity, Severity>> = {
    [DiagnosticSeverity.Error]: 'error', [DiagnosticSeverity.Warning]: 'warning', [DiagnosticSeverity.Information]: 'information',
  };
  const results: { uri: Uri; finding: Omit<SarifFinding, 'uri'> }[] = [];
  for (const [uri, diagnostics] of languages.getDiagnostics()) {
    for (const diagnostic of diagnostics) {
      const rule = ruleOf(diagnostic);
      const level = severity[diagnostic.severity];
      if (diagnostic.source !== 'ECR Guard' || !rule || !level) continue;
      const { start, end } = diagnostic.range;
      results.push({ uri, finding: { rule, severity: level, message: diagnostic.message, startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 } });
    }
  }
  return results.sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()) || a.finding.startLine - b.finding.startLine || a.finding.startColumn - b.finding.startColumn);
}

function ruleOf(diagnostic: Diagnostic): RuleId | undefined {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return (RULE_IDS as readonly (string | number | undefined)[]).includes(code) ? code as RuleId : undefined;
}

function isUnder(uri: Uri, folder: Uri): boolean {
  return uri.scheme === folder.scheme && uri.authority === folder.authority && uri.path.startsWith(`${folder.path.replace(/\/$/, '')}/`);
}

function relativeUriPath(uri: Uri, folder: Uri): string {
  return decodeURIComponent(uri.path.slice(folder.path.replace(/\/$/, '').length + 1));
}

/** Where to write: the given target, else a save dialog in the first workspace folder. */
export async function exportTarget(format: ExportFormat, target: Uri | undefined): Promise<Uri | undefined> {
  if (target) return target;
  const folder = workspace.workspaceFolders?.[0]?.uri;
  const name = `${format === 'sarif' ? 'ecr-guard' : 'ecr-grants'}-${new Date().toISOString().slice(0, 10)}.${EXTENSION[format]}`;
  return window.showSaveDialog({ defaultUri: folder ? Uri.joinPath(folder, name) : undefined, filters: FILTERS[format], saveLabel: 'Export' });
}
