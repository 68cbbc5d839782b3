import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The single-row counter behind delivery sequence numbers. Taking the next number locks the row until the
 * posting transaction ends, so numbers are handed out, and become visible, in commit order.
 */
@Entity({ tableName: 'delivery_counter' })
export class DeliveryCounter {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id!: number;

  /** Last number handed out. */
  @Property({ type: 'bigint' })
  value!: string;
}
