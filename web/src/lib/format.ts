/** Dates and numbers as the province reads them: `dd/MM/yyyy HH:mm` in Asia/Ho_Chi_Minh, numbers in vi-VN form. */

export const PROVINCE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateTimeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: PROVINCE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * `dd/MM/yyyy HH:mm` in province time, or `dd/MM/yyyy HH:mm:ss` with `seconds` (an audit entry's second
 * matters); '' for null or a malformed instant.
 */
export function formatDateTime(iso: string | null | undefined, { seconds = false } = {}): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const part = Object.fromEntries(dateTimeParts.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.day}/${part.month}/${part.year} ${part.hour}:${part.minute}${seconds ? `:${part.second}` : ''}`;
}

const numbers = new Intl.NumberFormat('vi-VN');

/** 12345 → `12.345` (vi-VN grouping, whatever the language shown). */
export function formatNumber(value: number): string {
  return numbers.format(value);
}

/**
 * The value for an `<input type="datetime-local">` meaning `iso` in province time (`yyyy-MM-ddTHH:mm`), and
 * back: province time is UTC+7 all year (no daylight saving).
 */
export function toProvinceLocalInput(iso: string): string {
  const date = new Date(Date.parse(iso) + 7 * 3600_000);
  return date.toISOString().slice(0, 16);
}

/** `yyyy-MM-ddTHH:mm` read as province time → ISO instant; null when empty or malformed. */
export function fromProvinceLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}:00+07:00`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** A calendar day (`YYYY-MM-DD`, as the API gives days) as `dd/MM/yyyy`; as given when it is not one. */
export function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : day;
}

const decimals = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** 95.54 → `95,5` (vi-VN, at most one decimal). */
export function formatDecimal(value: number): string {
  return decimals.format(value);
}
