import type { LiveFeeds, ReadAfter } from '../platform/live.js';
import type { Viewer } from '../platform/viewer-scope.js';
import { threadFeed } from './thread-feed.js';
import type { DeliveryHub } from './delivery-hub.js';
import type { EventBus } from './event-bus.js';

/** The live feeds the subscription resolvers return (platform/live.ts), over this instance's hub and bus. */
export class RealtimeFeeds implements LiveFeeds {
  constructor(
    private readonly hub: DeliveryHub,
    private readonly bus: EventBus,
  ) {}

  async branchDeliveries(branchId: string, viewer: Viewer, after?: bigint): Promise<AsyncIterable<unknown>> {
    await this.hub.assertResumable(after);
    return this.hub.subscribe(branchId, viewer, after);
  }

  async threadFeed<T extends { deliverySeq: string }>(threadId: string, read: ReadAfter<T>, after?: bigint): Promise<AsyncIterable<T>> {
    await this.hub.assertResumable(after);
    const start = after ?? (await this.hub.committedSeq());
    return threadFeed(this.bus, threadId, start, read, this.hub.pollMs);
  }
}
