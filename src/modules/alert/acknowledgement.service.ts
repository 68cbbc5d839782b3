import { batcherOf } from '../../platform/batching.js';
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { requireViewer, type ViewerScope } from '../../platform/viewer-scope.js';
import { notFound } from '../../platform/errors.js';
import { assertIds } from '../../platform/ids.js';
import { checkedText } from '../../platform/validators.js';
import { inTransaction } from '../../platform/transaction.js';
import type { Signals } from '../../platform/live.js';
import { ownBranchWhere, visibleAcknowledgementsWhere } from '../access/alert-visibility.js';
import { Agency } from '../agency/agency.entity.js';
import { Contact } from '../contact/contact.entity.js';
import { Acknowledgement } from './acknowledgement.entity.js';
import type { AckOutcome } from './acknowledgement.enums.js';
import type { AlertQueries } from './alert-query.service.js';
import { AlertRecipient } from './alert-recipient.entity.js';
import { nextDeliverySeq } from './delivery-sequence.js';
import type { SecurityAlert } from './security-alert.entity.js';

/** Acknowledgements of alert versions by the branches they reached. */
export class AcknowledgementService {
  /** Per alert version: the current (latest) acknowledgement of each branch, visible to the viewer, in commit order. */
  private readonly currentByAlert = batcherOf(this.em).loader<string, Acknowledgement[]>(async (alertIds) => {
    const rows = await this.em.find(
      Acknowledgement,
      { $and: [{ alert: { $in: [...alertIds] } }, visibleAcknowledgementsWhere(this.em, requireViewer(this.scope))] },
      { orderBy: { revision: 'desc' } },
    );
    return alertIds.map((alertId) => {
      const latest = new Map<string, Acknowledgement>();
      for (const row of rows) if (row.alert.id === alertId && !latest.has(row.branch.id)) latest.set(row.branch.id, row);
      // In the order they were recorded (delivery sequence numbers are bigint text: shorter is smaller).
      return [...latest.values()].sort((a, b) => a.deliverySeq.length - b.deliverySeq.length || (a.deliverySeq < b.deliverySeq ? -1 : 1));
    });
  });

  /** Per `alertId|branchId`: every revision of that branch's acknowledgement of that version, oldest first. */
  private readonly revisions = batcherOf(this.em).loader<string, Acknowledgement[]>(async (keys) => {
    const pairs = keys.map((key) => key.split('|') as [string, string]);
    const rows = await this.em.find(
      Acknowledgement,
      { alert: { $in: [...new Set(pairs.map(([alert]) => alert))] }, branch: { $in: [...new Set(pairs.map(([, branch]) => branch))] } },
      { orderBy: { revision: 'asc' } },
    );
    return pairs.map(([alert, branch]) => rows.filter((row) => row.alert.id === alert && row.branch.id === branch));
  });

  /** Per alert version: the branches it reached that the viewer may count (a branch operator: their own). */
  private readonly recipients = batcherOf(this.em).loader<string, AlertRecipient[]>(async (alertIds) => {
    const viewer = requireViewer(this.scope);
    const rows = await this.em.find(
      AlertRecipient,
      { alert: { $in: [...alertIds] }, ...ownBranchWhere(viewer) },
      { populate: ['branch'] },
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
   * Records the viewer's branch's acknowledgement of alert version `alertId`: the first for this version, or a
   * new revision amending the earlier ones (which are kept). Signals the issuing side.
   * @throws NOT_FOUND when the alert does not exist, is not visible to the branch, or did not reach it;
   *   BAD_USER_INPUT for a note over 2,000 characters.
   */
  async acknowledge(alertId: string, outcome: AckOutcome, note?: string | null): Promise<Acknowledgement> {
    assertIds('alertId', alertId);
    const text = checkedText('note', note, 2000, false);
    const viewer = requireViewer(this.scope);
    const alert = await this.alerts.findVisible(alertId);
    if (!alert) throw notFound('Alert', alertId);
    const acknowledgement = await inTransaction(this.em, async (tx) => {
      // Locking the branch's delivery row orders concurrent acknowledgements of one version by one branch.
      const delivered = await tx.findOne(
        AlertRecipient,
        { alert: alertId, branch: viewer.agencyId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!delivered) throw notFound('Alert', alertId);
      const [{ revision }] = await tx.execute<{ revision: number }[]>(
        'select coalesce(max(revision), 0)::int as revision from acknowledgement where alert_id = ? and branch_id = ?',
        [alertId, viewer.agencyId],
      );
      const created = tx.create(Acknowledgement, {
        alert: alertId,
        branch: tx.getReference(Agency, viewer.agencyId),
        acknowledgedBy: tx.getReference(Contact, viewer.contactId),
        outcome,
        note: text,
        revision: revision + 1,
        deliverySeq: '0',
      });
      // Last before commit, as for alerts: acknowledgements become visible in the order of their numbers.
      created.deliverySeq = await nextDeliverySeq(tx);
      return created;
    });
    this.signals.acknowledged(alert.threadId, acknowledgement.id);
    return acknowledgement;
  }

  /** The current acknowledgement of each branch for this alert version, as far as the viewer may see them, in commit order. */
  currentFor(alert: SecurityAlert): Promise<Acknowledgement[]> {
    return this.currentByAlert.load(alert.id);
  }

  /** Every revision of this branch's acknowledgement of this version, oldest first. */
  history(acknowledgement: Acknowledgement): Promise<Acknowledgement[]> {
    return this.revisions.load(`${acknowledgement.alert.id}|${acknowledgement.branch.id}`);
  }

  /**
   * Branches this version reached that have not acknowledged it. A branch operator sees only whether their own
   * branch is pending (which other branches an alert reached is not theirs to know).
   */
  async pendingBranches(alert: SecurityAlert): Promise<Agency[]> {
    const [current, recipients] = await Promise.all([this.currentFor(alert), this.recipients.load(alert.id)]);
    const acknowledged = new Set(current.map((ack) => ack.branch.id));
    return recipients
      .filter((recipient) => !acknowledged.has(recipient.branch.id))
      .map((recipient) => recipient.branch.getEntity())
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Acknowledgements of any version of alert thread `threadId` committed after delivery `afterSeq`, that the
   * viewer may see, in commit order.
   */
  visibleAfter(threadId: string, afterSeq: bigint): Promise<Acknowledgement[]> {
    return this.em.find(
      Acknowledgement,
      {
        $and: [
          { alert: { threadId }, deliverySeq: { $gt: afterSeq.toString() } },
          visibleAcknowledgementsWhere(this.em, requireViewer(this.scope)),
        ],
      },
      { orderBy: { deliverySeq: 'asc' } },
    );
  }

  /** The acknowledgement when the viewer may see it, else null. */
  findVisible(id: string): Promise<Acknowledgement | null> {
    return this.em.findOne(Acknowledgement, { $and: [{ id }, visibleAcknowledgementsWhere(this.em, requireViewer(this.scope))] });
  }
}
