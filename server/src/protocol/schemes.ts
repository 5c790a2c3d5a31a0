/**
 * The URI schemes whose documents are analysed: files on disk and unsaved buffers. Others are views of
 * something else (git: a past revision in a diff, data:, output:, vscode-notebook-cell:, ...): findings
 * there cannot be fixed where they are shown and would double the real file's.
 *
 * Remote workspaces (Remote-SSH, WSL, Dev Containers, Codespaces) run this extension and its server on the
 * remote side, where the documents are file: URIs. vscode-remote: URIs reach only extensions running in
 * the local UI, which this one is not, so that scheme is left out; virtual workspaces (vscode-vfs: and the
 * like) are declared unsupported in package.json.
 */
export const ANALYSED_SCHEMES: readonly string[] = ['file', 'untitled'];

export function isAnalysedUri(uri: string): boolean {
  const colon = uri.indexOf(':');
  return colon > 0 && ANALYSED_SCHEMES.includes(uri.slice(0, colon).toLowerCase());
}
