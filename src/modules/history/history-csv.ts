import type { EntityManager } from '@mikro-orm/postgresql';
import { JointActivity } from '../activity/joint-activity.entity.js';
import { AgreementReview } from '../agreement/agreement-review.entity.js';
import { Agreement } from '../agreement/agreement.entity.js';
import { SecurityAlert } from '../alert/security-alert.entity.js';
import type { JointHistoryEntry } from './history.types.js';
import { provinceTimestamp } from '../../platform/province-time.js';

/** Columns of the joint-history CSV report, in order (the header row). */
export const CSV_COLUMNS = [
  'occurred_at', 'kind', 'record_type', 'record_id', 'title', 'detail', 'agencies', 'agreement',
  'participants', 'cmnd_delivered', 'cccd_delivered', 'passports_delivered', 'severity', 'msg_type', 'alert_status',
] as const;

type CsvRow = Record<(typeof CSV_COLUMNS)[number], string | number>;

/**
 * The CSV rows of a batch of timeline entries. Agency codes (`;`-separated: parties, attendees, agencies
 * taking part, or the issuer and the targets of an alert) are read in four statements per batch, and the codes
 * of the agreements the viewer may see through `visibleAgreements`. Text that a spreadsheet would run as a formula is defused (see `cell`).
 */
export async function csvRows(
  em: EntityManager,
  entries: JointHistoryEntry[],
  visibleAgreements: (ids: string[]) => Promise<Agreement[]>,
): Promise<CsvRow[]> {
  const ids = (type: new () => object) => entries.filter((e) => e.subject instanceof type).map((e) => (e.subject as { id: string }).id);
  const knex = em.getKnex();
  const grouped = async (query: Promise<{ owner: string; code: string }[]>) => {
    const map = new Map<string, string[]>();
    for (const row of await query) map.set(row.owner, [...(map.get(row.owner) ?? []), row.code]);
    return map;
  };
  const agreementIds = [...new Set([
    ...ids(Agreement),
    ...entries.flatMap((e) => ('agreement' in e.subject && e.subject.agreement ? [e.subject.agreement.id] : [])),
  ])];
  const [parties, attendees, taking, targets, agreements] = await Promise.all([
    grouped(knex('agreement_party as p').join('agency as a', 'a.id', 'p.agency_id').whereIn('p.agreement_id', ids(Agreement))
      .select('p.agreement_id as owner', 'a.code').orderBy('a.code')),
    grouped(knex('agreement_review_attendee as r').join('agency as a', 'a.id', 'r.agency_id').whereIn('r.agreement_review_id', ids(AgreementReview))
      .select('r.agreement_review_id as owner', 'a.code').orderBy('a.code')),
    grouped(knex('joint_activity_agency as j').join('agency as a', 'a.id', 'j.agency_id').whereIn('j.joint_activity_id', ids(JointActivity))
      .select('j.joint_activity_id as owner', 'a.code').orderBy('a.code')),
    grouped(knex('security_alert as s').join('agency as i', 'i.id', 's.issuer_agency_id').whereIn('s.id', ids(SecurityAlert))
      .select('s.id as owner', 'i.code')
      .unionAll((q) => q.from('security_alert_target as t').join('agency as a', 'a.id', 't.agency_id')
        .whereIn('t.security_alert_id', ids(SecurityAlert)).select('t.security_alert_id as owner', 'a.code'))),
    visibleAgreements(agreementIds),
  ]);
  // Only agreements the viewer may see are named (an activity may have been done under one they may not).
  const agreementCode = (id?: string) => (id ? agreements.find((a) => a.id === id)?.code ?? '' : '');
  return entries.map(({ kind, occurredAt, subject }) => {
    const base = {
      occurred_at: provinceTimestamp(occurredAt), kind, record_type: subject.constructor.name, record_id: subject.id,
      participants: '', cmnd_delivered: '', cccd_delivered: '', passports_delivered: '', severity: '', msg_type: '', alert_status: '',
    };
    if (subject instanceof Agreement) {
      return { ...base, title: cell(`${subject.code}: ${subject.title}`), detail: subject.status, agencies: (parties.get(subject.id) ?? []).join(';'), agreement: subject.code };
    }
    if (subject instanceof AgreementReview) {
      return { ...base, title: cell(subject.title), detail: cell(subject.venue ?? ''), agencies: (attendees.get(subject.id) ?? []).join(';'), agreement: agreementCode(subject.agreement.id) };
    }
    if (subject instanceof JointActivity) {
      return {
        ...base, title: cell(subject.title), detail: subject.kind, agencies: (taking.get(subject.id) ?? []).join(';'),
        agreement: agreementCode(subject.agreement?.id), participants: subject.participantCount ?? '',
        cmnd_delivered: subject.cmndDelivered, cccd_delivered: subject.cccdDelivered, passports_delivered: subject.passportsDelivered,
      };
    }
    const alert = subject as SecurityAlert;
    return {
      ...base, title: cell(alert.headline), detail: cell(alert.identifier), agencies: (targets.get(alert.id) ?? []).join(';'),
      agreement: agreementCode(alert.agreement?.id), severity: alert.severity, msg_type: alert.msgType, alert_status: alert.status,
    };
  });
}

/**
 * Text as a spreadsheet cell: a value starting with `=`, `+`, `-`, `@`, tab or carriage return would be run
 * as a formula by spreadsheet programs, so it gets a leading apostrophe (OWASP, "CSV Injection").
 */
export function cell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
