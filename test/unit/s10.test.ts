import { describe, expect, it } from 'vitest';
import { isValidS10, s10CheckDigit, s10Problem } from '../../src/modules/alert/s10.js';
import { normaliseScannedTrackingNumber } from '../../src/modules/check/tracking-number.js';

// Expected check digits worked out by hand with the S10 weights 8 6 4 2 3 5 9 7:
//   12345678 → 8+12+12+8+15+30+63+56 = 204, 204 mod 11 = 6, 11 − 6 = 5
//   13643185 → 8+18+24+8+9+5+72+35 = 179, 179 mod 11 = 3, 11 − 3 = 8
//   10100000 → 8+4 = 12, 12 mod 11 = 1, 11 − 1 = 10 → 0
//   00000000 → 0, 0 mod 11 = 0, 11 − 0 = 11 → 5
describe('UPU S10 check digit', () => {
  it.each([
    ['12345678', 5],
    ['13643185', 8],
    ['10100000', 0],
    ['00000000', 5],
  ])('serial %s has check digit %i', (serial, digit) => {
    expect(s10CheckDigit(serial)).toBe(digit);
  });

  it.each(['RR123456785VN', 'EC136431858VN', 'RR287043775IN', 'RR101000000VN', 'CP000000005VN'])('accepts %s', (id) => {
    expect(isValidS10(id)).toBe(true);
  });

  it('rejects EB123456789VN, naming the right check digit', () => {
    expect(isValidS10('EB123456789VN')).toBe(false);
    expect(s10Problem('EB123456789VN')).toBe('check digit is 9 but UPU S10 gives 5 for serial 12345678');
  });

  it.each(['', 'RR12345678VN', 'RR1234567855VN', 'rr123456785vn', 'R1123456785VN', 'RR123456785V1', ' RR123456785VN'])(
    'rejects the malformed %j',
    (id) => {
      expect(isValidS10(id)).toBe(false);
      expect(s10Problem(id)).toMatch(/UPU S10/);
    },
  );

  it('refuses a serial that is not 8 digits', () => {
    expect(() => s10CheckDigit('1234567')).toThrow(RangeError);
  });
});

describe('a scanned or typed tracking number, normalised', () => {
  it.each([
    ['rr 123-456-785 vn', 'RR123456785VN'],
    [']C0RR123456785VN\r', 'RR123456785VN'],
    ['\tRR123456785VN\n', 'RR123456785VN'],
  ])('%j reads as %s', (input, expected) => {
    expect(normaliseScannedTrackingNumber(input)).toBe(expected);
  });

  it('changes the case of ASCII letters only: a dotless ı or a ligature stays what it is, and is refused', () => {
    expect(normaliseScannedTrackingNumber('ıı123456785vn')).toBe('ıı123456785VN');
    expect(s10Problem(normaliseScannedTrackingNumber('ıı123456785vn'))).not.toBeNull();
    expect(normaliseScannedTrackingNumber('ﬆ123456785vn')).toBe('ﬆ123456785VN');
  });

  it('does not pick one of two codes read as one', () => {
    const both = normaliseScannedTrackingNumber('RR200000006VNRR123456785VN');
    expect(both).toBe('RR200000006VNRR123456785VN');
    expect(s10Problem(both)).not.toBeNull();
  });
});
