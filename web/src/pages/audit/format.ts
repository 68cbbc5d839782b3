/** Longest compact detail shown without opening it. */
const COMPACT_LENGTH = 48;

/** An entry's detail as one line of JSON, and whether that line had to be shortened to `COMPACT_LENGTH`. */
export function compactDetail(detail: Record<string, unknown>): { text: string; shortened: boolean } {
  const text = JSON.stringify(detail);
  return text.length <= COMPACT_LENGTH ? { text, shortened: false } : { text: `${text.slice(0, COMPACT_LENGTH - 1)}…`, shortened: true };
}
