/**
 * At most `size` calls in flight at once, across every region of an audit: the account's API rate limits are
 * shared by all its callers, so one limit for the whole audit keeps it a polite client.
 */
export class CallLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`a call limit is a whole number of 1 or more, not ${size}`);
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await call();
    } finally {
      // The slot passes straight to the next waiter, so `active` never drops below what is really running.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
