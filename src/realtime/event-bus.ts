import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

/** Signal that alert `alertId`, with delivery sequence `deliverySeq`, reached a branch. Ids only: the database holds the alert. */
export interface AlertPostedEvent {
  alertId: string;
  deliverySeq: string;
}

/** Signal that a contact's account changed (role, agency, disabled, archived): its live sessions must re-authenticate. */
export interface ContactChangedEvent {
  contactId: string;
}

/** Topics of the bus and their payloads; ALERT_POSTED is keyed by a branch id. */
type Topics = {
  ALERT_POSTED: [branchId: string, event: AlertPostedEvent];
  CONTACT_CHANGED: [event: ContactChangedEvent];
};

/**
 * The pub/sub bus: tells subscribers an alert is new, and every instance that a contact's account changed.
 * It carries ids only; PostgreSQL holds the data. In-process by default; with a Redis URL, instances share
 * events through Redis (`@graphql-yoga/redis-event-target`).
 */
export class EventBus {
  private readonly subscribers = new Map<string, number>();

  private constructor(
    /** The underlying pub/sub, also handed to type-graphql when the schema is built. */
    readonly pubSub: PubSub<Topics>,
    private readonly redis: Redis[],
    private readonly logger: Logger,
  ) {}

  /** Creates the bus; `redisUrl` selects Redis, absent means in-process. */
  static create(logger: Logger, redisUrl?: string): EventBus {
    if (!redisUrl) return new EventBus(createPubSub<Topics>(), [], logger);
    const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false };
    const publishClient = new Redis(redisUrl, options);
    const subscribeClient = new Redis(redisUrl, { ...options, enableOfflineQueue: true });
    for (const client of [publishClient, subscribeClient]) {
      client.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis connection problem'));
    }
    const eventTarget = createRedisEventTarget({
      publishClient: withoutRejections(publishClient, ['publish'], logger),
      subscribeClient: withoutRejections(subscribeClient, ['subscribe', 'unsubscribe'], logger),
    });
    return new EventBus(createPubSub<Topics>({ eventTarget }), [publishClient, subscribeClient], logger);
  }

  /**
   * Signals each branch that the alert reached it. Never throws: the alert is already stored, and a
   * subscriber that misses the signal still finds it in the database.
   */
  alertPosted(event: AlertPostedEvent, branchIds: string[]): void {
    for (const branchId of branchIds) {
      try {
        this.pubSub.publish('ALERT_POSTED', branchId, event);
      } catch (err) {
        this.logger.warn({ err, alertId: event.alertId, branchId }, 'could not publish alert signal');
      }
    }
  }

  /**
   * Signals for one branch, as an async iterable that ends when the subscriber leaves. Counted in
   * `subscriberCount` from this call until the iterable is returned.
   */
  alertsFor(branchId: string): AsyncIterableIterator<AlertPostedEvent> {
    const inner = this.pubSub.subscribe('ALERT_POSTED', branchId)[Symbol.asyncIterator]();
    this.subscribers.set(branchId, (this.subscribers.get(branchId) ?? 0) + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (this.subscribers.get(branchId) ?? 1) - 1;
      if (left > 0) this.subscribers.set(branchId, left);
      else this.subscribers.delete(branchId);
    };
    return {
      next: () => inner.next(),
      return: async (value?: unknown) => {
        release();
        return (await inner.return?.(value)) ?? { done: true, value: undefined };
      },
      throw: async (error?: unknown) => {
        release();
        if (inner.throw) return inner.throw(error);
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** Signals every instance that contact `contactId` changed. Never throws (as `alertPosted`). */
  contactChanged(contactId: string): void {
    try {
      this.pubSub.publish('CONTACT_CHANGED', { contactId });
    } catch (err) {
      this.logger.warn({ err, contactId }, 'could not publish contact change');
    }
  }

  /** Contact changes, as they are signalled. */
  contactChanges(): AsyncIterable<ContactChangedEvent> {
    return this.pubSub.subscribe('CONTACT_CHANGED');
  }

  /** Number of live subscriptions to branch `branchId` on this instance. */
  subscriberCount(branchId: string): number {
    return this.subscribers.get(branchId) ?? 0;
  }

  /** Disconnects from Redis, if used. */
  async close(): Promise<void> {
    await Promise.all(this.redis.map((client) => client.quit().catch(() => client.disconnect())));
  }
}

/**
 * The Redis event target fires `publish`, `subscribe` and `unsubscribe` without awaiting them, so a Redis
 * outage would surface as unhandled rejections and stop the process. This wraps those calls to log instead;
 * ioredis re-subscribes by itself after reconnecting.
 */
function withoutRejections(client: Redis, methods: string[], logger: Logger): Redis {
  return new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (typeof property === 'string' && methods.includes(property)) {
        return (...args: unknown[]) =>
          (value as (...a: unknown[]) => Promise<unknown>)
            .apply(target, args)
            .catch((err: Error) => logger.warn({ err: err.message, command: property }, 'redis command failed'));
      }
      return value.bind(target);
    },
  });
}
