import { performance } from 'perf_hooks';

/** Work between two yields to the event loop: hovers and edits wait at most about this long, plus one file. */
const SLICE_MS = 8;

/**
 * Long scan work runs on the server's event loop in slices of a few milliseconds, yielding between them,
 * so that hovers and edits are answered while it runs.
 */
export class TimeSlices {
  private sliceStart = performance.now();

  /** Yields to the event loop once the current slice is used up; `now` spares a second clock read. */
  async yieldIfDue(now = performance.now()): Promise<void> {
    if (now - this.sliceStart <= SLICE_MS) return;
    await yieldToEventLoop();
    this.sliceStart = performance.now();
  }
}

/**
 * Lets the event loop read and answer waiting messages. Two turns: the connection queues an incoming request
 * with setImmediate while reading it, so the scan resumes only after that callback has run.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
