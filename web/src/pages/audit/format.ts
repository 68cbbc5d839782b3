import { PROVINCE_TIME_ZONE } from '../../lib/format';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: PROVINCE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `dd/MM/yyyy HH:mm:ss` in province time (an audit entry's second matters); '' for a malformed instant. */
export function formatDateTimeSeconds(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const part = Object.fromEntries(parts.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.day}/${part.month}/${part.year} ${part.hour}:${part.minute}:${part.second}`;
}

/** Longest compact detail shown without opening it. */
const COMPACT_LENGTH = 48;

/** An entry's detail as one line of JSON, and whether that line had to be shortened to `COMPACT_LENGTH`. */
export function compactDetail(detail: Record<string, unknown>): { text: string; shortened: boolean } {
  const text = JSON.stringify(detail);
  return text.length <= COMPACT_LENGTH ? { text, shortened: false } : { text: `${text.slice(0, COMPACT_LENGTH - 1)}…`, shortened: true };
}
