import type { EntityManager } from '@mikro-orm/postgresql';
import { requireViewer, type ViewerScope } from '../../platform/viewer-scope.js';
import { JointActivityKind, DocumentType } from '../activity/joint-activity.enums.js';
import { Agency } from '../agency/agency.entity.js';
import { Severity } from '../alert/alert.enums.js';
import { ownBranchSql } from '../access/alert-visibility.js';
import { HistoryEventKind, StatisticsGroupBy } from './history.enums.js';
import type { JointHistoryFilter } from './history.inputs.js';
import { historyUnion } from './history-sources.js';
import { PROVINCE_UTC_OFFSET_HOURS } from '../../platform/province-time.js';
import { AppError, ErrorCode } from '../../platform/errors.js';
import { inTransaction } from '../../platform/transaction.js';
import type { JointStatistics, JointStatisticsGroup } from './statistics.types.js';

const TOTAL = 'TOTAL';

/**
 * How long the statistics' statements may run in all, in milliseconds: past it PostgreSQL cancels them
 * (`statement_timeout`, SQLSTATE 57014) and the caller is asked for a narrower filter, instead of a connection
 * being held while other requests wait for one.
 */
export const STATISTICS_TIMEOUT_MS = 10_000;

/**
 * What one `jointStatistics` costs towards the request's cost limit (MAX_COMPLEXITY, 25,000): it scans the whole
 * filtered history, so a request holds four at most (the web app sends one per request).
 */
export const STATISTICS_COST = 5_000;

interface ActivityFigures { key: string; activities: string; attendances: string; cmnd: string; cccd: string; passports: string }
interface AlertFigures { key: string; alerts: string; severity: Severity | null; count: string }
interface AckFigures { key: string; deliveries: string; acknowledged: string; median: number | null }

/**
 * Counts and sums over the joint history the viewer may see (the same sources and filter as `jointHistory`),
 * in six statements whatever the size of the history: activities, alerts and acknowledgements, each grouped
 * and in total. They run one after the other in one read-only transaction (one connection of the pool per call),
 * under STATISTICS_TIMEOUT_MS.
 */
export class JointStatisticsService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: ViewerScope,
  ) {}

  /** @throws BAD_USER_INPUT for a malformed filter; NOT_FOUND for an unknown agency in it. */
  async compute(filter: JointHistoryFilter, groupBy: StatisticsGroupBy): Promise<JointStatistics> {
    const viewer = requireViewer(this.scope);
    const wanted = (kind: HistoryEventKind) => !filter.kinds?.length || filter.kinds.includes(kind);
    const kinds = [HistoryEventKind.JOINT_ACTIVITY, HistoryEventKind.ALERT].filter(wanted);
    // One union of the visible, filtered sources; each figure reads its own kind of rows from it.
    const union = kinds.length ? await historyUnion(this.em, viewer, { ...filter, kinds }) : null;
    const only = (kind: HistoryEventKind) =>
      union && kinds.includes(kind) ? { sql: `select * from (${union.sql}) as u where u.kind = '${kind}'`, bindings: union.bindings } : null;
    const activities = only(HistoryEventKind.JOINT_ACTIVITY);
    const alerts = only(HistoryEventKind.ALERT);

    const activityKey = { YEAR: 'extract(year from ja.started_on)::int::text', KIND: 'ja.kind::text', AGENCY: 'jaa.agency_id::text' }[groupBy];
    const activitySql = (key: string, perAgency: boolean) =>
      activities &&
      `select ${key} as key, count(distinct ja.id)::text as activities, coalesce(sum(ja.participant_count), 0)::text as attendances, ` +
        `coalesce(sum(ja.cmnd_delivered), 0)::text as cmnd, coalesce(sum(ja.cccd_delivered), 0)::text as cccd, ` +
        `coalesce(sum(ja.passports_delivered), 0)::text as passports ` +
        `from (${activities.sql}) as h join joint_activity ja on ja.id = h.id ` +
        `${perAgency ? 'join joint_activity_agency jaa on jaa.joint_activity_id = ja.id ' : ''}group by 1`;

    const localSent = `(sa.sent at time zone 'UTC' + interval '${PROVINCE_UTC_OFFSET_HOURS} hours')`;
    const alertKey = { YEAR: `extract(year from ${localSent})::int::text`, KIND: `'ALERT'`, AGENCY: 'sa.issuer_agency_id::text' }[groupBy];
    const posted = (key: string) =>
      alerts && `select ${key} as key, sa.* from (${alerts.sql}) as h join security_alert sa on sa.id = h.id where sa.msg_type = 'ALERT' and sa.status = 'ACTUAL'`;
    const alertSql = (key: string) =>
      alerts &&
      `select key, severity, count(*)::text as count, sum(count(*)) over (partition by key)::text as alerts ` +
        `from (${posted(key)}) as sa group by key, severity`;
    // A branch operator counts only their own branch's deliveries (they see no other branch's acknowledgements).
    const ownBranch = ownBranchSql(viewer, 'rc.branch_id');
    const ackSql = (key: string) =>
      alerts &&
      `select key, count(*)::text as deliveries, count(first_ack)::text as acknowledged, ` +
        `percentile_cont(0.5) within group (order by extract(epoch from first_ack - sent)) filter (where first_ack is not null) as median ` +
        `from (select sa.key, sa.sent, (select min(k.at) from acknowledgement k join security_alert v on v.id = k.alert_id ` +
        `where v.thread_id = sa.thread_id and k.branch_id = rc.branch_id) as first_ack ` +
        `from (${posted(key)}) as sa join alert_recipient rc on rc.alert_id = sa.id${ownBranch ? ` where ${ownBranch.sql}` : ''}) as d group by key`;
    const ackBindings = [...(alerts?.bindings ?? []), ...(ownBranch?.bindings ?? [])];

    const [groupActivities, totalActivities, groupAlerts, totalAlerts, groupAcks, totalAcks] = await this.inTurn([
      [activitySql(activityKey, groupBy === StatisticsGroupBy.AGENCY), activities?.bindings ?? []],
      [activitySql(`'${TOTAL}'`, false), activities?.bindings ?? []],
      [alertSql(alertKey), alerts?.bindings ?? []],
      [alertSql(`'${TOTAL}'`), alerts?.bindings ?? []],
      [ackSql(alertKey), ackBindings],
      [ackSql(`'${TOTAL}'`), ackBindings],
    ]) as [ActivityFigures[], ActivityFigures[], AlertFigures[], AlertFigures[], AckFigures[], AckFigures[]];
    const keys = [...new Set([...groupActivities, ...groupAlerts, ...groupAcks].map((row) => row.key))];
    const agencies = groupBy === StatisticsGroupBy.AGENCY && keys.length ? await this.em.find(Agency, { id: { $in: keys } }) : [];
    const groups = keys.map((key) => ({
      ...figures(key, groupActivities, groupAlerts, groupAcks),
      agency: agencies.find((a) => a.id === key) ?? null,
    }));
    return {
      groupBy,
      groups: groups.sort(groupOrder(groupBy)),
      total: { ...figures(TOTAL, totalActivities, totalAlerts, totalAcks), agency: null },
    };
  }

  /**
   * Runs the statements one after the other on one connection (a fork of its own: aliased calls of one request
   * do not share a transaction), in a read-only transaction limited to STATISTICS_TIMEOUT_MS; a null statement
   * gives no rows.
   * @throws BAD_REQUEST (HTTP 400) when PostgreSQL cancels them for taking longer.
   */
  private async inTurn(statements: [string | null, readonly unknown[]][]): Promise<unknown[][]> {
    try {
      return await inTransaction(this.em.fork(), async (tx) => {
        await tx.execute('set transaction read only');
        await tx.execute(`set local statement_timeout = ${STATISTICS_TIMEOUT_MS}`);
        const results: unknown[][] = [];
        for (const [sql, bindings] of statements) results.push(sql ? await tx.execute(sql, [...bindings]) : []);
        return results;
      });
    } catch (error) {
      if ((error as { code?: string }).code === '57014') {
        throw new AppError(ErrorCode.BAD_REQUEST, 'The statistics took too long to work out: choose a shorter period or fewer agencies', {
          http: { status: 400 },
        });
      }
      throw error;
    }
  }
}

/** The figures of group `key` from the three result sets. */
function figures(key: string, activities: ActivityFigures[], alerts: AlertFigures[], acks: AckFigures[]): Omit<JointStatisticsGroup, 'agency'> {
  const a = activities.find((row) => row.key === key);
  const bySeverity = alerts.filter((row) => row.key === key);
  const ack = acks.find((row) => row.key === key);
  const deliveries = Number(ack?.deliveries ?? 0);
  return {
    key,
    activities: Number(a?.activities ?? 0),
    attendances: Number(a?.attendances ?? 0),
    documentsDelivered: [
      { documentType: DocumentType.CMND, count: Number(a?.cmnd ?? 0) },
      { documentType: DocumentType.CCCD, count: Number(a?.cccd ?? 0) },
      { documentType: DocumentType.PASSPORT, count: Number(a?.passports ?? 0) },
    ],
    alerts: Number(bySeverity[0]?.alerts ?? 0),
    alertsBySeverity: Object.values(Severity).map((severity) => ({
      severity,
      count: Number(bySeverity.find((row) => row.severity === severity)?.count ?? 0),
    })),
    branchDeliveries: deliveries,
    acknowledgementRate: deliveries ? Number(ack!.acknowledged) / deliveries : null,
    medianSecondsToAcknowledge: ack?.median == null ? null : Number(ack.median),
  };
}

const KIND_ORDER = [...Object.values(JointActivityKind), 'ALERT'] as string[];

function groupOrder(groupBy: StatisticsGroupBy): (a: JointStatisticsGroup, b: JointStatisticsGroup) => number {
  switch (groupBy) {
    case StatisticsGroupBy.YEAR:
      return (a, b) => Number(a.key) - Number(b.key);
    case StatisticsGroupBy.KIND:
      return (a, b) => KIND_ORDER.indexOf(a.key) - KIND_ORDER.indexOf(b.key);
    default:
      return (a, b) => (a.agency?.code ?? a.key).localeCompare(b.agency?.code ?? b.key);
  }
}
