import type { EntityManager } from '@mikro-orm/postgresql';
import { batcherOf } from '../../platform/batching.js';
import type { Signals } from '../../platform/live.js';
import { ContactRole } from '../../platform/contact-role.js';
import { badUserInput, forbidden } from '../../platform/errors.js';
import type { AuditedCall } from '../../platform/request-context.js';
import { inTransaction } from '../../platform/transaction.js';
import { requireViewer, type ViewerScope } from '../../platform/viewer-scope.js';
import { audiencesOf, canSeeAlert, ownBranchWhere } from '../access/alert-visibility.js';
import { activeWhere, type AlertQueries } from '../alert/alert-query.service.js';
import { nextDeliverySeqs } from '../alert/delivery-sequence.js';
import { s10Problem } from '../alert/s10.js';
import { SecurityAlert } from '../alert/security-alert.entity.js';
import { Agency } from '../agency/agency.entity.js';
import { Contact } from '../contact/contact.entity.js';
import { ShipmentSighting } from './shipment-sighting.entity.js';
import { SightingMethod } from './sighting.enums.js';
import { normaliseScannedTrackingNumber } from './tracking-number.js';

/** Most tracking numbers one check may name (a branch's manifest of the day). */
export const MAX_CHECKED_NUMBERS = 500;

/** What a check found for one tracking number. */
export interface CheckResult {
  trackingNumber: string;
  matches: SecurityAlert[];
  checkedAt: Date;
}

/**
 * The counter check (Law on Post, Article 14: an operator stops a prohibited item and notifies the
 * authorities): is a parcel named in an active alert the branch may see? A match records a sighting.
 */
export class ShipmentCheckService {
  /** Per alert version: its sightings the viewer may see, oldest first (one query per request). */
  private readonly sightings = batcherOf(this.em).loader<string, ShipmentSighting[]>(async (alertIds) => {
    const rows = await this.em.find(
      ShipmentSighting,
      { alert: { $in: [...alertIds] }, ...ownBranchWhere(requireViewer(this.scope)) },
      { orderBy: { deliverySeq: 'asc' } },
    );
    return alertIds.map((alertId) => rows.filter((row) => row.alert.id === alertId));
  });

  constructor(
    private readonly em: EntityManager,
    private readonly scope: ViewerScope,
    private readonly alerts: AlertQueries,
    private readonly signals: Signals,
  ) {}

  /**
   * Checks `inputs` (typed or scanned; normalised, then checked as UPU S10) at branch `branchId` (a branch
   * operator's own branch when absent). Matches are the active alert versions the viewer may see that were
   * delivered to that branch and name the number, found through the index on `shipment_tracking_number`. Each
   * match records a sighting (alert version, branch, contact, time, method) with a delivery sequence number,
   * all in one transaction with the call's audit entry (`audit`, when given: it names the alert when one matched,
   * and the number of sightings); an auditor's check records none (auditors change nothing). A number that
   * matches nothing, or only alerts the viewer may not see, answers no match and records nothing (the audit entry
   * is then written by the caller).
   * @throws BAD_USER_INPUT naming `trackingNumbers[i]` (or `trackingNumber`) with the S10 message, for more than
   *   500 numbers or none; NOT_FOUND when `branchId` is not a branch; FORBIDDEN for a liaison, for another
   *   branch than an operator's own, or without `branchId` for a coordinator or an auditor.
   */
  async check(inputs: string[], branchId: string | null | undefined, method: SightingMethod, field: string, audit?: AuditedCall): Promise<CheckResult[]> {
    const viewer = requireViewer(this.scope);
    if (inputs.length === 0 || inputs.length > MAX_CHECKED_NUMBERS) {
      throw badUserInput(`Give 1 to ${MAX_CHECKED_NUMBERS} tracking numbers`, [{ field, message: `must hold 1 to ${MAX_CHECKED_NUMBERS} numbers` }]);
    }
    const numbers = inputs.map(normaliseScannedTrackingNumber);
    const problems = numbers.flatMap((number, i) => {
      const problem = s10Problem(number);
      // `trackingNumber` names the one number of shipmentCheck; a list names each as `trackingNumbers[i]`.
      // The number is echoed shortened: a refusal of 500 long strings must not answer with all of them twice.
      const shown = number.length > 20 ? `${number.slice(0, 20)}…` : number;
      return problem ? [{ field: field === 'trackingNumber' ? field : `${field}[${i}]`, message: `${shown}: ${problem}` }] : [];
    });
    if (problems.length > 0) throw badUserInput(`Not a UPU S10 tracking number: ${problems.map((p) => p.message).join('; ')}`, problems);

    if (viewer.role === ContactRole.POLICE_LIAISON) throw forbidden('Shipment checks are for branch operators, coordinators and auditors');
    const branch = branchId ?? (viewer.role === ContactRole.BRANCH_OPERATOR ? viewer.agencyId : null);
    if (branch === null) throw forbidden('Name the branch the parcel is at (branchId)');
    const now = new Date();
    // The index on shipment_tracking_number finds the few active alerts naming these numbers; who may see them
    // is then decided in memory by the visibility rule's own in-memory form, over their recipients. (The rule as
    // SQL, an OR of `id in (subquery)`, made PostgreSQL hash every delivery to the branch: 40-80 ms at 100,000
    // alerts, against about 1 ms for this.) The branch is checked at the same time, on another connection: a
    // refusal discards the candidates unseen.
    const [, candidates] = await Promise.all([
      this.alerts.assertMayWatchBranch(branch),
      this.em.find(
        SecurityAlert,
        { $and: [{ shipment: { trackingNumber: { $in: [...new Set(numbers)] } } }, activeWhere(now)] },
        { orderBy: { deliverySeq: 'desc' } },
      ),
    ]);
    // Asked even for no candidate: a check costs the same queries whether or not some alert, visible or not, names
    // the number (its time must not tell a branch that an alert it may not see exists).
    const audiences = await audiencesOf(this.em, candidates);
    const matches = candidates.filter((alert) => {
      const audience = audiences.get(alert.id)!;
      return audience.recipients.some((r) => r.branchId === branch) && canSeeAlert(viewer, audience);
    });
    if (matches.length > 0 && viewer.role !== ContactRole.AUDITOR) {
      // Oldest alert first, so that sequence numbers follow the alerts' own order.
      const ordered = [...matches].reverse();
      const recorded = await inTransaction(this.em, async (tx) => {
        // The rows the sightings and the audit entry reference are locked (KEY SHARE, as the foreign keys would)
        // before the delivery counter is taken: a check waiting for an alert being updated, or for the clerk's
        // own account being changed, then waits without holding the counter every other delivery needs.
        await tx.execute(
          `select 1 from security_alert a, agency b, contact c where a.id in (?) and b.id = ? and c.id = ? for key share`,
          [ordered.map((alert) => alert.id), branch, viewer.contactId],
        );
        const seqs = await nextDeliverySeqs(tx, ordered.length);
        const sightings = ordered.map((alert, i) =>
          tx.create(ShipmentSighting, {
            alert: tx.getReference(SecurityAlert, alert.id),
            branch: tx.getReference(Agency, branch),
            contact: tx.getReference(Contact, viewer.contactId),
            method,
            deliverySeq: seqs[i]!,
          }),
        );
        audit?.recordIn(tx, ordered.length === 1 ? { targetType: 'SecurityAlert', targetId: ordered[0]!.id } : undefined, { sightings: sightings.length });
        await tx.flush();
        return sightings;
      });
      // After the commit: the issuing liaisons' boards read it.
      for (const [i, sighting] of recorded.entries()) this.signals.sighted(ordered[i]!.threadId, sighting.id);
    }
    return numbers.map((trackingNumber) => ({
      trackingNumber,
      matches: matches.filter((alert) => alert.shipment?.trackingNumber === trackingNumber),
      checkedAt: now,
    }));
  }

  /**
   * The sightings of alert version `alert` the viewer may see: all of them for those who see the alert (its
   * issuing liaisons, coordinators, auditors), a branch operator only their own branch's. Oldest first.
   */
  sightingsOf(alert: SecurityAlert): Promise<ShipmentSighting[]> {
    return this.sightings.load(alert.id);
  }

  /**
   * Sightings of any version of alert thread `threadId` committed after delivery sequence number `afterSeq`, as
   * far as the viewer may see them (as `sightingsOf`: of versions they may see, a branch operator only their own
   * branch's), in delivery order: what a live board reads.
   */
  async visibleAfter(threadId: string, afterSeq: bigint): Promise<ShipmentSighting[]> {
    const viewer = requireViewer(this.scope);
    const rows = await this.em.find(
      ShipmentSighting,
      { alert: { threadId }, deliverySeq: { $gt: afterSeq.toString() }, ...ownBranchWhere(viewer) },
      { orderBy: { deliverySeq: 'asc' }, populate: ['alert'] },
    );
    // Only the sightings of versions the viewer may see (a version posted as TLP:RED and widened later stays
    // unseen to those it did not reach), decided in memory over the few versions concerned.
    const versions = [...new Map(rows.map((row) => [row.alert.id, row.alert.getEntity()])).values()];
    const audiences = await audiencesOf(this.em, versions);
    return rows.filter((row) => canSeeAlert(viewer, audiences.get(row.alert.id)!));
  }
}
