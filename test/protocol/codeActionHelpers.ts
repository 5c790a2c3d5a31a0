import * as assert from 'assert';
import * as fs from 'fs';
import { URI } from 'vscode-uri';
import {
  ApplyWorkspaceEditParams, ApplyWorkspaceEditResult, CodeAction, CodeActionParams, Command, CreateFile, Diagnostic, Range, TextDocumentEdit, TextEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { NewTrustList } from '../../server/src/protocol';
import { LspClient, PlainDiagnostic, Published } from './lspClient';

/** What the quick-fix tests share: a client side of workspace/applyEdit, and code action requests. */

/** Answers the server's workspace/applyEdit as VS Code does, and records every request. */
export class EditApplier {
  readonly requests: ApplyWorkspaceEditParams[] = [];

  constructor(private readonly client: LspClient) {
    client.connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => this.apply(params));
  }

  private isOpen(uri: string): boolean {
    try {
      this.client.text(uri);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * What the VS Code client does with a TrustEditResult's newTrustList: one workspace edit that creates the
   * file with its whole text (never empty on disk) and applies the fix's other edits.
   */
  createTrustList(created: NewTrustList): ApplyWorkspaceEditResult {
    const file = URI.parse(created.uri).fsPath;
    if (fs.existsSync(file)) return { applied: false, failureReason: `${created.uri} exists` };
    if (created.edit) {
      const result = this.apply({ edit: created.edit });
      if (!result.applied) return result;
    }
    fs.writeFileSync(file, created.text);
    this.client.notifyWatchedFiles([{ uri: created.uri, type: 1 }]);
    return { applied: true };
  }

  apply(params: ApplyWorkspaceEditParams): ApplyWorkspaceEditResult {
    this.requests.push(params);
    const changes = params.edit.documentChanges ?? [];
    // All or nothing, like VS Code: a document whose version moved on rejects the whole edit.
    for (const change of changes) {
      if (!TextDocumentEdit.is(change) || change.textDocument.version === null) continue;
      if (!this.isOpen(change.textDocument.uri) || this.client.version(change.textDocument.uri) !== change.textDocument.version) {
        return { applied: false, failureReason: `version ${change.textDocument.version} of ${change.textDocument.uri} is stale` };
      }
    }
    const watched: { uri: string; type: 1 | 2 | 3 }[] = [];
    for (const change of changes) {
      if (CreateFile.is(change)) {
        const file = URI.parse(change.uri).fsPath;
        if (!fs.existsSync(file)) {
          fs.writeFileSync(file, '');
          watched.push({ uri: change.uri, type: 1 });
        } else if (!change.options?.ignoreIfExists && !change.options?.overwrite) {
          return { applied: false, failureReason: `${change.uri} exists` };
        }
      } else if (TextDocumentEdit.is(change)) {
        const uri = change.textDocument.uri;
        const edits = change.edits as TextEdit[];
        if (this.isOpen(uri)) {
          // contentChanges apply one after the other: the last range first keeps the others valid.
          const ordered = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
          this.client.changeOnly(uri, ordered.map((edit) => ({ range: edit.range, text: edit.newText })));
        } else {
          const file = URI.parse(uri).fsPath;
          const before = fs.readFileSync(file, 'utf8');
          fs.writeFileSync(file, TextDocument.applyEdits(TextDocument.create(uri, 'json', 0, before), edits));
          if (!watched.some((entry) => entry.uri === uri)) watched.push({ uri, type: 2 });
        }
      } else {
        return { applied: false, failureReason: `unsupported change ${JSON.stringify(change)}` };
      }
    }
    if (watched.length > 0) this.client.notifyWatchedFiles(watched);
    return { applied: true };
  }
}

export function codeActions(client: LspClient, uri: string, range: Range, diagnostics: PlainDiagnostic[], only?: string[]): Promise<(CodeAction | Command)[]> {
  const params: CodeActionParams = { textDocument: { uri }, range, context: { diagnostics: diagnostics as Diagnostic[], ...(only ? { only } : {}), triggerKind: 1 } };
  return client.withTimeout(client.connection.sendRequest<(CodeAction | Command)[] | null>('textDocument/codeAction', params).then((result) => result ?? []), `code actions for ${uri}`);
}

export function asActions(result: (CodeAction | Command)[]): CodeAction[] {
  for (const item of result) assert.ok(CodeAction.is(item), `a bare Command instead of a CodeAction: ${JSON.stringify(item)}`);
  return result as CodeAction[];
}

export function wholeDocument(text: string): Range {
  const document = TextDocument.create('untitled:x', 'json', 0, text);
  return { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
}

/** Applies a code action's workspace edit to the open document as the editor would, and waits for the diagnostics of the new version. */
export async function applyAction(client: LspClient, uri: string, action: CodeAction): Promise<Published> {
  const changes = action.edit?.documentChanges ?? [];
  assert.strictEqual(changes.length, 1, `one document edit: ${JSON.stringify(action.edit)}`);
  const [change] = changes;
  assert.ok(TextDocumentEdit.is(change));
  assert.strictEqual(change.textDocument.uri, uri);
  assert.strictEqual(change.textDocument.version, client.version(uri), 'the edit is for the version the client holds');
  const ordered = [...(change.edits as TextEdit[])].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  return client.change(uri, ordered.map((edit) => ({ range: edit.range, text: edit.newText })));
}

export function codes(diagnostics: PlainDiagnostic[]): string[] {
  return diagnostics.map((diagnostic) => String(diagnostic.code)).sort();
}

export function executeCommand<T>(client: LspClient, command: string, args: unknown): Promise<T> {
  return client.withTimeout(client.connection.sendRequest<T>('workspace/executeCommand', { command, arguments: [args] }), `workspace/executeCommand ${command}`);
}
