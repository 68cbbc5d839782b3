/** A UPU S10 identifier anywhere in a string: 2 letters, 9 digits, 2 letters (ASCII). */
const S10_INSIDE = /[A-Z]{2}[0-9]{9}[A-Z]{2}/g;

/**
 * The tracking number in what a clerk typed or a scanner sent: upper case, without spaces and dashes, and
 * without what a scanner adds before or after the code (an AIM prefix such as `]C0`, a trailing tab or CR).
 * Only ASCII letters change case (`ı` or `ﬆ` would otherwise turn into `I` or `ST`). When no S10-shaped run is
 * found, or more than one (two codes read as one), the cleaned text is returned, for the S10 check to refuse with
 * its message.
 */
export function normaliseScannedTrackingNumber(input: string): string {
  const cleaned = input.replace(/[a-z]/g, (letter) => letter.toUpperCase()).replace(/[\s\u00A0-]+/g, '');
  const inside = cleaned.replace(/^\][A-Z][0-9]/, '').match(S10_INSIDE) ?? [];
  return inside.length === 1 ? inside[0]! : cleaned;
}
