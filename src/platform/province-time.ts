import { badUserInput } from './errors.js';

/**
 * The province's civil time: Indochina Time, UTC+07:00 all year (Vietnam keeps no daylight saving time).
 * Calendar dates of agreements and activities are days of this time, and the joint history places a date at
 * its midnight here.
 */
export const PROVINCE_UTC_OFFSET_HOURS = 7;

/** The province's offset as ISO 8601 writes it. */
const PROVINCE_UTC_OFFSET = `+${String(PROVINCE_UTC_OFFSET_HOURS).padStart(2, '0')}:00`;

/**
 * `instant` in province time with its offset, to the second, e.g. `2021-04-21T00:00:00+07:00` (CAP 1.2 time
 * stamps and the CSV report). Milliseconds are dropped, not rounded.
 */
export function provinceTimestamp(instant: Date): string {
  return `${new Date(instant.getTime() + PROVINCE_UTC_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 19)}${PROVINCE_UTC_OFFSET}`;
}

/** The calendar day (YYYY-MM-DD) that `instant` falls on in the province. */
export function provinceDate(instant: Date = new Date()): string {
  return new Date(instant.getTime() + PROVINCE_UTC_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 10);
}

/** The instant the province's day `date` (YYYY-MM-DD) begins. */
export function startOfProvinceDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - PROVINCE_UTC_OFFSET_HOURS * 3_600_000);
}

/** SQL turning a `date` column into the timestamptz of its midnight in the province. */
export function provinceMidnightSql(dateColumn: string): string {
  return `((${dateColumn})::timestamp - interval '${PROVINCE_UTC_OFFSET_HOURS} hours') at time zone 'UTC'`;
}

/** Days a record may carry: PostgreSQL's `date` reaches back to 4713 BC, but these records are of this era. */
export const FIRST_DAY = '1900-01-01';
export const LAST_DAY = '2199-12-31';

/** @throws BAD_USER_INPUT naming `field` unless `day` (YYYY-MM-DD) lies in FIRST_DAY..LAST_DAY. */
export function assertDayInRange(field: string, day: string): void {
  if (day < FIRST_DAY || day > LAST_DAY) {
    throw badUserInput(`${field} must lie between ${FIRST_DAY} and ${LAST_DAY}`, [{ field, message: `must lie between ${FIRST_DAY} and ${LAST_DAY}` }]);
  }
}

/** @throws BAD_USER_INPUT naming `field` when `day` is after today in the province. */
export function assertNotFuture(field: string, day: string): void {
  const today = provinceDate();
  if (day > today) throw badUserInput(`${field} is in the future`, [{ field, message: `must not be after ${today}` }]);
}
