import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { EventBus } from '../../src/realtime/event-bus.js';
import { threadFeed } from '../../src/realtime/thread-feed.js';

const THREAD = 't0000000-0000-4000-8000-000000000001';

/** A fake store of records of one thread, read by sequence number as the feed reads the database. */
function store() {
  const records: { deliverySeq: string }[] = [];
  const reads: bigint[] = [];
  return {
    reads,
    add: (seq: number) => records.push({ deliverySeq: String(seq) }),
    read: async (after: bigint) => {
      reads.push(after);
      return records.filter((r) => BigInt(r.deliverySeq) > after);
    },
  };
}

describe('thread feed', () => {
  it('passes on what was committed after the start, then what a signal announces, in order and once each', async () => {
    const bus = EventBus.create(createLogger('silent'));
    const db = store();
    db.add(4);
    db.add(6);
    const feed = threadFeed(bus, THREAD, 5n, db.read, 60_000);
    expect(await feed.next()).toEqual({ done: false, value: { deliverySeq: '6' } });
    const next = feed.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    db.add(7);
    bus.acknowledged(THREAD, 'a7');
    expect(await next).toEqual({ done: false, value: { deliverySeq: '7' } });
    expect(db.reads.slice(0, 2)).toEqual([5n, 6n]);
    await feed.return();
  });

  it('finds what a lost signal would have announced at the next poll', async () => {
    const bus = EventBus.create(createLogger('silent'));
    const db = store();
    const feed = threadFeed(bus, THREAD, 0n, db.read, 50);
    const next = feed.next();
    db.add(1);
    expect(await next).toEqual({ done: false, value: { deliverySeq: '1' } });
    await feed.return();
  });

  it('stops reading once the reader returns', async () => {
    const bus = EventBus.create(createLogger('silent'));
    const db = store();
    const feed = threadFeed(bus, THREAD, 0n, db.read, 20);
    const pending = feed.next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await feed.return();
    expect(await pending).toEqual({ done: true, value: undefined });
    const readsAtReturn = db.reads.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(db.reads.length).toBe(readsAtReturn);
  });
});
