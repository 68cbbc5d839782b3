import type { MikroORM } from '@mikro-orm/postgresql';
import type { Viewer } from '../platform/viewer-scope.js';
import { badUserInput } from '../platform/errors.js';
import { metrics } from '../platform/metrics.js';
import { PushIterator } from '../platform/push-iterator.js';
import { sharedPerTurn } from '../platform/batching.js';
import type { Logger } from '../logger.js';
import { canSeeAlert } from '../modules/access/alert-visibility.js';
import type { SecurityAlert } from '../modules/alert/security-alert.entity.js';
import type { AlertSnapshot, AlertSnapshots } from './alert-snapshots.js';
import type { EventBus } from './event-bus.js';

/** One delivery: an alert version, at its place in the delivery sequence. */
export interface Delivery {
  seq: bigint;
  snapshot: AlertSnapshot;
}

/**
 * A serialised message payload: the text, or one still being computed, which calls back every waiter in one
 * go when ready (instead of one promise continuation per subscriber).
 */
export type Payload = string | { onReady(ready: (text: string) => void, failed: (error: unknown) => void): void };

/** A replay asked for: the deliveries to `branchId` after delivery `after`. */
interface ReplayWanted {
  branchId: string;
  after: bigint;
}

/** How many deliveries one catch-up query reads at most. */
const BATCH = 500;

/**
 * Delivers alerts to the branch subscriptions of this instance, exactly once and in delivery-sequence order.
 *
 * PostgreSQL is the source of truth: the bus only says "something was committed". On each signal, on each
 * reconnection to Redis and every `pollMs` (so nothing waits long for a lost signal), the hub reads the
 * deliveries committed after the last one it handled, once per instance, loads each alert once, and offers it
 * to the subscriptions of the branches it reached; each subscription decides visibility in memory. No
 * subscriber costs a query of its own, except the replay of a resumed subscription. Sequence numbers are
 * handed out in commit order (delivery-sequence.ts), so reading "after the last one handled" leaves no gap.
 */
export class DeliveryHub {
  private lastSeq = 0n;
  private readonly byBranch = new Map<string, Set<BranchSubscription>>();
  private running: Promise<void> | null = null;
  private rerun = false;
  private timer?: NodeJS.Timeout;
  private signals?: AsyncIterableIterator<unknown>;

  constructor(
    private readonly orm: MikroORM,
    private readonly bus: EventBus,
    private readonly snapshots: AlertSnapshots,
    private readonly logger: Logger,
    /** How often (ms) the database is read in case a signal was lost. */
    readonly pollMs: number,
  ) {}

  /** Starts from the deliveries committed now, then follows signals, reconnections and the poll. */
  async start(): Promise<void> {
    this.lastSeq = await this.committedSeq();
    const signals = this.bus.deliveries();
    this.signals = signals;
    void (async () => {
      for (let next = await signals.next(); !next.done; next = await signals.next()) this.wake();
    })().catch((err) => this.logger.error({ err }, 'stopped following delivery signals'));
    this.bus.onReconnect(() => this.wake());
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref();
  }

  /** Stops following and ends every subscription (their clients see the socket close and reconnect). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.signals?.return?.();
    for (const subscriptions of this.byBranch.values()) for (const subscription of subscriptions) subscription.end();
    await this.running;
  }

  /**
   * Deliveries to `branchId` that `viewer` may see, in order. With `after` (a delivery sequence number), first
   * every such delivery committed after it, read from the database, then live ones, with no gap and no repeat
   * at the hand-over; without, only those committed from now on.
   */
  subscribe(branchId: string, viewer: Viewer, after?: bigint): BranchSubscription {
    const subscription = new BranchSubscription(viewer, () => this.forget(branchId, subscription));
    // Registered before the replay is read: whatever commits meanwhile is offered, and kept until the hand-over.
    const subscriptions = this.byBranch.get(branchId) ?? new Set<BranchSubscription>();
    this.byBranch.set(branchId, subscriptions.add(subscription));
    void (after === undefined ? this.committedSeq().then((seq) => ({ seq, replay: [] as Delivery[] })) : this.replay(branchId, after))
      .then(({ seq, replay }) => subscription.goLive(replay, seq))
      .catch((err) => subscription.fail(err));
    this.wake();
    return subscription;
  }

  /**
   * @throws BAD_USER_INPUT when `after` lies beyond the last delivery committed (a cursor from another or a
   *   restored database: resuming after it would silently skip what comes next).
   */
  async assertResumable(after: bigint | undefined): Promise<void> {
    if (after === undefined) return;
    const committed = await this.committedSeq();
    if (after > committed) {
      throw badUserInput(`after: ${after} is beyond the last delivery (${committed}); resubscribe with a deliverySeq received from this server`, [
        { field: 'after', message: 'is beyond the last delivery' },
      ]);
    }
  }

  /** Live subscriptions to branch `branchId` on this instance. */
  subscriberCount(branchId: string): number {
    return this.byBranch.get(branchId)?.size ?? 0;
  }

  /** Runs a catch-up now, or once more after the one running. */
  wake(): void {
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = this.catchUp()
      .catch((err) => this.logger.warn({ err }, 'delivery catch-up failed; the next one retries'))
      .finally(() => {
        this.running = null;
        if (this.rerun) {
          this.rerun = false;
          this.wake();
        }
      });
  }

  private async catchUp(): Promise<void> {
    const end = metrics.catchUpDuration.startTimer();
    try {
      await this.readAndOffer();
    } finally {
      end();
    }
  }

  private async readAndOffer(): Promise<void> {
    const connection = this.orm.em.getConnection();
    for (;;) {
      // The next deliveries, each with the branches it reached that have subscribers here (if any): one query.
      const branches = [...this.byBranch.keys()];
      const rows = await connection.execute<{ id: string; seq: string; branch_id: string | null }[]>(
        `with next as (select id, delivery_seq from security_alert where delivery_seq > ? order by delivery_seq limit ?)
         select next.id, next.delivery_seq::text as seq, r.branch_id
           from next left join alert_recipient r on r.alert_id = next.id and r.branch_id = any(?::uuid[])
          order by next.delivery_seq`,
        [this.lastSeq.toString(), BATCH, `{${branches.join(',')}}`],
      );
      if (rows.length === 0) return;
      const deliveries = new Map<string, { seq: bigint; branches: string[] }>();
      for (const row of rows) {
        const delivery = deliveries.get(row.id) ?? { seq: BigInt(row.seq), branches: [] };
        if (row.branch_id) delivery.branches.push(row.branch_id);
        deliveries.set(row.id, delivery);
      }
      // Loaded together (one failure fails the catch-up, which the next one retries), offered in order.
      const snapshots = await this.snapshots.loadMany([...deliveries].filter(([, d]) => d.branches.length > 0).map(([id]) => id));
      for (const [id, { seq, branches: reached }] of deliveries) {
        const snapshot = snapshots.get(id);
        // An update or a cancellation changed the version it replaces: a replay must read it again.
        if (snapshot?.alert.references) this.snapshots.forget(snapshot.alert.references.id);
        if (snapshot) {
          const delivery = { seq, snapshot };
          for (const branchId of reached) this.byBranch.get(branchId)?.forEach((s) => s.offer(delivery));
        }
        this.lastSeq = seq;
      }
      if (deliveries.size < BATCH) return;
    }
  }

  /**
   * Deliveries to `branchId` committed after `after`, oldest first, and the sequence number they reach. The
   * replays asked for in the same turn of the event loop (dashboards reconnecting after a restart) are read in
   * one statement, from the lowest `after` of each branch.
   */
  private async replay(branchId: string, after: bigint): Promise<{ seq: bigint; replay: Delivery[] }> {
    const rows = await sharedPerTurn<ReplayWanted, { id: string; seq: bigint }[]>(this, 'replay', (wanted) => this.readReplays(wanted)).load({ branchId, after });
    const replay: Delivery[] = [];
    for (let start = 0; start < rows.length; start += BATCH) {
      const chunk = rows.slice(start, start + BATCH);
      const snapshots = await this.snapshots.loadMany(chunk.map((row) => row.id));
      for (const row of chunk) {
        const snapshot = snapshots.get(row.id);
        if (snapshot) replay.push({ seq: row.seq, snapshot });
      }
    }
    return { seq: replay.at(-1)?.seq ?? after, replay };
  }

  /** For each replay wanted: the deliveries to its branch after its number, oldest first. */
  private async readReplays(wanted: readonly ReplayWanted[]): Promise<{ id: string; seq: bigint }[][]> {
    const lowest = new Map<string, bigint>();
    for (const { branchId, after } of wanted) if (!lowest.has(branchId) || after < lowest.get(branchId)!) lowest.set(branchId, after);
    const rows = await this.orm.em.getConnection().execute<{ id: string; seq: string; branch_id: string }[]>(
      `select a.id, a.delivery_seq::text as seq, r.branch_id
         from unnest(?::uuid[], ?::bigint[]) as w(branch_id, after)
         join alert_recipient r on r.branch_id = w.branch_id
         join security_alert a on a.id = r.alert_id and a.delivery_seq > w.after
        order by a.delivery_seq`,
      [`{${[...lowest.keys()].join(',')}}`, `{${[...lowest.values()].join(',')}}`],
    );
    const byBranch = new Map<string, { id: string; seq: bigint }[]>();
    for (const row of rows) {
      const list = byBranch.get(row.branch_id) ?? [];
      list.push({ id: row.id, seq: BigInt(row.seq) });
      byBranch.set(row.branch_id, list);
    }
    return wanted.map(({ branchId, after }) => (byBranch.get(branchId) ?? []).filter((row) => row.seq > after));
  }

  /**
   * The highest delivery sequence number committed, read after the call (with the other calls of the same turn
   * of the event loop: one statement for a storm of subscriptions, each registered before it is sent).
   */
  committedSeq(): Promise<bigint> {
    return sharedPerTurn<'max', bigint>(this, 'committedSeq', async (keys) => {
      const [row] = await this.orm.em
        .getConnection()
        .execute<{ value: string }[]>('select coalesce(max(value), 0)::text as value from delivery_counter');
      return keys.map(() => BigInt(row!.value));
    }).load('max');
  }

  private forget(branchId: string, subscription: BranchSubscription): void {
    const subscriptions = this.byBranch.get(branchId);
    subscriptions?.delete(subscription);
    if (subscriptions?.size === 0) this.byBranch.delete(branchId);
  }
}

/**
 * One subscription to a branch: until it goes live it keeps what it is offered; from then on it passes on, once
 * each and in order, the deliveries after its cursor that its viewer may see. By default it is an async
 * iterator of alerts (a PushIterator); with `sendWith`, it hands each alert's serialised payload straight to the
 * socket instead (shared-execution.ts), and as an iterator yields nothing until it ends.
 */
export class BranchSubscription extends PushIterator<SecurityAlert> {
  private held: Delivery[] | null = [];
  private cursor = -1n;
  private direct?: { payloadOf: (alert: SecurityAlert) => Payload; send: (payload: string) => void };
  /** Payloads waiting to be sent, oldest first: one still being computed holds back the ones after it. */
  private readonly unsent: { text?: string; sent: Date }[] = [];

  constructor(
    private readonly viewer: Viewer,
    onEnd: () => void,
  ) {
    super(onEnd);
  }

  /** A delivery to the subscription's branch, offered in sequence order. */
  offer(delivery: Delivery): void {
    if (this.held) this.held.push(delivery);
    else this.accept(delivery);
  }

  /** Hands over from the replay to live deliveries: the replay first, then what was held, skipping repeats. */
  goLive(replay: Delivery[], seq: bigint): void {
    for (const delivery of replay) this.accept(delivery);
    if (this.cursor < seq) this.cursor = seq;
    const held = (this.held ?? []).sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
    this.held = null;
    for (const delivery of held) this.accept(delivery);
  }

  /**
   * From now on, sends `payloadOf(alert)` for each visible delivery with `send`, in order, instead of yielding;
   * what was passed on before and not read yet is sent first.
   */
  sendWith(payloadOf: (alert: SecurityAlert) => Payload, send: (payload: string) => void): void {
    this.direct = { payloadOf, send };
    for (const alert of this.drain()) this.pass(alert);
  }

  private accept(delivery: Delivery): void {
    if (delivery.seq <= this.cursor || this.ended) return;
    this.cursor = delivery.seq;
    if (canSeeAlert(this.viewer, delivery.snapshot.audience)) this.pass(delivery.snapshot.alert);
  }

  private pass(alert: SecurityAlert): void {
    if (!this.direct) {
      this.push(alert);
      return;
    }
    const payload = this.direct.payloadOf(alert);
    if (typeof payload === 'string' && this.unsent.length === 0) {
      this.send(payload, alert.sent);
      return;
    }
    const item: { text?: string; sent: Date } = typeof payload === 'string' ? { text: payload, sent: alert.sent } : { sent: alert.sent };
    this.unsent.push(item);
    if (typeof payload !== 'string') {
      payload.onReady(
        (text) => {
          item.text = text;
          this.flush();
        },
        (error) => this.fail(error),
      );
    }
    this.flush();
  }

  private flush(): void {
    while (this.unsent[0]?.text !== undefined) {
      const { text, sent } = this.unsent.shift()!;
      if (!this.ended) this.send(text!, sent);
    }
  }

  /** Writes one payload to the socket; the time since the alert was committed goes to the delivery-lag histogram. */
  private send(text: string, sent: Date): void {
    this.direct!.send(text);
    metrics.deliveryLag.observe((Date.now() - sent.getTime()) / 1000);
  }
}
