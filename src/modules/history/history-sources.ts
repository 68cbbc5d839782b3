import type { EntityManager, Knex, ObjectQuery } from '@mikro-orm/postgresql';
import { inSubquery, type Viewer } from '../../platform/viewer-scope.js';
import { badUserInput, notFound } from '../../platform/errors.js';
import { visibleActivitiesWhere } from '../access/activity-visibility.js';
import { visibleAgreementsWhere } from '../access/agreement-visibility.js';
import { visibleAlertsWhere } from '../access/alert-visibility.js';
import { JointActivity } from '../activity/joint-activity.entity.js';
import { Agency } from '../agency/agency.entity.js';
import { AgreementReview } from '../agreement/agreement-review.entity.js';
import { Agreement } from '../agreement/agreement.entity.js';
import { AgreementStatus } from '../agreement/agreement.enums.js';
import { SecurityAlert } from '../alert/security-alert.entity.js';
import { HistoryEventKind } from './history.enums.js';
import type { JointHistoryFilter } from './history.inputs.js';
import { assertDayInRange, provinceMidnightSql, startOfProvinceDay } from '../../platform/province-time.js';

/** One row of the timeline as the database orders it. */
export interface HistoryRow {
  kind: HistoryEventKind;
  id: string;
  occurred_at: Date;
  /** `occurred_at` in microseconds since 1970, as text: the exact ordering key (PostgreSQL keeps microseconds). */
  micros: string;
}

/** SQL with `?` placeholders and its values, as knex renders it. */
export interface SqlPart {
  sql: string;
  bindings: readonly unknown[];
}

/**
 * The timeline's sources as one SQL `union all` of (kind, id, occurred_at, micros) rows: agreement events,
 * reviews, joint activities and alert messages, each restricted to what the viewer may see (the access rules)
 * and to the filter. Ordering and paging are left to the caller.
 * @throws BAD_USER_INPUT for days out of order; NOT_FOUND for an unknown agency in the filter.
 */
export async function historyUnion(em: EntityManager, viewer: Viewer, filter: JointHistoryFilter): Promise<SqlPart> {
  for (const [field, day] of [['from', filter.from], ['to', filter.to]] as const) {
    if (day) assertDayInRange(`filter.${field}`, day);
  }
  if (filter.from && filter.to && filter.to < filter.from) {
    throw badUserInput('to is before from', [{ field: 'filter.to', message: 'must not be before from' }]);
  }
  // Naming an agreement the viewer may not see would tell that it exists (and what was done under it).
  if (filter.agreementId && !(await em.count(Agreement, { $and: [{ id: filter.agreementId }, visibleAgreementsWhere(em, viewer)] }))) {
    throw notFound('Agreement', filter.agreementId);
  }
  const paths = await agencyPaths(em, filter.agencyIds ?? []);
  const wanted = (kind: HistoryEventKind) => !filter.kinds?.length || filter.kinds.includes(kind);
  const knex = em.getKnex();
  const involving = (pathColumn: string) => (q: Knex.QueryBuilder) => {
    paths.forEach((path, i) => (i === 0 ? q.where(pathColumn, 'like', `${path}%`) : q.orWhere(pathColumn, 'like', `${path}%`)));
  };
  const partiesInvolved = () =>
    knex('agreement_party as hp').join('agency as hpa', 'hpa.id', 'hp.agency_id').select('hp.agreement_id').where(involving('hpa.path'));
  const parts: Knex.QueryBuilder[] = [];
  const row = (qb: { getKnexQuery(): Knex.QueryBuilder }, kind: HistoryEventKind, column: string, alias: string, date: boolean) => {
    const at = date ? provinceMidnightSql(`${alias}.${column}`) : `${alias}.${column}`;
    return qb
      .getKnexQuery()
      .clearSelect()
      .clearOrder()
      .select(knex.raw(`'${kind}'::text as kind, ${alias}.id as id, ${at} as occurred_at`));
  };

  const agreementWhere = (extra: ObjectQuery<Agreement>): ObjectQuery<Agreement> => ({
    $and: [
      visibleAgreementsWhere(em, viewer),
      extra,
      filter.agreementId ? { id: filter.agreementId } : {},
      paths.length ? { id: inSubquery({ getKnexQuery: partiesInvolved }) } : {},
    ],
  });
  const agreementEvents: [HistoryEventKind, ObjectQuery<Agreement>, string][] = [
    [HistoryEventKind.AGREEMENT_SIGNED, { status: { $ne: AgreementStatus.DRAFT }, signedOn: { $ne: null } }, 'signed_on'],
    [HistoryEventKind.AGREEMENT_SUPERSEDED, { status: AgreementStatus.SUPERSEDED, endedOn: { $ne: null } }, 'ended_on'],
    [HistoryEventKind.AGREEMENT_TERMINATED, { status: AgreementStatus.TERMINATED, endedOn: { $ne: null } }, 'ended_on'],
  ];
  for (const [kind, where, column] of agreementEvents) {
    if (wanted(kind)) parts.push(row(em.createQueryBuilder(Agreement, 'ag').where(agreementWhere(where)), kind, column, 'ag', true));
  }

  if (wanted(HistoryEventKind.AGREEMENT_REVIEWED)) {
    const visibleAgreements = em.createQueryBuilder(Agreement, 'rva').select('rva.id').where(visibleAgreementsWhere(em, viewer));
    const attendees = () =>
      knex('agreement_review_attendee as ra').join('agency as raa', 'raa.id', 'ra.agency_id').select('ra.agreement_review_id').where(involving('raa.path'));
    const where: ObjectQuery<AgreementReview> = {
      $and: [
        { agreement: inSubquery(visibleAgreements) },
        filter.agreementId ? { agreement: filter.agreementId } : {},
        paths.length ? { $or: [{ id: inSubquery({ getKnexQuery: attendees }) }, { agreement: inSubquery({ getKnexQuery: partiesInvolved }) }] } : {},
      ],
    };
    parts.push(row(em.createQueryBuilder(AgreementReview, 'rv').where(where), HistoryEventKind.AGREEMENT_REVIEWED, 'held_on', 'rv', true));
  }

  if (wanted(HistoryEventKind.JOINT_ACTIVITY)) {
    const taking = () =>
      knex('joint_activity_agency as hja').join('agency as hjaa', 'hjaa.id', 'hja.agency_id').select('hja.joint_activity_id').where(involving('hjaa.path'));
    const where: ObjectQuery<JointActivity> = {
      $and: [
        visibleActivitiesWhere(em, viewer),
        filter.agreementId ? { agreement: filter.agreementId } : {},
        filter.activityKinds?.length ? { kind: { $in: filter.activityKinds } } : {},
        paths.length ? { id: inSubquery({ getKnexQuery: taking }) } : {},
      ],
    };
    parts.push(row(em.createQueryBuilder(JointActivity, 'ja').where(where), HistoryEventKind.JOINT_ACTIVITY, 'started_on', 'ja', true));
  }

  if (wanted(HistoryEventKind.ALERT)) {
    const reached = () =>
      knex('alert_recipient as har').join('agency as hara', 'hara.id', 'har.branch_id').select('har.alert_id').where(involving('hara.path'));
    const issuers = () => knex('agency as hia').select('hia.id').where(involving('hia.path'));
    const where: ObjectQuery<SecurityAlert> = {
      $and: [
        visibleAlertsWhere(em, viewer),
        filter.agreementId ? { agreement: filter.agreementId } : {},
        paths.length ? { $or: [{ issuerAgency: inSubquery({ getKnexQuery: issuers }) }, { id: inSubquery({ getKnexQuery: reached }) }] } : {},
      ],
    };
    parts.push(row(em.createQueryBuilder(SecurityAlert, 'sa').where(where), HistoryEventKind.ALERT, 'sent', 'sa', false));
  }

  const rendered = parts.map((part) => part.toSQL());
  const union = rendered.length
    ? rendered.map((part) => `(${part.sql})`).join(' union all ')
    : `select null::text as kind, null::uuid as id, null::timestamptz as occurred_at where false`;
  const bindings = rendered.flatMap((part) => part.bindings);
  const range: string[] = [];
  const rangeBindings: unknown[] = [];
  if (filter.from) {
    range.push('occurred_at >= ?');
    rangeBindings.push(startOfProvinceDay(filter.from));
  }
  if (filter.to) {
    range.push('occurred_at < ?');
    rangeBindings.push(new Date(startOfProvinceDay(filter.to).getTime() + 86_400_000));
  }
  return {
    sql:
      `select kind, id, occurred_at, (extract(epoch from occurred_at) * 1000000)::bigint::text as micros ` +
      `from (${union}) as history${range.length ? ` where ${range.join(' and ')}` : ''}`,
    bindings: [...bindings, ...rangeBindings],
  };
}

/** `path` of each agency of the filter. @throws NOT_FOUND for an unknown one. */
async function agencyPaths(em: EntityManager, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const agencies = await em.find(Agency, { id: { $in: ids } });
  const missing = ids.find((id) => !agencies.some((a) => a.id === id));
  if (missing) throw notFound('Agency', missing);
  return agencies.map((a) => a.path);
}
