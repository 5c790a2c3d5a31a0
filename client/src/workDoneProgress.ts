import { randomUUID } from 'crypto';
import { Progress } from 'vscode';
import { LanguageClient, WorkDoneProgress } from 'vscode-languageclient/node';

/**
 * Sends a request whose work-done progress (reported by the server against the token it is given) moves a
 * `window.withProgress` notification: the server's messages, and its percentage as increments.
 */
export async function withWorkDone<T>(client: LanguageClient, progress: Progress<{ message?: string; increment?: number }>, send: (workDoneToken: string) => Promise<T>): Promise<T> {
  const workDoneToken = randomUUID();
  let percentage = 0;
  const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
    if (value.kind === 'end') return;
    const next = value.percentage ?? percentage;
    progress.report({ message: value.message, increment: Math.max(0, next - percentage) });
    percentage = Math.max(percentage, next);
  });
  try {
    return await send(workDoneToken);
  } finally {
    listener.dispose();
  }
}
