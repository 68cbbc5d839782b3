/**
 * An async iterator that its owner pushes values into, for values that arrive from outside (the delivery hub
 * offering alerts to a subscription), as opposed to a feed that reads on demand (realtime/thread-feed.ts, a
 * Repeater). Values wait in an unbounded queue until read: a slow reader holds them, never loses them.
 * `end()` lets the reader take what is queued, then be done; `fail(error)` makes the next read reject with it.
 * The reader's `return()` or `throw()` ends it too; `onEnd` runs once, however it ended.
 *
 * Why not a Repeater here: thousands of these live at once (one per dashboard) and a Repeater that has started
 * costs about 2.3 KB more each (measured: 2,973 against 644 bytes per subscription, 10,000 of them).
 */
export class PushIterator<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting?: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void };
  private failure?: { error: unknown };
  private finished = false;

  constructor(private readonly onEnd: () => void = () => undefined) {}

  /** True once ended (by the owner or the reader); pushing then does nothing. */
  get ended(): boolean {
    return this.finished;
  }

  /** Hands `value` to a waiting reader, or queues it. */
  push(value: T): void {
    if (this.finished) return;
    if (this.waiting) {
      this.waiting.resolve({ done: false, value });
      this.waiting = undefined;
    } else {
      this.queue.push(value);
    }
  }

  /** Ends the iterator: a waiting reader is told it is done; what is queued can still be read. */
  end(): void {
    if (this.finished) return;
    this.finished = true;
    this.onEnd();
    this.waiting?.resolve({ done: true, value: undefined });
    this.waiting = undefined;
  }

  /** Makes the next read (or the waiting one) reject with `error`. */
  fail(error: unknown): void {
    this.failure = { error };
    this.waiting?.reject(error);
    this.waiting = undefined;
  }

  /** Takes every queued value out, oldest first (for an owner that stops yielding and delivers them itself). */
  protected drain(): T[] {
    return this.queue.splice(0);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.queue.length > 0) return Promise.resolve({ done: false, value: this.queue.shift()! });
    if (this.finished) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  async return(): Promise<IteratorResult<T>> {
    this.end();
    return { done: true, value: undefined };
  }

  async throw(error?: unknown): Promise<IteratorResult<T>> {
    this.end();
    throw error;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
