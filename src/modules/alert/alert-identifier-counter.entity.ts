import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** One row per year: the last number of that year's series of alert identifiers (`PW-<year>-<number>`). */
@Entity({ tableName: 'alert_identifier_counter' })
export class AlertIdentifierCounter {
  /** The year, in province time. */
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  year!: number;

  /** Last number handed out in that year. */
  @Property({ type: 'bigint' })
  value!: string;
}
