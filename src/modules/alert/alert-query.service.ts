import { VisibleById } from '../../platform/visible-by-id.js';
import { sharedPerTurn } from '../../platform/batching.js';
import type { EntityManager, ObjectQuery } from '@mikro-orm/postgresql';
import { inSubquery, requireViewer, type ViewerScope } from '../../platform/viewer-scope.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { assertIds } from '../../platform/ids.js';
import { pageFrom, type Page } from '../../platform/relay.js';
import { visibleAlertsWhere, withinOwnBranch } from '../access/alert-visibility.js';
import { AgencyLevel, Sector } from '../agency/agency.enums.js';
import type { AgencyService } from '../agency/agency.service.js';
import { ContactRole } from '../../platform/contact-role.js';
import { alertCursor, seqFromAlertCursor } from './alert.connection.js';
import { MsgType } from './alert.enums.js';
import type { AlertFilter } from './alert.inputs.js';
import { AlertRecipient } from './alert-recipient.entity.js';
import { SecurityAlert } from './security-alert.entity.js';

/** Reads alerts, as far as the viewer may see them (access/alert-visibility.ts). */
export class AlertQueries {
  private readonly visibleById = new VisibleById(this.em, SecurityAlert, 'Alert', () => visibleAlertsWhere(this.em, requireViewer(this.scope)));

  constructor(
    private readonly em: EntityManager,
    private readonly scope: ViewerScope,
    private readonly agencies: AgencyService,
  ) {}

  /**
   * One page of the alerts the viewer may see (rules in access/alert-visibility.ts), newest first; `totalCount`
   * counts only those. `involvingAgencyId` narrows to alerts issued by that agency or delivered at or under it.
   * @throws BAD_USER_INPUT for a malformed cursor or id in the filter.
   */
  async list(
    filter: AlertFilter,
    first: number,
    after?: string | null,
    involvingAgencyId?: string,
  ): Promise<Page<SecurityAlert>> {
    assertIds('filter.branchId', filter.branchId);
    assertIds('filter.issuerAgencyId', filter.issuerAgencyId);
    const conditions = [visibleAlertsWhere(this.em, requireViewer(this.scope)), ...this.filterConditions(filter)];
    if (involvingAgencyId) conditions.push(await this.involving(involvingAgencyId));
    const where: ObjectQuery<SecurityAlert> = { $and: conditions };
    const afterSeq = after ? seqFromAlertCursor(after) : null;
    const [rows, totalCount] = await Promise.all([
      this.em.find(SecurityAlert, afterSeq ? { $and: [where, { deliverySeq: { $lt: afterSeq } }] } : where, {
        orderBy: { deliverySeq: 'desc' },
        limit: first + 1,
      }),
      this.em.count(SecurityAlert, where),
    ]);
    return pageFrom(rows, first, afterSeq !== null, totalCount, alertCursor);
  }

  /** @throws NOT_FOUND when there is no alert `id` or the viewer may not see it (the two are not told apart). */
  get(id: string): Promise<SecurityAlert> {
    return this.visibleById.get(id);
  }

  /** The alert when it exists and the viewer may see it, else null; batched per request. */
  findVisible(id: string): Promise<SecurityAlert | null> {
    return this.visibleById.find(id);
  }

  /**
   * Checks that the viewer may watch branch `branchId`: a branch operator only their own branch;
   * coordinators and auditors any branch.
   * @throws UNAUTHENTICATED without a viewer; NOT_FOUND when `branchId` is not a branch; FORBIDDEN for
   *   another branch's operator or a liaison.
   */
  async assertMayWatchBranch(branchId: string): Promise<void> {
    const viewer = requireViewer(this.scope);
    assertIds('branchId', branchId);
    // Every dashboard that subscribes or reconnects asks: one plain statement (no entity loaded) for all those
    // that ask in the same turn of the event loop.
    const connection = this.em.getConnection();
    const isBranch = await sharedPerTurn<string, boolean>(connection, 'branch', async (ids) => {
      const rows = await connection.execute<{ id: string }[]>('select id from agency where id = any(?::uuid[]) and sector = ? and level = ?', [
        `{${ids.join(',')}}`,
        Sector.POSTAL,
        AgencyLevel.BRANCH,
      ]);
      const found = new Set(rows.map((row) => row.id));
      return ids.map((id) => found.has(id));
    }).load(branchId);
    if (!isBranch) throw notFound('Branch', branchId);
    if (!withinOwnBranch(viewer, branchId)) {
      throw forbidden('A branch operator may only subscribe to their own branch');
    }
    if (viewer.role === ContactRole.POLICE_LIAISON) {
      throw forbidden('Branch alert feeds are for branch operators, coordinators and auditors');
    }
  }

  private filterConditions(filter: AlertFilter): ObjectQuery<SecurityAlert>[] {
    const conditions: ObjectQuery<SecurityAlert>[] = [];
    if (filter.branchId) conditions.push({ id: this.deliveredTo({ branch: filter.branchId }) });
    if (filter.issuerAgencyId) conditions.push({ issuerAgency: filter.issuerAgencyId });
    if (filter.severities?.length) conditions.push({ severity: { $in: filter.severities } });
    if (filter.msgTypes?.length) conditions.push({ msgType: { $in: filter.msgTypes } });
    if (filter.statuses?.length) conditions.push({ status: { $in: filter.statuses } });
    if (filter.tlps?.length) conditions.push({ tlp: { $in: filter.tlps } });
    if (filter.suspicionReasons?.length) conditions.push({ suspicionReason: { $in: filter.suspicionReasons } });
    if (filter.trackingNumber) conditions.push({ shipment: { trackingNumber: filter.trackingNumber.trim().toUpperCase() } });
    if (filter.sentFrom) conditions.push({ sent: { $gte: filter.sentFrom } });
    if (filter.sentTo) conditions.push({ sent: { $lt: filter.sentTo } });
    if (filter.activeOnly) conditions.push(activeWhere(new Date()));
    return conditions;
  }

  private async involving(agencyId: string): Promise<ObjectQuery<SecurityAlert>> {
    const agency = await this.agencies.get(agencyId);
    return { $or: [{ issuerAgency: agencyId }, { id: this.deliveredTo({ branch: { path: { $like: `${agency.path}%` } } }) }] };
  }

  private deliveredTo(condition: ObjectQuery<AlertRecipient>) {
    return inSubquery(this.em.createQueryBuilder(AlertRecipient, 'r').select('r.alert_id').where(condition));
  }
}

/**
 * Active alert versions at `now`: the current version of their alert (not superseded by an update or a
 * cancellation), not a cancellation themselves, and not past `expires` (CAP 1.2).
 */
export function activeWhere(now: Date): ObjectQuery<SecurityAlert> {
  return { supersededBy: null, msgType: { $ne: MsgType.CANCEL }, $or: [{ expires: null }, { expires: { $gt: now } }] };
}

/** The in-memory twin of `activeWhere`. */
export function isActive(alert: SecurityAlert, now = new Date()): boolean {
  return !alert.supersededBy && alert.msgType !== MsgType.CANCEL && (!alert.expires || alert.expires > now);
}
