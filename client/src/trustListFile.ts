import { Uri, window, workspace, WorkspaceEdit } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { NewTrustList } from '../../server/src/protocol';

/**
 * Creates a trust list with its content, together with the rest of a fix's edit, as one workspace edit:
 * the file never exists on disk empty or half-written, and nothing of it waits in an unsaved editor.
 */
export async function createTrustList(client: LanguageClient | undefined, created: NewTrustList): Promise<boolean> {
  const edit = created.edit && client ? await client.protocol2CodeConverter.asWorkspaceEdit(created.edit) : new WorkspaceEdit();
  if (created.edit && !client) return false;
  edit.createFile(Uri.parse(created.uri), { overwrite: false, contents: new TextEncoder().encode(created.text) }, { label: 'Create the ECR Guard trust list', needsConfirmation: false });
  return workspace.applyEdit(edit);
}

/** Shows the trust list beside the work, without taking the focus from it. */
export async function revealTrustList(uri: string, preserveFocus = true): Promise<void> {
  await window.showTextDocument(Uri.parse(uri), { preview: false, preserveFocus });
}
