/**
 * The province's civil time: Indochina Time, UTC+07:00 all year (Vietnam keeps no daylight saving time).
 * Calendar dates of agreements and activities are days of this time, and the joint history places a date at
 * its midnight here.
 */
export const PROVINCE_UTC_OFFSET_HOURS = 7;

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
