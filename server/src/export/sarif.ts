import { RULE_IDS, RuleId, Severity } from '../core/model';
import { RULE_METADATA } from '../core/rules/metadata';

/**
 * SARIF 2.1.0 (OASIS) for code-scanning services such as GitHub's: one run, the four rules as reporting
 * descriptors, a result per finding. Pure; the CLI and the editor's export build their inputs.
 */

export const SARIF_SCHEMA = 'https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json';

export interface SarifFinding {
  rule: RuleId;
  severity: Severity;
  message: string;
  /** A path relative to `baseUri` (forward slashes), or an absolute URI when there is no base. */
  uri: string;
  /** 1-based; columns count UTF-16 code units, and `endColumn` is the column after the region. */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** Set when a suppression names the result: an active one becomes SARIF's `suppressions`, an expired one a property. */
  suppression?: { kind: 'inSource' | 'external'; reason: string; until?: string; expired: boolean };
  /** Set when the run compared against a baseline (SARIF 2.1.0 §3.27.24): in it (`unchanged`) or not (`new`). */
  baselineState?: 'new' | 'unchanged';
}

export interface SarifOptions {
  toolVersion: string;
  /** The folder relative result URIs are resolved against (a file:// URI ending in /), as %SRCROOT%. */
  baseUri?: string;
  /** Notes about the run (skipped files) shown by SARIF viewers. */
  notifications?: string[];
  /** Files that could not be checked, as error notifications. */
  failures?: string[];
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note' };
// GitHub code scanning ranks security results by this property (0.0 to 10.0).
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', information: '2.0' };

export function buildSarif(findings: readonly SarifFinding[], options: SarifOptions): object {
  const rules = RULE_IDS.map((id) => {
    const info = RULE_METADATA[id];
    return {
      id,
      name: info.sarifName,
      shortDescription: { text: info.summary },
      fullDescription: { text: info.description },
      help: { text: info.description, markdown: `**${id}**: ${info.description}` },
      defaultConfiguration: { level: LEVEL[info.severity] },
      properties: { tags: ['security', 'aws', 'ecr'], 'security-severity': SECURITY_SEVERITY[info.severity], precision: 'very-high' },
    };
  });
  const relative = options.baseUri !== undefined;
  const results = findings.map((finding) => ({
    ruleId: finding.rule,
    ruleIndex: RULE_IDS.indexOf(finding.rule),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [{
      physicalLocation: {
        artifactLocation: relative ? { uri: encodeRelative(finding.uri), uriBaseId: '%SRCROOT%' } : { uri: finding.uri },
        region: { startLine: finding.startLine, startColumn: finding.startColumn, endLine: finding.endLine, endColumn: finding.endColumn },
      },
    }],
    ...suppressionOf(finding),
    ...(finding.baselineState ? { baselineState: finding.baselineState } : {}),
  }));
  const run: Record<string, unknown> = {
    tool: { driver: { name: 'ECR Guard', semanticVersion: options.toolVersion, version: options.toolVersion, rules } },
    columnKind: 'utf16CodeUnits',
    results,
  };
  if (relative) run.originalUriBaseIds = { '%SRCROOT%': { uri: options.baseUri } };
  const failures = options.failures ?? [];
  const notifications = [
    ...failures.map((text) => ({ level: 'error', message: { text } })),
    ...(options.notifications ?? []).map((text) => ({ level: 'note', message: { text } })),
  ];
  // Still a successful execution: GitHub code scanning treats an unsuccessful one as a failed analysis and
  // does not process its results, but the other files were checked and their results must show.
  run.invocations = [{
    executionSuccessful: true,
    ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
  }];
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

/**
 * SARIF 2.1.0 §3.27.23 and §3.35: a result with an accepted suppression is suppressed; viewers such as
 * GitHub code scanning then show it as dismissed, with the justification. An expired one is no
 * suppression: the result counts, and a property says when the suppression ended.
 */
function suppressionOf(finding: SarifFinding): object {
  const suppression = finding.suppression;
  if (!suppression) return {};
  if (suppression.expired) return { properties: { suppressionExpired: suppression.until, suppressionReason: suppression.reason } };
  return {
    suppressions: [{
      kind: suppression.kind,
      status: 'accepted',
      justification: suppression.reason,
      ...(suppression.until ? { properties: { until: suppression.until } } : {}),
    }],
  };
}

/** A relative path as a URI reference: forward slashes, each segment percent-encoded. */
function encodeRelative(path: string): string {
  return path.split(/[\\/]/).map((segment) => encodeURIComponent(segment)).join('/');
}
