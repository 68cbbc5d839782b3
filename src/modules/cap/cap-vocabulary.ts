import {
  AlertCategory, AlertStatus, Certainty, MsgType, Severity, SuspicionReason, TlpLabel, Urgency,
} from '../alert/alert.enums.js';
import { provinceTimestamp } from '../../platform/province-time.js';

/**
 * How Postwatch writes its alerts in OASIS CAP 1.2 (and reads them back): the spelling of each enum value, the
 * CAP `sender`, time stamps, the `restriction` text of each TLP label, and the names of the `parameter`s and
 * `geocode`s that carry what CAP has no element for. Shared by the export (cap-export.ts) and the import
 * (cap.service.ts), so that one is the inverse of the other.
 */

/** The CAP 1.2 namespace (CAP 1.2 §3.3.1). */
export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

/**
 * Domain-like suffix of every CAP `sender` Postwatch writes: `<issuer agency code>@postwatch.invalid`, e.g.
 * `PPD@postwatch.invalid`. CAP 1.2 wants the sender globally unique, "e.g. based on an Internet domain name",
 * and free of spaces, commas and the restricted characters `<` and `&`. Agency codes are unique within
 * Postwatch and made of capitals, digits and hyphens; the `.invalid` top-level domain (RFC 2606) can never
 * belong to anyone else, so the name cannot clash with a real sender. A deployment that owns a domain may
 * change this constant; earlier exports then name the old sender.
 */
export const CAP_SENDER_DOMAIN = 'postwatch.invalid';

/**
 * The CAP `sender` of the messages an agency issues: `<code>@postwatch.invalid`. Anything but letters, digits,
 * `.` and `-` in the code (agency codes hold none) becomes `-`, so that the sender never holds a space, a comma,
 * `<` or `&`. It stays the same as long as the agency's code does.
 */
export function capSender(agencyCode: string): string {
  return `${agencyCode.replace(/[^A-Za-z0-9.-]/g, '-')}@${CAP_SENDER_DOMAIN}`;
}

/**
 * `instant` as a CAP 1.2 date-time in the province's civil time, Indochina Time (Asia/Ho_Chi_Minh), UTC+07:00 all
 * year, as Vietnam keeps no daylight saving time, so a fixed offset is exact. CAP 1.2 requires an offset on every
 * time and never `Z`, and allows no fractions of a second: e.g. `2026-05-01T09:30:00+07:00`.
 */
export const capDateTime = provinceTimestamp;

/** CAP 1.2 `status` of each AlertStatus. */
export const CAP_STATUS: Record<AlertStatus, string> = {
  [AlertStatus.ACTUAL]: 'Actual',
  [AlertStatus.EXERCISE]: 'Exercise',
  [AlertStatus.SYSTEM]: 'System',
  [AlertStatus.TEST]: 'Test',
  [AlertStatus.DRAFT]: 'Draft',
};

/** CAP 1.2 `msgType` of each MsgType (CAP's Ack and Error have no Postwatch counterpart). */
export const CAP_MSG_TYPE: Record<MsgType, string> = {
  [MsgType.ALERT]: 'Alert',
  [MsgType.UPDATE]: 'Update',
  [MsgType.CANCEL]: 'Cancel',
};

/** CAP 1.2 `category` of each AlertCategory. */
export const CAP_CATEGORY: Record<AlertCategory, string> = {
  [AlertCategory.GEO]: 'Geo',
  [AlertCategory.MET]: 'Met',
  [AlertCategory.SAFETY]: 'Safety',
  [AlertCategory.SECURITY]: 'Security',
  [AlertCategory.RESCUE]: 'Rescue',
  [AlertCategory.FIRE]: 'Fire',
  [AlertCategory.HEALTH]: 'Health',
  [AlertCategory.ENV]: 'Env',
  [AlertCategory.TRANSPORT]: 'Transport',
  [AlertCategory.INFRA]: 'Infra',
  [AlertCategory.CBRNE]: 'CBRNE',
  [AlertCategory.OTHER]: 'Other',
};

/** CAP 1.2 `urgency` of each Urgency. */
export const CAP_URGENCY: Record<Urgency, string> = {
  [Urgency.IMMEDIATE]: 'Immediate',
  [Urgency.EXPECTED]: 'Expected',
  [Urgency.FUTURE]: 'Future',
  [Urgency.PAST]: 'Past',
  [Urgency.UNKNOWN]: 'Unknown',
};

/** CAP 1.2 `severity` of each Severity. */
export const CAP_SEVERITY: Record<Severity, string> = {
  [Severity.EXTREME]: 'Extreme',
  [Severity.SEVERE]: 'Severe',
  [Severity.MODERATE]: 'Moderate',
  [Severity.MINOR]: 'Minor',
  [Severity.UNKNOWN]: 'Unknown',
};

/** CAP 1.2 `certainty` of each Certainty. */
export const CAP_CERTAINTY: Record<Certainty, string> = {
  [Certainty.OBSERVED]: 'Observed',
  [Certainty.LIKELY]: 'Likely',
  [Certainty.POSSIBLE]: 'Possible',
  [Certainty.UNLIKELY]: 'Unlikely',
  [Certainty.UNKNOWN]: 'Unknown',
};

/** Each TLP label as FIRST TLP 2.0 writes it (`TLP:AMBER+STRICT`); the value of the `postwatch:tlp` parameter. */
export const TLP_TEXT: Record<TlpLabel, string> = {
  [TlpLabel.RED]: 'TLP:RED',
  [TlpLabel.AMBER_STRICT]: 'TLP:AMBER+STRICT',
  [TlpLabel.AMBER]: 'TLP:AMBER',
  [TlpLabel.GREEN]: 'TLP:GREEN',
  [TlpLabel.CLEAR]: 'TLP:CLEAR',
};

/**
 * The CAP `restriction` text of each TLP label (the message's `scope` is always Restricted: it is meant for the
 * platform's users), after the FIRST TLP 2.0 definitions.
 */
export const TLP_RESTRICTION: Record<TlpLabel, string> = {
  [TlpLabel.RED]: 'TLP:RED: for the named recipients only; no further disclosure.',
  [TlpLabel.AMBER_STRICT]: "TLP:AMBER+STRICT: limited disclosure, within the recipient's own organisation only.",
  [TlpLabel.AMBER]:
    "TLP:AMBER: limited disclosure, within the recipient's organisation and its clients, on a need-to-know basis.",
  [TlpLabel.GREEN]: 'TLP:GREEN: limited disclosure, within the community; not to be made public.',
  [TlpLabel.CLEAR]: 'TLP:CLEAR: disclosure is not limited.',
};

/**
 * `valueName`s of the CAP `parameter`s that carry Postwatch data CAP has no element for. Values: the TLP label
 * as TLP_TEXT writes it, the SuspicionReason value (e.g. `NARCOTICS`), and the shipment's fields as stored
 * (the tracking number is a UPU S10 identifier, e.g. `RR123456785VN`). A parameter is written only when the
 * alert has a value for it.
 */
export const CAP_PARAMETER = {
  tlp: 'postwatch:tlp',
  suspicionReason: 'postwatch:suspicionReason',
  trackingNumber: 'postwatch:shipment:trackingNumber',
  declaredContents: 'postwatch:shipment:declaredContents',
  origin: 'postwatch:shipment:origin',
  destination: 'postwatch:shipment:destination',
  senderDescription: 'postwatch:shipment:senderDescription',
  recipientDescription: 'postwatch:shipment:recipientDescription',
} as const;

/** The shipment fields, in the order their parameters are written. */
export const SHIPMENT_FIELDS = [
  'trackingNumber', 'declaredContents', 'origin', 'destination', 'senderDescription', 'recipientDescription',
] as const;

/**
 * `valueName` of the `geocode` that names a target agency in an `area`: the value is the agency's code (e.g.
 * `PPO-EAST`), which an import resolves back to the agency.
 */
export const AGENCY_CODE_GEOCODE = 'postwatch:agencyCode';

/** `record` turned around: from each spelling back to its key. */
export function reverse<K extends string>(record: Record<K, string>): Map<string, K> {
  return new Map(Object.entries(record).map(([key, spelling]) => [spelling as string, key as K]));
}

/** SuspicionReason values by name, for reading the `postwatch:suspicionReason` parameter. */
export const SUSPICION_REASONS = new Set<string>(Object.values(SuspicionReason));
