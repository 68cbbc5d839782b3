export { s10Fault as s10ProblemOf, type S10Fault as S10Problem } from '../../../src/modules/alert/s10.js';

/** Upper case, spaces and dashes dropped: what a clerk types (the post form sends it so). */
export function normaliseTrackingNumber(value: string): string {
  return value.toUpperCase().replace(/[\s-]+/g, '');
}
