import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput } from '../../platform/errors.js';
import { isBigintText } from '../../platform/relay.js';
import { seqFromAlertCursor } from './alert.connection.js';

/**
 * Takes the next delivery sequence number inside the caller's transaction. The counter row stays locked until
 * that transaction commits or rolls back, so a later number can never become visible before an earlier one:
 * numbers are strictly increasing in commit order (a plain sequence is not: two transactions may commit in
 * the opposite order of their numbers, and a client resuming after the larger would miss the smaller).
 * Call it as late as possible in the transaction; posting transactions queue on this row.
 */
export async function nextDeliverySeq(tx: EntityManager): Promise<string> {
  const [row] = await tx.execute<{ value: string }[]>(
    `insert into delivery_counter (id, value) values (1, 1)
     on conflict (id) do update set value = delivery_counter.value + 1
     returning value::text as value`,
  );
  return row!.value;
}

/**
 * Takes `count` consecutive delivery sequence numbers at once (as `nextDeliverySeq`, with one statement), in
 * increasing order. Lock what the caller's rows will reference before calling it (see `nextDeliverySeq`).
 */
export async function nextDeliverySeqs(tx: EntityManager, count: number): Promise<string[]> {
  const [row] = await tx.execute<{ value: string }[]>(
    `insert into delivery_counter (id, value) values (1, ?)
     on conflict (id) do update set value = delivery_counter.value + excluded.value
     returning value::text as value`,
    [count],
  );
  const last = BigInt(row!.value);
  return Array.from({ length: count }, (_, i) => (last - BigInt(count - 1 - i)).toString());
}

/**
 * The delivery sequence number a subscription resumes after: a decimal `deliverySeq`, or an `alerts` cursor.
 * @returns undefined when `after` is absent.
 * @throws BAD_USER_INPUT naming `after` when it is neither.
 */
export function parseDeliverySeq(after: string | null | undefined): bigint | undefined {
  if (after == null) return undefined;
  let seq: string | null = /^\d+$/.test(after) ? after : null;
  if (!seq) {
    try {
      seq = seqFromAlertCursor(after);
    } catch {
      seq = null;
    }
  }
  if (seq === null || !isBigintText(seq)) {
    throw badUserInput(`after: "${after}" is not a delivery sequence number`, [
      { field: 'after', message: 'must be a deliverySeq received earlier, or an alerts cursor' },
    ]);
  }
  return BigInt(seq);
}
