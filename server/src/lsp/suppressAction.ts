import { CodeAction, CodeActionKind, Connection, Diagnostic, TextDocumentEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { addSuppression, applyEdits, TextEditSpan } from '../core/fixes';
import { Finding, RULE_IDS, RuleId } from '../core/model';
import { relativeToFolderOf } from '../core/relativeName';
import { hasExpired, parseTrustList } from '../core/trust';
import { trustSuppressionFor } from '../core/trustSuppressions';
import { SuppressionAnswer, suppressionCommentEdit, SuppressionPlace, suppressionPlace } from '../core/suppressions/placement';
import { CLIENT_COMMANDS, SuppressFindingArguments, suppressionReasonProblem, suppressionUntilProblem, TrustEditResult } from '../protocol';
import type { CodeActionHost, FixContext } from './codeActions';
import { rangeOf } from './diagnostics';
import { applyTrustEdit, noTrustList } from './trustChanges';
import { displayPath } from './trustStore';

/**
 * "Suppress RULE for this statement...": offered on every finding but a broken suppression itself, never
 * preferred (fix-all must never accept a finding). It asks first (the client's command): a suppression
 * without a reason is no suppression.
 */
export function suppressAction(document: TextDocument, diagnostic: Diagnostic, finding: Finding, context: FixContext, host: CodeActionHost): CodeAction | undefined {
  if (finding.rule === 'invalid-suppression') return undefined;
  const place = suppressionPlace(finding, context.source.documents, context.source.text, host.suppressionComments(document.uri)?.opener);
  const title = titleOf(finding, place);
  const sid = finding.data.sid;
  const args: SuppressFindingArguments = { uri: document.uri, rule: finding.rule, position: diagnostic.range.start, ...(sid !== undefined ? { sid } : {}) };
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: false, command: { title, command: CLIENT_COMMANDS.suppressFinding, arguments: [args] } };
}

/** Where it is written shows in the title: a trust-list entry without a Sid covers every statement of the file. */
function titleOf(finding: Finding, place: SuppressionPlace): string {
  if (place.kind === 'trust') return place.sid !== undefined ? `Suppress ${finding.rule} for statement ${place.sid} (trust list)...` : `Suppress ${finding.rule} in this file (trust list)...`;
  return `Suppress ${finding.rule} for this ${finding.data.documentIndex === -1 ? 'replication destination' : 'statement'}...`;
}

/**
 * The server command: re-analyses the document, finds the finding again and writes its suppression in one
 * workspace edit. A comment is written only once a re-analysis of the edited text shows it suppresses the
 * finding (a shape the placement did not foresee goes to the trust list instead).
 */
export async function applySuppression(connection: Connection, args: SuppressFindingArguments, host: CodeActionHost): Promise<TrustEditResult> {
  const answer = answerOf(connection, args);
  const document = answer && host.documents.get(args.uri);
  if (!answer || !document) return { applied: false };
  try {
    const analyze = await host.analyzer(document.uri);
    const text = document.getText();
    const context = analyze?.(text);
    const offset = document.offsetAt(args.position);
    const finding = context?.findings.find((candidate) => candidate.rule === answer.rule && candidate.span.offset === offset);
    if (!analyze || !context || !finding) {
      void connection.window.showWarningMessage('ECR Guard: the statement changed since the suppression was offered; nothing was changed.');
      return { applied: false };
    }
    const syntax = host.suppressionComments(document.uri);
    if (syntax && suppressionPlace(finding, context.source.documents, text, syntax.opener).kind === 'comment') {
      const edit = suppressionCommentEdit(text, finding, syntax.comments(text), syntax.opener, answer);
      if (suppressesOnly(analyze(applyEdits(text, [edit]))?.findings, context.findings, finding, edit)) {
        return { applied: (await connection.workspace.applyEdit({ label: `Suppress ${answer.rule}`, edit: { documentChanges: [documentEdit(document, edit)] } })).applied };
      }
    }
    return suppressInTrustList(connection, host, document, answer, finding.data.sid);
  } finally {
    host.fixesDone();
  }
}

/**
 * Whether the edited text's findings are the old ones less the finding and its statement's other findings
 * of the rule (a dynamic block's instances): a comment that took more, or missed it, is not written.
 */
function suppressesOnly(after: readonly Finding[] | undefined, before: readonly Finding[], finding: Finding, edit: TextEditSpan): boolean {
  if (!after) return false;
  const statement = finding.data.statementSpan;
  const shared = before.filter((candidate) => candidate.rule === finding.rule && candidate.data.statementSpan.offset === statement.offset && candidate.data.statementSpan.length === statement.length);
  const delta = edit.newText.length - edit.span.length;
  return after.length === before.length - shared.length && !after.some((candidate) => candidate.rule === finding.rule && candidate.span.offset === finding.span.offset + delta);
}

async function suppressInTrustList(connection: Connection, host: CodeActionHost, document: TextDocument, answer: SuppressionAnswer, sid: string | undefined): Promise<TrustEditResult> {
  const trust = await host.trustFor(document.uri);
  if (!trust) return noTrustList(connection);
  const relative = relativeToFolderOf(trust.uri, document.uri);
  if (!relative) {
    void connection.window.showWarningMessage(`ECR Guard: the document is not inside the trust list's folder (${trust.uri}), so no suppression there can name it; nothing was changed.`);
    return { applied: false };
  }
  const entry = { file: relative.path, ...(sid !== undefined ? { sid } : {}), ...answer };
  // The first entry that matches counts: one that matches first and has expired takes the new one's place.
  const after = [addSuppression(trust.text, entry), addSuppression(trust.text, entry, true)].find((text) => effective(text, trust.uri, document.uri, answer, sid));
  if (after === undefined) {
    void connection.window.showWarningMessage('ECR Guard: an entry in the trust list would not suppress this finding (see the list\'s problems); nothing was changed.');
    return { applied: false };
  }
  return applyTrustEdit(connection, trust, host.documents, after, `Suppress ${answer.rule} in the trust list`);
}

/** Whether the trust list `text` suppresses the finding with the entry just written, now. */
function effective(text: string, trustUri: string, documentUri: string, answer: SuppressionAnswer, sid: string | undefined): boolean {
  const found = trustSuppressionFor(parseTrustList(text, displayPath(trustUri)).list, documentUri, answer.rule, sid);
  return found !== undefined && found.reason === answer.reason && found.until === answer.until && !hasExpired(found.until, new Date());
}

/** The answers, checked as the client checks them: callers may pass them without asking. */
function answerOf(connection: Connection, args: SuppressFindingArguments | undefined): SuppressionAnswer | undefined {
  if (!args || typeof args.uri !== 'string' || !args.position) return undefined;
  if (!(RULE_IDS as readonly string[]).includes(args.rule) || args.rule === 'invalid-suppression') return undefined;
  const reason = typeof args.reason === 'string' ? args.reason : '';
  const until = typeof args.until === 'string' ? args.until.trim() : '';
  const problem = suppressionReasonProblem(reason) ?? suppressionUntilProblem(until, new Date());
  if (problem) {
    void connection.window.showErrorMessage(`ECR Guard: ${problem} Nothing was changed.`);
    return undefined;
  }
  return { rule: args.rule as RuleId, reason: reason.trim(), ...(until ? { until } : {}) };
}

function documentEdit(document: TextDocument, edit: TextEditSpan): TextDocumentEdit {
  return TextDocumentEdit.create({ uri: document.uri, version: document.version }, [{ range: rangeOf(document, edit.span), newText: edit.newText }]);
}
