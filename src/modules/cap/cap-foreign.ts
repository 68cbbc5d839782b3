import type { FieldProblem } from '../../platform/errors.js';
import { SuspicionReason } from '../alert/alert.enums.js';
import type { ParsedInfo } from './cap-document.js';

/**
 * What an import found wrong (every problem, answered at once) and what it could not carry over (warnings,
 * given back with the imported alert).
 */
export class Reading {
  readonly problems: FieldProblem[] = [];
  readonly warnings: string[] = [];

  problem(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  warn(message: string): void {
    this.warnings.push(message);
  }
}

/** Languages an import prefers, in order: the liaisons' own, then English (CAP 1.2 §3.2.2 `language`, RFC 3066). */
export const PREFERRED_LANGUAGES = ['vi', 'en'];

/**
 * The `info` block to import: the first in Vietnamese, else the first in English (CAP's default language when
 * none is given is en-US), else the first; and the others, whose text is kept in the description.
 */
export function chooseInfo(infos: ParsedInfo[]): { chosen: ParsedInfo; others: ParsedInfo[] } | null {
  if (infos.length === 0) return null;
  const primary = (info: ParsedInfo) => info.language.toLowerCase().split('-')[0];
  const chosen = PREFERRED_LANGUAGES.map((language) => infos.find((info) => primary(info) === language)).find(Boolean) ?? infos[0]!;
  return { chosen, others: infos.filter((info) => info !== chosen) };
}

/** A parameter or eventCode name that says it carries a tracking number (English, or Vietnamese without marks). */
const TRACKING_NAME = /tracking|s10|item.?(id|number|no)|barcode|parcel.?(id|number|no)|ma.?buu.?gui|so.?hieu|van.?don/i;
/** A parameter or eventCode name that says it carries the reason for suspicion. */
const REASON_NAME = /reason|suspicion|prohibit|ly.?do|hang.?cam/i;

/** Lower case, Vietnamese marks and đ taken off, so that names and values compare as plain letters. */
export function plain(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** A tracking number as people and scanners write it: capitals, without spaces, dashes or dots. */
export function normalisedTrackingNumber(value: string): string {
  return value.replace(/[\s.\-_]/g, '').toUpperCase();
}

/** The name → value pairs of an info's parameters and eventCodes, with where each came from. */
export function namedValues(info: ParsedInfo): { path: string; name: string; value: string }[] {
  return [
    ...info.parameters.map(({ valueName, value }) => ({ path: `info/parameter[${valueName}]`, name: valueName, value })),
    ...info.eventCodes.map(({ valueName, value }) => ({ path: `info/eventCode[${valueName}]`, name: valueName, value })),
  ];
}

/** The values whose names say they are tracking numbers, normalised, with their paths. */
export function trackingNumbersIn(info: ParsedInfo): { path: string; value: string }[] {
  return namedValues(info)
    .filter(({ name, value }) => !name.startsWith('postwatch:') && value !== '' && TRACKING_NAME.test(plain(name)))
    .map(({ path, value }) => ({ path, value: normalisedTrackingNumber(value) }));
}

/** The values whose names say they are reasons for suspicion. */
export function reasonsIn(info: ParsedInfo): { path: string; value: string }[] {
  return namedValues(info).filter(({ name, value }) => !name.startsWith('postwatch:') && value !== '' && REASON_NAME.test(plain(name)));
}

/** Other names for the reasons (English and Vietnamese, without marks), as words of the value. */
const REASON_WORDS: [RegExp, SuspicionReason][] = [
  [/narcotic|drug|heroin|cocaine|methamphetamine|cannabis|ma ?tuy|tien chat/, SuspicionReason.NARCOTICS],
  [/weapon|firearm|gun|ammunition|vu khi|dan duoc|sung/, SuspicionReason.WEAPONS],
  [/subversive|reactionary|propaganda|phan dong|doi truy/, SuspicionReason.SUBVERSIVE_MATERIAL],
  [/hazard|explosive|flammable|toxic|chemical|chat no|chat doc|de chay/, SuspicionReason.HAZARDOUS_SUBSTANCES],
  [/banned|contraband|prohibited goods|hang cam/, SuspicionReason.BANNED_GOODS],
  [/live|animal|plant|organism|dong vat|thuc vat/, SuspicionReason.LIVE_ORGANISMS],
  [/cash|currency|banknote|cheque|valuable paper|tien mat|giay to co gia/, SuspicionReason.CASH_AND_VALUABLE_PAPERS],
  [/gold|silver|precious|gem|diamond|kim loai quy|da quy|vang/, SuspicionReason.PRECIOUS_METALS_AND_STONES],
  [/secret|classified|bi mat/, SuspicionReason.STATE_SECRETS],
  [/consolidat|gom hang/, SuspicionReason.CONSOLIDATED_PARCEL],
];

/** The suspicion reason a value names: the enum value itself in any case or spacing, or one of its other names. */
export function reasonNamed(value: string): SuspicionReason | null {
  const key = plain(value).trim().replace(/[^a-z0-9]+/g, '_').toUpperCase();
  if ((Object.values(SuspicionReason) as string[]).includes(key)) return key as SuspicionReason;
  const words = plain(value).replace(/[^a-z0-9]+/g, ' ');
  return REASON_WORDS.find(([pattern]) => pattern.test(words))?.[1] ?? null;
}
