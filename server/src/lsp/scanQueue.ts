import { CancellationTokenSource } from 'vscode-languageserver/node';

/**
 * The scan's own job queue, beside the editor's Scheduler: scans, clearing and background re-checks run
 * one at a time, each over the state the one before left. A new scan or a clear cancels the job running.
 */
export class ScanJobQueue {
  private queue: Promise<unknown> = Promise.resolve();
  private running?: CancellationTokenSource;

  cancelRunning(): void {
    this.running?.cancel();
  }

  /** Runs jobs one at a time; a job may be cancelled through its source while it waits or runs. */
  enqueue<T>(source: CancellationTokenSource, job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      this.running = source;
      try {
        return await job();
      } finally {
        if (this.running === source) this.running = undefined;
        source.dispose();
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
