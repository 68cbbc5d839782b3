import type { EntityManager } from '@mikro-orm/postgresql';
import { provinceDate } from '../../platform/province-time.js';

/**
 * The next CAP identifier of an alert message, `PW-<year>-<number>` (at least 6 digits, e.g. PW-2026-000042):
 * one series per year of sending in province time, with no number skipped (acknowledgements and other
 * deliveries have numbers of their own). Taken inside the posting transaction: the year's counter row stays
 * locked until it commits, and a rolled-back post gives its number back. The first number of a year continues
 * after the highest identifier already stored for that year (messages posted before the series existed).
 */
export async function nextAlertIdentifier(tx: EntityManager, sent: Date): Promise<string> {
  const year = Number(provinceDate(sent).slice(0, 4));
  const [row] = await tx.execute<{ value: string }[]>(
    `insert into alert_identifier_counter (year, value)
     values (?, 1 + coalesce((select max(split_part(identifier, '-', 3)::bigint) from security_alert
                               where identifier like ? and split_part(identifier, '-', 3) ~ '^[0-9]+$'), 0))
     on conflict (year) do update set value = alert_identifier_counter.value + 1
     returning value::text as value`,
    [year, `PW-${year}-%`],
  );
  return `PW-${year}-${row!.value.padStart(6, '0')}`;
}
