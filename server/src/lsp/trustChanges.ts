import { Connection, CreateFile, TextDocumentEdit, TextDocuments } from 'vscode-languageserver/node';
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

/** The trust file edited to `after` (in its editor when open, at its version), or created with it when there is none yet. */
export function trustChanges(trust: LoadedTrust, documents: TextDocuments<TextDocument>, after: string): (TextDocumentEdit | CreateFile)[] {
  const open = documents.get(trust.uri);
  if (trust.text === undefined) {
    return [CreateFile.create(trust.uri, { overwrite: false }), TextDocumentEdit.create({ uri: trust.uri, version: null }, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: after }])];
  }
  const before = open?.getText() ?? trust.text;
  const edit = minimalEdit(before, after);
  if (!edit) return [];
  const target = open ?? TextDocument.create(trust.uri, 'json', 0, before);
  return [TextDocumentEdit.create({ uri: trust.uri, version: open ? open.version : null }, [{ range: rangeOf(target, edit.span), newText: edit.newText }])];
}
