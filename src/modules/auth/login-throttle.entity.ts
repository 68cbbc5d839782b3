import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Counters of failed logins, in the table layout rate-limiter-flexible's PostgreSQL store expects
 * (`key`, `points`, `expire` in ms since the epoch). Kept in PostgreSQL so that limits hold across instances.
 */
@Entity({ tableName: 'login_throttle' })
export class LoginThrottleRow {
  @PrimaryKey({ type: 'string', length: 255 })
  key!: string;

  @Property({ type: 'integer', default: 0 })
  points!: number;

  @Property({ type: 'bigint', nullable: true })
  expire?: string | null;
}
