/**
 * Runs a job per key as soon as the event loop is free, coalescing repeated requests: a burst of edits
 * already queued is analysed once, at its newest version, without a fixed debounce delay. One batch runs
 * at a time; keys scheduled meanwhile form the next.
 */
export class Scheduler {
  private readonly pending = new Set<string>();
  private scheduled = false;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly job: (key: string) => Promise<void>, private readonly onError: (key: string, error: unknown) => void) {}

  schedule(key: string): void {
    this.pending.add(key);
    if (this.scheduled) return;
    this.scheduled = true;
    this.running = this.running.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(() => this.flush());
  }

  cancel(key: string): void {
    this.pending.delete(key);
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const keys = [...this.pending];
    this.pending.clear();
    for (const key of keys) {
      try {
        await this.job(key);
      } catch (error) {
        this.onError(key, error);
      }
    }
  }
}
