/** A UPU S10 identifier anywhere in a string: 2 letters, 9 digits, 2 letters. */
const S10_INSIDE = /[A-Z]{2}\d{9}[A-Z]{2}/;

/**
 * The tracking number in what a clerk typed or a scanner sent: upper case, without spaces and dashes, and
 * without what a scanner adds before or after the code (an AIM prefix such as `]C0`, a trailing tab or CR).
 * When no S10-shaped run is found the cleaned text is returned, for the S10 check to refuse with its message.
 */
export function normaliseScannedTrackingNumber(input: string): string {
  const cleaned = input.toUpperCase().replace(/[\s\u00A0-]+/g, '');
  if (/^[A-Z]{2}\d{9}[A-Z]{2}$/.test(cleaned)) return cleaned;
  const inside = S10_INSIDE.exec(cleaned.replace(/^\][A-Z]\d/, ''));
  return inside ? inside[0] : cleaned;
}
