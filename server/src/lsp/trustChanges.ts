import { Connection, TextDocumentEdit, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { minimalEdit } from '../core/fixes';
import { TrustEditResult } from '../protocol';
import { rangeOf } from './diagnostics';
import { LoadedTrust } from './trustStore';

/** What fixes that save into the trust list answer when none applies to the document. */
export function noTrustList(connection: Connection): TrustEditResult {
  void connection.window.showWarningMessage('ECR Guard: this document is outside every workspace folder, so no trust list applies and nothing was changed. Open its folder, or set ecrGuard.trustList to an absolute path.');
  return { applied: false };
}

/**
 * Saves `after` as the trust list with `others` (the fix's edits to other documents) in one workspace edit.
 * An existing list is edited (in its editor when open, at its version) for review like code. A new one is
 * not created here: LSP creates files empty, with the content only in an unsaved editor, so the client
 * gets the whole file back (newTrustList) and creates it with its content.
 */
export async function applyTrustEdit(connection: Connection, trust: LoadedTrust, documents: TextDocuments<TextDocument>, after: string, label: string, others: TextDocumentEdit[] = []): Promise<TrustEditResult> {
  if (trust.text === undefined) {
    return { applied: false, trustUri: trust.uri, newTrustList: { uri: trust.uri, text: after, ...(others.length > 0 ? { edit: { documentChanges: others } } : {}) } };
  }
  const changes = [...trustChanges(trust, documents, after), ...others];
  const { applied } = await connection.workspace.applyEdit({ label, edit: { documentChanges: changes } });
  return { applied, trustUri: trust.uri };
}

/** The existing trust file edited to `after`: in its editor when open, at its version; none when nothing changes. */
function trustChanges(trust: LoadedTrust, documents: TextDocuments<TextDocument>, after: string): TextDocumentEdit[] {
  const open = documents.get(trust.uri);
  const before = open?.getText() ?? trust.text ?? '';
  const edit = minimalEdit(before, after);
  if (!edit) return [];
  const target = open ?? TextDocument.create(trust.uri, 'json', 0, before);
  return [TextDocumentEdit.create({ uri: trust.uri, version: open ? open.version : null }, [{ range: rangeOf(target, edit.span), newText: edit.newText }])];
}
