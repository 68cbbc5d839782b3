import { s10CheckDigit } from '../../../src/modules/alert/s10.js';

/** What is wrong with a tracking number as typed, checked like the server does (UPU S10), or null. */
export type S10Problem = { kind: 'shape' } | { kind: 'checkDigit'; given: string; expected: number };

/** Upper case, spaces and dashes dropped: what a clerk types or a scanner sends. */
export function normaliseTrackingNumber(value: string): string {
  return value.toUpperCase().replace(/[\s-]+/g, '');
}

/** The S10 problem of a normalised number, or null when it is valid (same rule as the API). */
export function s10ProblemOf(value: string): S10Problem | null {
  const match = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/.exec(value);
  if (!match) return { kind: 'shape' };
  const expected = s10CheckDigit(match[2]!);
  return Number(match[3]) === expected ? null : { kind: 'checkDigit', given: match[3]!, expected };
}
