import type { EntityManager } from '@mikro-orm/postgresql';

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
