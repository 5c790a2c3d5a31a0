import { RequestType } from 'vscode-languageserver-protocol';

export type ExportFormat = 'markdown' | 'csv' | 'sarif';

/**
 * Request, client to server: the grants inventory as Markdown or CSV, or every ECR Guard finding (scanned
 * and open files, as their diagnostics stand) as SARIF. The client picks the file and writes it.
 */
export const ExportRequest = new RequestType<ExportParams, ExportResult, void>('ecrGuard/export');

export interface ExportParams {
  format: ExportFormat;
  /** The workspace's name as the editor shows it, for the Markdown report's header. */
  workspaceName?: string;
}

export interface ExportResult {
  text: string;
  /** Grants (Markdown, CSV) or findings (SARIF) in `text`. */
  count: number;
}
