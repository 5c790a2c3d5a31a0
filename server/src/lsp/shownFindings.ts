import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { RULE_IDS, RuleId, Severity } from '../core/model';
import { DiagnosticSuppression, SOURCE } from './diagnostics';

/**
 * A finding as the client shows it (its diagnostic), kept compact for the SARIF export: what the Problems
 * panel holds, with the zero-based range as [startLine, startCharacter, endLine, endCharacter].
 */
export interface ShownFinding {
  rule: RuleId;
  severity: Severity;
  message: string;
  range: [number, number, number, number];
  /** Set when a suppression names it (an active one keeps it out of the Problems panel, not out of SARIF). */
  suppression?: DiagnosticSuppression;
}

const SEVERITY: Partial<Record<DiagnosticSeverity, Severity>> = {
  [DiagnosticSeverity.Error]: 'error', [DiagnosticSeverity.Warning]: 'warning', [DiagnosticSeverity.Information]: 'information',
};

/** The rule findings among published diagnostics (not a trust list's problems, nor a message that a file was skipped). */
export function shownFindings(diagnostics: readonly Diagnostic[]): ShownFinding[] {
  const shown: ShownFinding[] = [];
  for (const { source, code, severity, message, range, data } of diagnostics) {
    const level = severity === undefined ? undefined : SEVERITY[severity];
    if (source !== SOURCE || !level || !RULE_IDS.includes(code as RuleId)) continue;
    const suppression = (data as { suppression?: DiagnosticSuppression } | undefined)?.suppression;
    shown.push({
      rule: code as RuleId, severity: level, message: typeof message === 'string' ? message : message.value,
      range: [range.start.line, range.start.character, range.end.line, range.end.character], ...(suppression ? { suppression } : {}),
    });
  }
  return shown;
}
