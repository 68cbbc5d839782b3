import { Repeater } from '@repeaterjs/repeater';
import type { ReadAfter } from '../platform/live.js';
import type { EventBus } from './event-bus.js';

/**
 * The records of one alert thread (its acknowledgements, or its sightings), from `startSeq` on, as an async iterator (a Repeater:
 * each read waits until the reader has taken what the last one found). PostgreSQL is the source: on each bus
 * signal for the thread, and every `pollMs` in case a signal was lost, the feed reads what was committed after
 * the last record it passed on (sequence numbers are in commit order, so nothing is skipped). One query per
 * subscriber and read: these subscribers are the issuing side's few liaisons.
 */
export function threadFeed<T extends { deliverySeq: string }>(
  bus: EventBus,
  threadId: string,
  startSeq: bigint,
  read: ReadAfter<T>,
  pollMs: number,
): Repeater<T> {
  return new Repeater<T>(async (push, stop) => {
    const signals = bus.threadActivity(threadId);
    let stopped = false;
    void stop.then(() => (stopped = true));
    // One pending signal read at most, kept across waits.
    let signal: Promise<unknown> | undefined;
    let cursor = startSeq;
    try {
      while (!stopped) {
        const found = await read(cursor);
        for (const record of found) await push(record);
        if (found.length > 0) {
          cursor = BigInt(found.at(-1)!.deliverySeq);
          continue;
        }
        signal ??= signals.next().then(() => (signal = undefined));
        await firstOf(pollMs, signal, stop);
      }
    } finally {
      await signals.return?.();
    }
  });
}

/** Resolves after `ms`, or as soon as one of `wakers` settles. */
function firstOf(ms: number, ...wakers: PromiseLike<unknown>[]): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const wake = () => {
      clearTimeout(timer);
      resolve();
    };
    for (const waker of wakers) waker.then(wake, wake);
  });
}
