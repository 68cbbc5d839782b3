import type { Acknowledgement } from '../modules/alert/acknowledgement.entity.js';
import type { EventBus } from './event-bus.js';

/** Reads the acknowledgements after a delivery sequence number, as far as the subscriber may see them. */
export type AcknowledgementReader = (afterSeq: bigint) => Promise<Acknowledgement[]>;

/**
 * The acknowledgements of one alert thread, from `startSeq` on, as an async iterator. PostgreSQL is the
 * source: on each bus signal for the thread, and every `pollMs` in case a signal was lost, the feed reads what
 * was committed after the last one it passed on (sequence numbers are in commit order, so nothing is skipped).
 * One query per subscriber and read: these subscribers are the issuing side's few liaisons.
 */
export function acknowledgementFeed(
  bus: EventBus,
  threadId: string,
  startSeq: bigint,
  read: AcknowledgementReader,
  pollMs: number,
): AsyncIterableIterator<Acknowledgement> {
  const signals = bus.acknowledgements(threadId);
  let cursor = startSeq;
  let ended = false;
  let signal: Promise<unknown> | undefined;
  let stopWaiting: (() => void) | undefined;
  const ready: Acknowledgement[] = [];

  /** Waits for a signal or the poll, whichever first (keeping one pending signal read at most). */
  const wait = () =>
    new Promise<void>((resolve) => {
      signal ??= signals.next().then(() => (signal = undefined));
      const timer = setTimeout(resolve, pollMs);
      stopWaiting = () => {
        clearTimeout(timer);
        resolve();
      };
      void signal.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });

  return {
    async next() {
      while (!ended && ready.length === 0) {
        const found = await read(cursor);
        if (found.length > 0) {
          ready.push(...found);
          cursor = BigInt(found.at(-1)!.deliverySeq);
        } else {
          await wait();
        }
      }
      const value = ready.shift();
      return value ? { done: false, value } : { done: true, value: undefined };
    },
    async return() {
      ended = true;
      stopWaiting?.();
      await signals.return?.();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      ended = true;
      stopWaiting?.();
      await signals.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
