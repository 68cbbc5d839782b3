/**
 * UPU S10 item identifiers (UPU standard S10, "Identification of postal items — 13-character identifier"):
 * 2 letters (service indicator) + 8-digit serial number + 1 check digit + 2-letter ISO 3166-1 alpha-2 country code.
 */

/** Weights applied to the 8 serial digits, left to right (S10 §5.2). */
const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

const S10_SHAPE = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/;

/**
 * Check digit of an 8-digit S10 serial number: S = Σ digit × weight (8 6 4 2 3 5 9 7),
 * C = 11 − (S mod 11), with C = 10 → 0 and C = 11 → 5.
 * @throws RangeError when `serial` is not exactly 8 digits.
 */
export function s10CheckDigit(serial: string): number {
  if (!/^\d{8}$/.test(serial)) throw new RangeError(`S10 serial must be 8 digits, got "${serial}"`);
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(serial[i]), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return 0;
  if (check === 11) return 5;
  return check;
}

/** What is wrong with an S10 identifier: its shape, or its check digit (given, expected, for `serial`). */
export type S10Fault = { kind: 'shape' } | { kind: 'checkDigit'; given: string; expected: number; serial: string };

/** The fault of `value` as an S10 identifier, or null when it is valid (upper case only). The web app uses it too. */
export function s10Fault(value: string): S10Fault | null {
  const match = S10_SHAPE.exec(value);
  if (!match) return { kind: 'shape' };
  const [, , serial, check] = match;
  const expected = s10CheckDigit(serial!);
  return Number(check) === expected ? null : { kind: 'checkDigit', given: check!, expected, serial: serial! };
}

/** Why a string is not a valid S10 identifier, in words, or null when it is valid. */
export function s10Problem(value: string): string | null {
  const fault = s10Fault(value);
  if (!fault) return null;
  if (fault.kind === 'shape') {
    return 'must be 2 letters, 8 digits, a check digit and a 2-letter country code (UPU S10), e.g. RR123456785VN';
  }
  return `check digit is ${fault.given} but UPU S10 gives ${fault.expected} for serial ${fault.serial}`;
}

/** True when `value` is a well-formed S10 identifier whose check digit is right. Upper case only. */
export function isValidS10(value: string): boolean {
  return s10Problem(value) === null;
}
