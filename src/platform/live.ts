import type { Viewer } from './viewer-scope.js';

/**
 * What the domain services tell the realtime layer once their transaction has committed (implemented by
 * realtime/event-bus.ts). Signals carry ids only: PostgreSQL holds the data, so a lost signal loses nothing
 * (subscribers catch up by sequence number). Sending never throws.
 */
export interface Signals {
  /** Delivery `deliverySeq` (an alert message) is committed. */
  deliveryCommitted(deliverySeq: string): void;
  /** Acknowledgement `acknowledgementId` of an alert of thread `threadId` is recorded. */
  acknowledged(threadId: string, acknowledgementId: string): void;
  /** Sighting `sightingId` of a parcel named in an alert of thread `threadId` is recorded (a counter check). */
  sighted(threadId: string, sightingId: string): void;
  /** Contact `contactId`'s account changed (role, agency, password, disabled, archived): its sessions end. */
  contactChanged(contactId: string): void;
}

/** Reads what was committed after a delivery sequence number, as far as the subscriber may see it. */
export type ReadAfter<T> = (afterSeq: bigint) => Promise<T[]>;

/**
 * The live feeds the subscription resolvers return (implemented by realtime/live-feeds.ts over the delivery
 * hub and the bus). Both are ordered by delivery sequence number, with no gap and no repeat.
 */
export interface LiveFeeds {
  /**
   * The alert messages delivered to branch `branchId` that `viewer` may see: with `after`, first those committed
   * after that delivery sequence number, then live ones; without, those committed from now on.
   * @throws BAD_USER_INPUT when `after` lies beyond the last delivery committed.
   */
  branchDeliveries(branchId: string, viewer: Viewer, after?: bigint): Promise<AsyncIterable<unknown>>;
  /**
   * The records of alert thread `threadId` (acknowledgements, sightings) committed from now on, or after delivery
   * sequence number `after` when given, each read with `read` after the last one passed on, whenever the thread
   * is signalled and at the poll interval.
   * @throws BAD_USER_INPUT when `after` lies beyond the last delivery committed.
   */
  threadFeed<T extends { deliverySeq: string }>(threadId: string, read: ReadAfter<T>, after?: bigint): Promise<AsyncIterable<T>>;
}
