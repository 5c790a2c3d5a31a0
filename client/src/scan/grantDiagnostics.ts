import { Diagnostic, languages, Position, Range, Uri } from 'vscode';
import { RULE_IDS, RuleId } from '../../../server/src/protocol';
import type { GrantRef } from './inventoryModel';

/** The language server's diagnostics carry this source (server/src/lsp/diagnostics.ts). */
const SOURCE = 'ECR Guard';

export function ruleOf(diagnostic: Diagnostic): string | undefined {
  const code = typeof diagnostic.code === 'object' && diagnostic.code ? diagnostic.code.value : diagnostic.code;
  return code === undefined ? undefined : String(code);
}

function rangeOf(range: readonly [number, number, number, number]): Range {
  return new Range(range[0], range[1], range[2], range[3]);
}

/**
 * The diagnostics of a grant's findings, in rule order: those on its grantee (where untrusted-account,
 * wildcard-principal and the like are reported), and external-write's inside its statement (it is
 * reported on the actions, which every grantee of the statement shares).
 */
export function grantDiagnostics(ref: GrantRef): { rule: RuleId; diagnostic: Diagnostic }[] {
  const { grant } = ref;
  const start = new Position(grant.range[0], grant.range[1]);
  const statement = grant.statementRange ? rangeOf(grant.statementRange) : undefined;
  const found: { rule: RuleId; diagnostic: Diagnostic }[] = [];
  for (const diagnostic of languages.getDiagnostics(Uri.parse(ref.uri))) {
    const rule = ruleOf(diagnostic) as RuleId | undefined;
    if (diagnostic.source !== SOURCE || !rule || !grant.rules.includes(rule)) continue;
    const onGrant = rule === 'external-write' ? !statement || statement.contains(diagnostic.range) : diagnostic.range.start.isEqual(start);
    if (onGrant) found.push({ rule, diagnostic });
  }
  return found.sort((a, b) => RULE_IDS.indexOf(a.rule) - RULE_IDS.indexOf(b.rule) || a.diagnostic.range.start.compareTo(b.diagnostic.range.start));
}
