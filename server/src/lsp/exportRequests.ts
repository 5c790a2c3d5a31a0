import * as os from 'os';
import * as path from 'path';
import { Connection, ErrorCodes, ResponseError, WorkspaceFolder } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { InventoryRow, inventoryCsv, inventoryMarkdown } from '../export/inventoryReport';
import { buildSarif, SarifFinding } from '../export/sarif';
import { toolVersion } from '../node/toolVersion';
import { ExportParams, ExportRequest, ExportResult, InventoryGrant, InventoryResult } from '../protocol';
import { folderOf } from './scanFiles';
import { ShownFinding } from './shownFindings';

/** What the exports read, as it stands: the grants inventory, and the findings the client shows. */
export interface ExportSource {
  inventory(): InventoryResult;
  findings(): { uri: string; findings: ShownFinding[] }[];
  /** The last audit of deployed registries: its grants and findings, each named by the resource's ARN. */
  deployed?(): { grants: { arn: string; grants: InventoryGrant[] }[]; findings: SarifFinding[] };
}

/** `ecrGuard/export`: the inventory as Markdown or CSV, the findings as SARIF; the client saves the text. */
export function registerExports(connection: Connection, source: ExportSource, folders: () => readonly WorkspaceFolder[]): void {
  connection.onRequest(ExportRequest, (params) => exportText(params, source, folders(), toolVersion()));
}

export function exportText(params: ExportParams, source: ExportSource, folders: readonly WorkspaceFolder[], version: string, now = new Date()): ExportResult {
  switch (params?.format) {
    case 'sarif': return sarifExport(source.findings(), folders, version, source.deployed?.().findings ?? []);
    case 'csv':
    case 'markdown': return inventoryExport(params, source.inventory(), folders, now, source.deployed?.().grants ?? []);
    default: throw new ResponseError(ErrorCodes.InvalidParams, `Unknown export format: ${String(params?.format)}`);
  }
}

function inventoryExport(
  params: ExportParams, inventory: InventoryResult, folders: readonly WorkspaceFolder[], now: Date, deployed: readonly { arn: string; grants: InventoryGrant[] }[],
): ExportResult {
  const rows = inventory.files.flatMap((file) => {
    const name = relativePath(file.uri, folders);
    return file.grants.map((grant) => inventoryRow(grant, name));
  });
  // Deployed grants are named by ARN; their line and column are in the policy text as AWS returned it.
  for (const resource of deployed) rows.push(...resource.grants.map((grant) => inventoryRow(grant, resource.arn)));
  if (params.format === 'csv') return { text: inventoryCsv(rows), count: rows.length };
  const generated = `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC, workspace ${params.workspaceName ?? ''}${inventory.scanned ? '' : ' (open files only: no workspace scan)'}`;
  const trustLists = inventory.trustLists.map((file) => trustListName(file, folders));
  return { text: inventoryMarkdown(rows, { generated, trustLists }), count: rows.length };
}

/**
 * A trust list as the report names it: relative to its workspace folder, `~/` below the home folder, else
 * its file name alone. A report is shared: it never holds where a reviewer keeps their files.
 */
export function trustListName(file: string, folders: readonly WorkspaceFolder[], home = os.homedir()): string {
  const uri = path.isAbsolute(file) ? URI.file(file).toString() : file;
  if (folderOf(uri, folders)) return relativePath(uri, folders);
  if (home && path.isAbsolute(file) && isInside(file, home)) return `~/${path.relative(home, file).split(path.sep).join('/')}`;
  return path.basename(URI.parse(uri).fsPath || file);
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** A grant as an export row: where it is as 1-based line and column of `file`, instead of its range. */
export function inventoryRow(grant: InventoryGrant, file: string): InventoryRow {
  const fields: Partial<InventoryGrant> = { ...grant };
  delete fields.range;
  delete fields.statementRange;
  delete fields.documentIndex;
  return { ...(fields as Omit<InventoryGrant, 'range' | 'documentIndex'>), file, line: grant.range[0] + 1, column: grant.range[1] + 1 };
}

/**
 * A file's name as VS Code's workspace.asRelativePath gives it, so that exports read as the editor names
 * files: relative to its workspace folder, after the folder's name when there are several; else its path.
 */
export function relativePath(uri: string, folders: readonly WorkspaceFolder[]): string {
  const resource = URI.parse(uri);
  const folder = folderOf(uri, folders);
  if (!folder) return resource.fsPath;
  const relative = path.relative(URI.parse(folder.uri).fsPath, resource.fsPath).split(path.sep).join('/');
  return folders.length > 1 && folder.name ? `${folder.name}/${relative}` : relative;
}

function sarifExport(files: readonly { uri: string; findings: ShownFinding[] }[], folders: readonly WorkspaceFolder[], version: string, deployed: readonly SarifFinding[]): ExportResult {
  const findings = files.flatMap((file) => {
    const uri = URI.parse(file.uri);
    return file.findings.map((finding) => ({ uri, finding }));
  }).sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()) || a.finding.range[0] - b.finding.range[0] || a.finding.range[1] - b.finding.range[1]);
  const folder = folders.length === 1 ? URI.parse(folders[0].uri) : undefined;
  // One folder holding every file: paths relative to it (%SRCROOT%), as code scanning expects; else absolute URIs.
  // Deployed findings are located by ARN, which no folder holds: then every location is absolute.
  const root = folder && deployed.length === 0 && findings.every(({ uri }) => isUnder(uri, folder)) ? folder : undefined;
  const results: SarifFinding[] = findings.map(({ uri, finding: { rule, severity, message, range, suppression } }) => ({
    rule, severity, message, uri: root ? relativeUriPath(uri, root) : uri.toString(),
    startLine: range[0] + 1, startColumn: range[1] + 1, endLine: range[2] + 1, endColumn: range[3] + 1,
    ...(suppression ? { suppression } : {}),
  }));
  results.push(...deployed);
  const sarif = buildSarif(results, { toolVersion: version, ...(root ? { baseUri: `${root.toString().replace(/\/$/, '')}/` } : {}) });
  return { text: `${JSON.stringify(sarif, null, 2)}\n`, count: results.length };
}

function isUnder(uri: URI, folder: URI): boolean {
  return uri.scheme === folder.scheme && uri.authority === folder.authority && uri.path.startsWith(`${folder.path.replace(/\/$/, '')}/`);
}

/** The path below the folder, decoded (URI.path is): buildSarif percent-encodes each segment once. */
function relativeUriPath(uri: URI, folder: URI): string {
  return uri.path.slice(folder.path.replace(/\/$/, '').length + 1);
}
