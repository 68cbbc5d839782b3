import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { Signals } from '../platform/live.js';
import { RedisHealth } from './redis-health.js';

/** Signal that delivery `deliverySeq` is committed. Ids only: PostgreSQL holds the alert and its recipients. */
export interface DeliverySignal {
  deliverySeq: string;
}

/**
 * Signal that record `recordId` of an alert thread was committed: an acknowledgement or a sighting. Thread
 * feeds wake on it and read, each, the records they are for.
 */
export interface ThreadSignal {
  recordId: string;
}

/** Signal that a contact's account changed (role, agency, disabled, archived): its live sessions must re-authenticate. */
export interface ContactChangedSignal {
  contactId: string;
}

/** Topics of the bus and their payloads; THREAD is keyed by alert thread id. */
type Topics = {
  DELIVERY: [signal: DeliverySignal];
  THREAD: [threadId: string, signal: ThreadSignal];
  CONTACT_CHANGED: [signal: ContactChangedSignal];
};

/**
 * The pub/sub bus. It only signals (a delivery is committed, an acknowledgement is recorded, an account
 * changed); PostgreSQL holds the data, so a missed signal loses nothing. In-process by default; with a
 * Redis URL, instances share signals through Redis (`@graphql-yoga/redis-event-target` with ioredis).
 * Publishing never throws: the data is already stored when a signal is sent.
 */
export class EventBus implements Signals {
  private readonly reconnectListeners: (() => void)[] = [];

  private constructor(
    /** The underlying pub/sub, also handed to type-graphql when the schema is built. */
    readonly pubSub: PubSub<Topics>,
    private readonly redis: Redis[],
    private readonly logger: Logger,
    /** Whether Redis answers, logged once per change (null for the in-process bus). */
    private readonly health: RedisHealth | null = null,
  ) {}

  /** False while the bus uses Redis and Redis does not answer (posting still works; delivery catches up by poll). */
  get connected(): boolean {
    return this.health?.connected ?? true;
  }

  /** True when signals go through Redis (several instances), false for the in-process bus. */
  get shared(): boolean {
    return this.health !== null;
  }

  /** Creates the bus; `redisUrl` selects Redis, absent means in-process. */
  static create(logger: Logger, redisUrl?: string): EventBus {
    if (!redisUrl) return new EventBus(createPubSub<Topics>(), [], logger);
    const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false };
    const publishClient = new Redis(redisUrl, options);
    // Subscriptions wait for Redis however long it is away (no retry limit), so that none is lost.
    const subscribeClient = new Redis(redisUrl, { ...options, enableOfflineQueue: true, maxRetriesPerRequest: null });
    const health = new RedisHealth(logger);
    const eventTarget = createRedisEventTarget({
      publishClient: withoutRejections(publishClient, ['publish'], health),
      subscribeClient: withoutRejections(subscribeClient, ['subscribe', 'unsubscribe'], health),
    });
    const bus = new EventBus(createPubSub<Topics>({ eventTarget }), [publishClient, subscribeClient], logger, health);
    for (const client of [publishClient, subscribeClient]) {
      client.on('error', (err: Error) => health.problem(err));
    }
    publishClient.on('ready', () => health.ready());
    // Signals sent while Redis was away are lost; whoever relies on them catches up from the database.
    subscribeClient.on('ready', () => {
      health.ready();
      bus.reconnectListeners.forEach((listener) => listener());
    });
    return bus;
  }

  /** Signals every instance that delivery `deliverySeq` is committed. */
  deliveryCommitted(deliverySeq: string): void {
    this.publish(() => this.pubSub.publish('DELIVERY', { deliverySeq }), { deliverySeq });
  }

  /** Delivery signals, as they come. */
  deliveries(): AsyncIterableIterator<DeliverySignal> {
    return this.pubSub.subscribe('DELIVERY')[Symbol.asyncIterator]();
  }

  /** Signals that an acknowledgement of an alert of thread `threadId` is recorded. */
  acknowledged(threadId: string, acknowledgementId: string): void {
    this.publish(() => this.pubSub.publish('THREAD', threadId, { recordId: acknowledgementId }), { threadId, acknowledgementId });
  }

  /** Signals that a parcel named in an alert of thread `threadId` was sighted at a counter. */
  sighted(threadId: string, sightingId: string): void {
    this.publish(() => this.pubSub.publish('THREAD', threadId, { recordId: sightingId }), { threadId, sightingId });
  }

  /** Signals of records committed to thread `threadId` (acknowledgements, sightings). */
  threadActivity(threadId: string): AsyncIterableIterator<ThreadSignal> {
    return this.pubSub.subscribe('THREAD', threadId)[Symbol.asyncIterator]();
  }

  /** Signals every instance that contact `contactId` changed. */
  contactChanged(contactId: string): void {
    this.publish(() => this.pubSub.publish('CONTACT_CHANGED', { contactId }), { contactId });
  }

  /** Contact changes, as they are signalled. */
  contactChanges(): AsyncIterable<ContactChangedSignal> {
    return this.pubSub.subscribe('CONTACT_CHANGED');
  }

  /** Calls `listener` whenever the connection to Redis is (re)established; never for the in-process bus. */
  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  /** Disconnects from Redis, if used. */
  async close(): Promise<void> {
    this.health?.stop();
    await Promise.all(this.redis.map((client) => client.quit().catch(() => client.disconnect())));
  }

  private publish(send: () => void, what: Record<string, string>): void {
    try {
      send();
    } catch (err) {
      if (this.health) this.health.problem(err as Error, 'publish');
      else this.logger.warn({ err, ...what }, 'could not publish a signal');
    }
  }
}

/**
 * The Redis event target fires `publish`, `subscribe` and `unsubscribe` without awaiting them, so a Redis
 * outage would surface as unhandled rejections and stop the process. This wraps those calls to count them instead;
 * ioredis re-subscribes by itself after reconnecting.
 */
function withoutRejections(client: Redis, methods: string[], health: RedisHealth): Redis {
  return new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (typeof property === 'string' && methods.includes(property)) {
        return (...args: unknown[]) =>
          (value as (...a: unknown[]) => Promise<unknown>)
            .apply(target, args)
            .then(
              () => health.ready(),
              (err: Error) => health.problem(err, property),
            );
      }
      return value.bind(target);
    },
  });
}
