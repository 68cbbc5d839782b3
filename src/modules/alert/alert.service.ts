import { randomUUID } from 'node:crypto';
import { LockMode, ref, type EntityManager } from '@mikro-orm/postgresql';
import { requireViewer, type ViewerScope } from '../../platform/viewer-scope.js';
import { badUserInput, notFound } from '../../platform/errors.js';
import { assertIds } from '../../platform/ids.js';
import { checkedText } from '../../platform/validators.js';
import { inTransaction } from '../../platform/transaction.js';
import type { Signals } from '../../platform/live.js';
import { Agency } from '../agency/agency.entity.js';
import { Agreement } from '../agreement/agreement.entity.js';
import { inEffectWhere } from '../agreement/agreement.service.js';
import { provinceDate } from '../../platform/province-time.js';
import type { AgencyService, ReachedBranch } from '../agency/agency.service.js';
import { Contact } from '../contact/contact.entity.js';
import type { AlertQueries } from './alert-query.service.js';
import { AlertCategory, MsgType, TlpLabel } from './alert.enums.js';
import type { PostAlertInput, UpdateAlertInput } from './alert.inputs.js';
import { AlertRecipient } from './alert-recipient.entity.js';
import { metrics } from '../../platform/metrics.js';
import { nextAlertIdentifier } from './alert-identifier.js';
import { nextDeliverySeq } from './delivery-sequence.js';
import { SecurityAlert } from './security-alert.entity.js';
import type { SuspiciousShipment } from './suspicious-shipment.embeddable.js';

/** The content of one alert message: what `post`, `update` and `cancel` each decide. */
type MessageContent = Pick<
  SecurityAlert,
  | 'status' | 'event' | 'urgency' | 'severity' | 'certainty' | 'headline' | 'description' | 'instruction' | 'expires'
  | 'suspicionReason' | 'tlp' | 'shipment' | 'category'
>;

/** The CAP document an imported message came from (its `sender` and `identifier`, and its SHA-256 in hex). */
export interface CapSource {
  sender: string;
  identifier: string;
  digest: string;
}

/** Longest CAP headline. */
const HEADLINE_MAX = 160;

/**
 * TLP 2.0 labels from the widest audience to the narrowest. An update may keep or widen the audience, not
 * narrow it: branches that received the alert but may not see the update would keep an alert that looks
 * current and never learn that it changed or was cancelled.
 */
const TLP_STRICTNESS: Record<TlpLabel, number> = {
  [TlpLabel.CLEAR]: 0,
  [TlpLabel.GREEN]: 1,
  [TlpLabel.AMBER]: 2,
  [TlpLabel.AMBER_STRICT]: 3,
  [TlpLabel.RED]: 4,
};

/**
 * The CAP 1.2 lifecycle of alerts: post (msgType ALERT), update (UPDATE) and cancel (CANCEL). Each message is a
 * new row with its own delivery sequence number, delivered to the same branches; an update or cancellation
 * `references` the version it replaces, which it marks as superseded in the same transaction.
 */
export class AlertService {
  constructor(
    private readonly em: EntityManager,
    private readonly scope: ViewerScope,
    private readonly agencies: AgencyService,
    private readonly queries: AlertQueries,
    private readonly signals: Signals,
  ) {}

  /**
   * Stores a new alert from a police liaison, with the branches its targets reach, then signals it.
   * All or nothing: on any error nothing is written.
   * @throws BAD_USER_INPUT for unknown, archived or repeated targets, targets that reach no branch, or an
   *   `expires` in the past.
   */
  async post(input: PostAlertInput, source?: CapSource): Promise<SecurityAlert> {
    assertFuture(input.expires);
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
    return this.store(MsgType.ALERT, {
      status: input.status,
      category: AlertCategory.SECURITY,
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
      shipment: shipmentOf(input.shipment),
    }, { targetIds: input.targetIds, reached, agreementId: await this.agreementFor(input.agreementId, usable) }, source);
  }

  /**
   * Posts new content for an alert of the liaison's agency (CAP msgType UPDATE): the fields given replace those
   * of the current version, the rest carry over; delivered to the same branches.
   * @throws NOT_FOUND when the alert does not exist or is not the liaison's agency's; BAD_USER_INPUT when it is
   *   not the current version, is a cancellation, nothing changes, `expires` is in the past (or absent when the
   *   alert has expired), or the TLP label would narrow the audience.
   */
  async update(id: string, input: UpdateAlertInput, source?: CapSource): Promise<SecurityAlert> {
    const current = await this.currentVersion(id);
    assertFuture(input.expires);
    if (input.tlp !== undefined && TLP_STRICTNESS[input.tlp] > TLP_STRICTNESS[current.tlp]) {
      throw badUserInput(`An update cannot narrow the audience from TLP:${current.tlp} to TLP:${input.tlp}`, [
        { field: 'tlp', message: 'cannot be stricter than the current label: cancel the alert and post a new one instead' },
      ]);
    }
    if (input.expires === undefined && current.expires && current.expires.getTime() <= Date.now()) {
      throw badUserInput('The alert has expired: give a new expires', [{ field: 'expires', message: 'is required once the alert has expired' }]);
    }
    const pick = <K extends keyof MessageContent>(key: K, value: MessageContent[K] | undefined) =>
      value === undefined ? current[key] : value;
    const content: MessageContent = {
      status: current.status,
      category: current.category,
      event: pick('event', input.event?.trim()),
      urgency: pick('urgency', input.urgency),
      severity: pick('severity', input.severity),
      certainty: pick('certainty', input.certainty),
      headline: pick('headline', input.headline?.trim()),
      description: pick('description', input.description?.trim()),
      instruction: input.instruction === undefined ? current.instruction : input.instruction?.trim() || null,
      expires: pick('expires', input.expires),
      suspicionReason: pick('suspicionReason', input.suspicionReason),
      tlp: pick('tlp', input.tlp),
      shipment: input.shipment === undefined ? copyShipment(current) : shipmentOf(input.shipment),
    };
    const changed = (Object.keys(content) as (keyof MessageContent)[]).some(
      (key) => JSON.stringify(content[key] ?? null) !== JSON.stringify(current[key] ?? null),
    );
    if (!changed) throw badUserInput('Nothing to change', [{ field: 'input', message: 'must change at least one field' }]);
    return this.store(MsgType.UPDATE, content, { previous: current }, source);
  }

  /**
   * Cancels an alert of the liaison's agency (CAP msgType CANCEL): a message with the reason as description,
   * delivered to the same branches; the alert is no longer active.
   * @throws NOT_FOUND as `update`; BAD_USER_INPUT for a blank reason or one over 2,000 characters, or when it is
   *   not the current version or already cancelled.
   */
  async cancel(id: string, reason: string, source?: CapSource): Promise<SecurityAlert> {
    const description = checkedText('reason', reason, 2000, true)!;
    const current = await this.currentVersion(id);
    return this.store(MsgType.CANCEL, {
      status: current.status,
      category: current.category,
      event: current.event,
      urgency: current.urgency,
      severity: current.severity,
      certainty: current.certainty,
      headline: `Cancelled: ${current.headline}`.slice(0, HEADLINE_MAX),
      description,
      instruction: null,
      expires: current.expires,
      suspicionReason: current.suspicionReason,
      tlp: current.tlp,
      shipment: copyShipment(current),
    }, { previous: current }, source);
  }

  /**
   * The agreement a new alert is posted under: the one named, which must be ACTIVE and bind the issuer's agency
   * and every target (each directly or through an agency above it); when none is named, the most recently
   * effective ACTIVE agreement that does, or none.
   * @throws BAD_USER_INPUT when the named agreement is not such an agreement.
   */
  private async agreementFor(agreementId: string | null | undefined, targets: Agency[]): Promise<string | null> {
    const viewer = requireViewer(this.scope);
    const candidates = await this.em.find(
      Agreement,
      { $and: [inEffectWhere(provinceDate()), { parties: { agency: { $in: viewer.agencyLineage } } }] },
      { populate: ['parties.agency'], orderBy: { effectiveOn: 'desc nulls last', code: 'asc' } },
    );
    const binding = candidates.filter((agreement) => {
      const paths = agreement.parties.getItems().map((p) => p.agency.getEntity().path);
      return targets.every((target) => paths.some((path) => target.path.startsWith(path)));
    });
    if (!agreementId) return binding[0]?.id ?? null;
    if (!binding.some((agreement) => agreement.id === agreementId)) {
      throw badUserInput(`Agreement ${agreementId} is not an agreement in effect binding your agency and every target`, [
        { field: 'agreementId', message: 'must be an agreement in effect today binding your agency and every target' },
      ]);
    }
    return agreementId;
  }

  /** The alert `id` of the viewer's agency, when it is the current version and not a cancellation. */
  private async currentVersion(id: string): Promise<SecurityAlert> {
    assertIds('id', id);
    const alert = await this.queries.findVisible(id);
    const viewer = requireViewer(this.scope);
    if (!alert || alert.issuerAgency.id !== viewer.agencyId) throw notFound('Alert', id);
    assertCurrent(alert);
    return alert;
  }

  /**
   * Stores one message and its recipients, and signals the delivery once committed. For an update or a
   * cancellation, the previous version is locked and checked again inside the transaction, so two concurrent
   * updates cannot both replace it.
   */
  private async store(
    msgType: MsgType,
    content: MessageContent,
    to: { targetIds: string[]; reached: ReachedBranch[]; agreementId: string | null } | { previous: SecurityAlert },
    source?: CapSource,
  ): Promise<SecurityAlert> {
    const viewer = requireViewer(this.scope);
    const alert = await inTransaction(this.em, async (tx) => {
      const id = randomUUID();
      let previous: SecurityAlert | null = null;
      let targetIds: string[];
      let recipients: ReachedBranch[];
      if ('previous' in to) {
        previous = await tx.findOneOrFail(SecurityAlert, { id: to.previous.id }, {
          lockMode: LockMode.PESSIMISTIC_WRITE,
          refresh: true, // the version read before the lock may be stale: check it again as locked
          populate: ['targets'],
        });
        assertCurrent(previous);
        targetIds = previous.targets.getItems().map((agency) => agency.id);
        const rows = await tx.find(AlertRecipient, { alert: previous });
        recipients = rows.map((row) => ({ branchId: row.branch.id, direct: row.direct }));
      } else {
        targetIds = to.targetIds;
        recipients = to.reached;
      }
      const created = tx.create(SecurityAlert, {
        ...content,
        id,
        identifier: 'pending',
        deliverySeq: '0',
        sourceSender: source?.sender ?? null,
        sourceIdentifier: source?.identifier ?? null,
        sourceDigest: source?.digest ?? null,
        // An update or cancellation stays under the agreement of the version it replaces.
        agreement: previous ? (previous.agreement ?? null) : 'agreementId' in to && to.agreementId ? ref(Agreement, to.agreementId) : null,
        sent: new Date(), // taken again under the delivery counter's lock, below
        msgType,
        threadId: previous?.threadId ?? id,
        references: previous ? ref(previous) : null,
        issuer: tx.getReference(Contact, viewer.contactId),
        issuerAgency: tx.getReference(Agency, viewer.agencyId),
      });
      created.targets.set(targetIds.map((targetId) => tx.getReference(Agency, targetId)));
      for (const { branchId, direct } of recipients) {
        tx.create(AlertRecipient, { alert: created, branch: tx.getReference(Agency, branchId), direct });
      }
      if (previous) previous.supersededBy = ref(created);
      // Last before commit: the counter row stays locked until the transaction ends. `sent` is taken under that
      // lock too, so that the order of `sent` is the order of delivery and it is within moments of the commit.
      created.deliverySeq = await nextDeliverySeq(tx);
      created.sent = new Date();
      created.identifier = await nextAlertIdentifier(tx, created.sent);
      return created;
    });
    this.signals.deliveryCommitted(alert.deliverySeq);
    metrics.alertsPosted.inc({ msg_type: alert.msgType });
    return alert;
  }
}

/** @throws BAD_USER_INPUT unless `alert` is the current version of its alert and not a cancellation. */
function assertCurrent(alert: SecurityAlert): void {
  if (alert.supersededBy) {
    throw badUserInput(`Alert ${alert.identifier} was replaced by a later message; change the current version`, [
      { field: 'id', message: 'is not the current version of the alert' },
    ]);
  }
  if (alert.msgType === MsgType.CANCEL) {
    throw badUserInput(`Alert ${alert.identifier} is cancelled`, [{ field: 'id', message: 'is a cancellation' }]);
  }
}

/** @throws BAD_USER_INPUT when `expires` is given and not in the future. */
/** Latest `expires` accepted: the end of 2199 (PostgreSQL stores later instants, but no warning lasts that long). */
const LAST_EXPIRY = Date.UTC(2200, 0, 1);

function assertFuture(expires: Date | null | undefined): void {
  if (expires && expires.getTime() <= Date.now()) {
    throw badUserInput('expires must be in the future', [{ field: 'expires', message: 'must be in the future' }]);
  }
  if (expires && expires.getTime() >= LAST_EXPIRY) {
    throw badUserInput('expires must be before 2200', [{ field: 'expires', message: 'must be before 2200-01-01T00:00:00Z' }]);
  }
}

function copyShipment(alert: SecurityAlert): SecurityAlert['shipment'] {
  return shipmentOf(alert.shipment);
}

/** A shipment with every field present (null where unknown), so that two shipments compare field by field. */
function shipmentOf(shipment: Partial<SuspiciousShipment> | null | undefined): SecurityAlert['shipment'] {
  if (!shipment) return null;
  return {
    trackingNumber: shipment.trackingNumber!,
    declaredContents: shipment.declaredContents?.trim() || null,
    origin: shipment.origin?.trim() || null,
    destination: shipment.destination?.trim() || null,
    senderDescription: shipment.senderDescription?.trim() || null,
    recipientDescription: shipment.recipientDescription?.trim() || null,
  };
}
