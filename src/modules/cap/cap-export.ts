import { XMLBuilder } from 'fast-xml-parser';
import type { SecurityAlert } from '../alert/security-alert.entity.js';
import {
  AGENCY_CODE_GEOCODE, CAP_CATEGORY, CAP_CERTAINTY, CAP_MSG_TYPE, CAP_NAMESPACE, CAP_PARAMETER, CAP_SEVERITY,
  CAP_STATUS, CAP_URGENCY, SHIPMENT_FIELDS, TLP_RESTRICTION, TLP_TEXT, capDateTime, capSender,
} from './cap-vocabulary.js';

/** An agency as a CAP message names it: its code (in `sender` and `geocode`) and its name. */
export interface CapAgency {
  code: string;
  name: string;
}

/** An earlier message named in CAP `references`. */
export interface CapReference {
  /** Code of the agency that issued it (its CAP `sender` is derived from it). */
  issuerAgencyCode: string;
  identifier: string;
  sent: Date;
}

/** Everything one CAP message is made of: the alert's own fields and what it points to. */
export interface CapMessage {
  alert: Pick<
    SecurityAlert,
    | 'identifier' | 'sent' | 'status' | 'msgType' | 'category' | 'event' | 'urgency' | 'severity' | 'certainty'
    | 'headline' | 'description' | 'instruction' | 'expires' | 'suspicionReason' | 'tlp' | 'shipment'
  >;
  issuerAgency: CapAgency;
  /** The target agencies, one CAP `area` each, in this order. */
  targets: CapAgency[];
  /** The earlier messages an Update or Cancel refers to (empty for an Alert). */
  references: CapReference[];
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: false,
  // Escapes &, <, >, " and ' in text and attributes.
  processEntities: true,
});

/**
 * One alert message as an OASIS CAP 1.2 XML document (UTF-8), valid against the CAP 1.2 schema: one `alert`
 * with one `info` block. Pure: everything it needs is in `message`.
 *
 * - `sender`: capSender of the issuing agency; `sent` and `expires`: province time, `+07:00` (capDateTime).
 * - `references` (Update, Cancel): `sender,identifier,sent` of each earlier message, space-separated.
 * - `scope` Restricted, with the TLP label's `restriction` text.
 * - `info`: category, event, urgency, severity, certainty (CAP spellings), expires, `senderName` (the issuing
 *   agency's name), headline, description, instruction; then `parameter`s for the TLP label, the suspicion
 *   reason and the shipment (CAP_PARAMETER); then one `area` per target agency, `areaDesc` its name and a
 *   `geocode` AGENCY_CODE_GEOCODE holding its code.
 *
 * Characters XML 1.0 cannot carry at all (control characters other than tab, line feed and carriage return)
 * are written as U+FFFD.
 */
export function capAlertXml({ alert, issuerAgency, targets, references }: CapMessage): string {
  const parameters: [string, string][] = [
    [CAP_PARAMETER.tlp, TLP_TEXT[alert.tlp]],
    [CAP_PARAMETER.suspicionReason, alert.suspicionReason],
  ];
  for (const field of SHIPMENT_FIELDS) {
    const value = alert.shipment?.[field];
    if (value) parameters.push([CAP_PARAMETER[field], value]);
  }
  const info = {
    category: CAP_CATEGORY[alert.category],
    event: text(alert.event),
    urgency: CAP_URGENCY[alert.urgency],
    severity: CAP_SEVERITY[alert.severity],
    certainty: CAP_CERTAINTY[alert.certainty],
    ...(alert.expires ? { expires: capDateTime(alert.expires) } : {}),
    senderName: text(issuerAgency.name),
    headline: text(alert.headline),
    description: text(alert.description),
    ...(alert.instruction ? { instruction: text(alert.instruction) } : {}),
    parameter: parameters.map(([valueName, value]) => ({ valueName, value: text(value) })),
    area: targets.map((agency) => ({
      areaDesc: text(agency.name),
      geocode: { valueName: AGENCY_CODE_GEOCODE, value: text(agency.code) },
    })),
  };
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    alert: {
      '@_xmlns': CAP_NAMESPACE,
      identifier: text(alert.identifier),
      sender: capSender(issuerAgency.code),
      sent: capDateTime(alert.sent),
      status: CAP_STATUS[alert.status],
      msgType: CAP_MSG_TYPE[alert.msgType],
      scope: 'Restricted',
      restriction: TLP_RESTRICTION[alert.tlp],
      ...(references.length > 0 ? { references: references.map(capReference).join(' ') } : {}),
      info,
    },
  };
  return builder.build(document) as string;
}

/** One entry of CAP `references`: `sender,identifier,sent` (CAP 1.2 §3.2.1). */
export function capReference(reference: CapReference): string {
  return `${capSender(reference.issuerAgencyCode)},${reference.identifier},${capDateTime(reference.sent)}`;
}

/** Characters XML 1.0 does not allow, even escaped (§2.2): C0 controls but tab, LF, CR; U+FFFE, U+FFFF; lone surrogates. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `value` with every character XML cannot carry replaced by U+FFFD. */
function text(value: string): string {
  return value.replace(NOT_XML, '\uFFFD');
}
