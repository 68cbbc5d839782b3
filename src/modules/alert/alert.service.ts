import type { EntityManager, ObjectQuery } from '@mikro-orm/postgresql';
import { requireViewer, type ViewerScope } from '../../graphql/context.js';
import { badUserInput, forbidden, notFound } from '../../graphql/errors.js';
import { assertIds } from '../../graphql/ids.js';
import { pageFrom, type Page } from '../../graphql/relay.js';
import { visibleAlertsWhere } from '../access/alert-visibility.js';
import { inSubquery } from '../access/viewer-scope.js';
import type { EventBus, AlertPostedEvent } from '../../realtime/event-bus.js';
import { Agency } from '../agency/agency.entity.js';
import { AgencyLevel, Sector } from '../agency/agency.enums.js';
import type { AgencyService } from '../agency/agency.service.js';
import { ContactRole } from '../contact/contact-role.js';
import { Contact } from '../contact/contact.entity.js';
import { alertCursor, seqFromAlertCursor } from './alert.connection.js';
import type { AlertFilter, PostAlertInput } from './alert.inputs.js';
import { AlertRecipient } from './alert-recipient.entity.js';
import { nextDeliverySeq } from './delivery-sequence.js';
import { SecurityAlert } from './security-alert.entity.js';

/** Posting, reading and subscribing to security alerts. */
export class AlertService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: ViewerScope,
    private readonly agencies: AgencyService,
    private readonly bus: EventBus,
  ) {}

  /**
   * Stores a new alert (CAP msgType ALERT) from a police liaison, with the branches its targets reach, then
   * signals those branches. All or nothing: on any error nothing is written.
   * @throws BAD_USER_INPUT for unknown targets, targets that reach no branch, or an `expires` in the past.
   */
  async post(input: PostAlertInput): Promise<SecurityAlert> {
    const viewer = requireViewer(this.scope);
    const now = new Date();
    if (input.expires && input.expires.getTime() <= now.getTime()) {
      throw badUserInput('expires must be in the future', [{ field: 'expires', message: 'must be in the future' }]);
    }
    const repeated = input.targetIds.filter((id, i) => input.targetIds.indexOf(id) !== i);
    if (repeated.length > 0) {
      throw badUserInput(`Targets named more than once: ${[...new Set(repeated)].join(', ')}`, [
        { field: 'targetIds', message: 'must not repeat an agency' },
      ]);
    }
    const usable = (await this.agencies.findByIds(input.targetIds)).filter((agency) => !agency.archivedAt);
    const known = new Set(usable.map((agency) => agency.id));
    const unknown = input.targetIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw badUserInput(`Unknown or archived target agencies: ${unknown.join(', ')}`, [
        { field: 'targetIds', message: `unknown or archived agency ids: ${unknown.join(', ')}` },
      ]);
    }
    const reached = await this.agencies.branchesReachedBy(input.targetIds);
    if (reached.length === 0) {
      throw badUserInput('The targets reach no post-office branch', [
        { field: 'targetIds', message: 'must name a branch, or an agency with branches under it' },
      ]);
    }

    const alert = await this.em.transactional(async (tx) => {
      const created = tx.create(SecurityAlert, {
        identifier: 'pending',
        deliverySeq: '0',
        sent: now,
        status: input.status,
        event: input.event.trim(),
        urgency: input.urgency,
        severity: input.severity,
        certainty: input.certainty,
        headline: input.headline.trim(),
        description: input.description.trim(),
        instruction: input.instruction?.trim() || null,
        expires: input.expires ?? null,
        suspicionReason: input.suspicionReason,
        tlp: input.tlp,
        shipment: input.shipment ? { ...input.shipment } : null,
        issuer: tx.getReference(Contact, viewer.contactId),
        issuerAgency: tx.getReference(Agency, viewer.agencyId),
      });
      created.targets.set(input.targetIds.map((id) => tx.getReference(Agency, id)));
      for (const { branchId, direct } of reached) {
        tx.create(AlertRecipient, { alert: created, branch: tx.getReference(Agency, branchId), direct });
      }
      // Last before commit: the counter row stays locked until the transaction ends.
      created.deliverySeq = await nextDeliverySeq(tx);
      created.identifier = capIdentifier(now, created.deliverySeq);
      return created;
    });

    const event: AlertPostedEvent = { alertId: alert.id, deliverySeq: alert.deliverySeq };
    this.bus.alertPosted(event, reached.map((r) => r.branchId));
    return alert;
  }

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
  async get(id: string): Promise<SecurityAlert> {
    assertIds('id', id);
    const alert = await this.findVisible(id);
    if (!alert) throw notFound('Alert', id);
    return alert;
  }

  /** The alert when it exists and the viewer may see it, else null. */
  findVisible(id: string): Promise<SecurityAlert | null> {
    return this.em.findOne(SecurityAlert, { $and: [{ id }, visibleAlertsWhere(this.em, requireViewer(this.scope))] });
  }

  /**
   * Checks that the viewer may watch branch `branchId`: a branch operator only their own branch;
   * coordinators and auditors any branch.
   * @throws NOT_FOUND when `branchId` is not a branch; FORBIDDEN for another branch's operator or a liaison.
   */
  async assertMayWatchBranch(branchId: string): Promise<void> {
    const viewer = requireViewer(this.scope);
    assertIds('branchId', branchId);
    const branch = await this.em.findOne(Agency, { id: branchId, sector: Sector.POSTAL, level: AgencyLevel.BRANCH });
    if (!branch) throw notFound('Branch', branchId);
    if (viewer.role === ContactRole.BRANCH_OPERATOR && viewer.agencyId !== branchId) {
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
    if (filter.activeOnly) conditions.push({ $or: [{ expires: null }, { expires: { $gt: new Date() } }] });
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

/** CAP identifier of an alert: `PW-<year of sending, UTC>-<delivery sequence, 6 digits or more>`. */
export function capIdentifier(sent: Date, deliverySeq: string): string {
  return `PW-${sent.getUTCFullYear()}-${deliverySeq.padStart(6, '0')}`;
}
