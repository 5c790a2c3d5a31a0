import * as path from 'path';
import { pathToFileURL } from 'url';
import { Finding } from '../core/model';
import { lineStarts, positionOf } from '../core/text';
import { buildSarif, SarifFinding } from '../export/sarif';
import { reportedSuppression } from './report';
import { toolVersion } from '../node/toolVersion';

/** Findings of one file as SARIF results: paths relative to the current directory, regions where the editor puts them. */
export function sarifFindings(file: string, text: string, findings: readonly Finding[], starts: readonly number[] = lineStarts(text)): SarifFinding[] {
  return findings.map((finding) => {
    const start = positionOf(text, starts, finding.span.offset);
    const end = positionOf(text, starts, finding.span.offset + finding.span.length);
    return {
      rule: finding.rule, severity: finding.severity, message: finding.message, uri: file.split(path.sep).join('/'),
      startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column,
      ...(finding.suppression ? { suppression: reportedSuppression(finding.suppression) } : {}),
    };
  });
}

/** The SARIF log of a run, relative URIs resolved against the current directory; `failures` name files that could not be checked. */
export function sarifLog(findings: readonly SarifFinding[], notes: readonly string[], failures: readonly string[] = []): string {
  const baseUri = pathToFileURL(process.cwd().endsWith(path.sep) ? process.cwd() : `${process.cwd()}${path.sep}`).href;
  return JSON.stringify(buildSarif(findings, { toolVersion: toolVersion(), baseUri, notifications: [...notes], failures: [...failures] }), null, 2);
}
