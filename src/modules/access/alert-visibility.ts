import type { EntityManager, ObjectQuery } from '@mikro-orm/postgresql';
import { inSubquery, unreachable, type Viewer, viewerAgencyPath } from '../../platform/viewer-scope.js';
import { TlpLabel } from '../alert/alert.enums.js';
import { AlertRecipient } from '../alert/alert-recipient.entity.js';
import type { Acknowledgement } from '../alert/acknowledgement.entity.js';
import { SecurityAlert as SecurityAlertEntity, type SecurityAlert } from '../alert/security-alert.entity.js';
import { ContactRole } from '../../platform/contact-role.js';

/** TLP labels (FIRST TLP 2.0) whose alerts a coordinator sees wherever they were delivered. */
const COMMUNITY_LABELS = [TlpLabel.CLEAR, TlpLabel.GREEN, TlpLabel.AMBER];

/**
 * Who sees an alert. One rule, written twice: as a database condition (`visibleAlertsWhere`, for queries)
 * and in memory (`canSeeAlert`, for live delivery); the access-control tests hold both to the same table.
 *
 * - AUDITOR: every alert.
 * - POLICE_LIAISON: the alerts of their own agency.
 * - BRANCH_OPERATOR: the alerts delivered to their branch; a TLP:RED alert only when the branch was named
 *   itself, not reached through an agency above it (TLP:RED: named recipients only).
 * - COORDINATOR: CLEAR, GREEN and AMBER alerts; their own agency's alerts; a TLP:AMBER+STRICT alert when their
 *   agency is, or is above, a branch it reached (the recipients' own organisation); a TLP:RED alert only when
 *   their agency is a branch named in it.
 */
export function visibleAlertsWhere(em: EntityManager, viewer: Viewer): ObjectQuery<SecurityAlert> {
  const deliveredTo = (condition: ObjectQuery<AlertRecipient>) => ({
    id: inSubquery(em.createQueryBuilder(AlertRecipient, 'r').select('r.alert_id').where(condition)),
  });
  switch (viewer.role) {
    case ContactRole.AUDITOR:
      return {};
    case ContactRole.POLICE_LIAISON:
      return { issuerAgency: viewer.agencyId };
    case ContactRole.BRANCH_OPERATOR:
      return {
        $or: [
          { tlp: { $ne: TlpLabel.RED }, ...deliveredTo({ branch: viewer.agencyId }) },
          { tlp: TlpLabel.RED, ...deliveredTo({ branch: viewer.agencyId, direct: true }) },
        ],
      };
    case ContactRole.COORDINATOR:
      return {
        $or: [
          { tlp: { $in: COMMUNITY_LABELS } },
          { issuerAgency: viewer.agencyId },
          { tlp: TlpLabel.AMBER_STRICT, ...deliveredTo({ branch: { path: { $like: `${viewerAgencyPath(viewer)}%` } } }) },
          { tlp: TlpLabel.RED, ...deliveredTo({ branch: viewer.agencyId, direct: true }) },
        ],
      };
    default:
      return unreachable(viewer.role);
  }
}

/** What `canSeeAlert` needs to know of an alert. */
export interface AlertAudience {
  tlp: TlpLabel;
  issuerAgencyId: string;
  /** Every branch the alert reached, with its current `path` and whether it was named itself. */
  recipients: { branchId: string; branchPath: string; direct: boolean }[];
}

/**
 * What `canSeeAlert` needs to know of each of `alerts`, by alert id: TLP, issuing agency, and every recipient
 * branch with its current path, read in one statement (through `alert_recipient`'s primary key). The statement
 * is sent even for no alert, so that a caller costs the same whether or not it found any.
 */
export async function audiencesOf(em: EntityManager, alerts: SecurityAlert[]): Promise<Map<string, AlertAudience>> {
  const audiences = new Map<string, AlertAudience>(
    alerts.map((alert) => [alert.id, { tlp: alert.tlp, issuerAgencyId: alert.issuerAgency.id, recipients: [] }]),
  );
  const recipients = await em.getConnection().execute<{ alert_id: string; branch_id: string; direct: boolean; path: string }[]>(
    `select r.alert_id, r.branch_id, r.direct, b.path from alert_recipient r join agency b on b.id = r.branch_id where r.alert_id = any(?::uuid[])`,
    [`{${alerts.map((alert) => alert.id).join(',')}}`],
  );
  for (const r of recipients) audiences.get(r.alert_id)!.recipients.push({ branchId: r.branch_id, branchPath: r.path, direct: r.direct });
  return audiences;
}

/** The rule of `visibleAlertsWhere`, decided in memory (no database round trip per subscriber). */
export function canSeeAlert(viewer: Viewer, alert: AlertAudience): boolean {
  const named = () => alert.recipients.some((r) => r.branchId === viewer.agencyId && r.direct);
  switch (viewer.role) {
    case ContactRole.AUDITOR:
      return true;
    case ContactRole.POLICE_LIAISON:
      return alert.issuerAgencyId === viewer.agencyId;
    case ContactRole.BRANCH_OPERATOR:
      return alert.tlp === TlpLabel.RED ? named() : alert.recipients.some((r) => r.branchId === viewer.agencyId);
    case ContactRole.COORDINATOR: {
      if (COMMUNITY_LABELS.includes(alert.tlp) || alert.issuerAgencyId === viewer.agencyId) return true;
      if (alert.tlp === TlpLabel.RED) return named();
      const own = viewerAgencyPath(viewer);
      return alert.recipients.some((r) => r.branchPath.startsWith(own));
    }
    default:
      return unreachable(viewer.role);
  }
}

/**
 * Acknowledgements the viewer may see: those of alerts they may see; a branch operator only their own
 * branch's (liaisons thus see every branch's acknowledgements of their agency's alerts).
 */
export function visibleAcknowledgementsWhere(em: EntityManager, viewer: Viewer): ObjectQuery<Acknowledgement> {
  const alerts = em.createQueryBuilder(SecurityAlertEntity, 'va').select('va.id').where(visibleAlertsWhere(em, viewer));
  return { alert: inSubquery(alerts), ...ownBranchWhere(viewer) };
}

/**
 * The own-branch rule: a branch operator sees, counts and watches only their own branch's deliveries,
 * acknowledgements and feed; every other role is not limited by branch. One rule, in its three forms side by
 * side: the branch itself, as a database condition and as SQL.
 * @returns the branch a viewer is limited to, or null when they are not.
 */
export function ownBranchOf(viewer: Viewer): string | null {
  return viewer.role === ContactRole.BRANCH_OPERATOR ? viewer.agencyId : null;
}

/** The own-branch rule in memory: true when the viewer's records of branch `branchId` are not cut off by it. */
export function withinOwnBranch(viewer: Viewer, branchId: string): boolean {
  const own = ownBranchOf(viewer);
  return own === null || own === branchId;
}

/** The own-branch rule as a MikroORM condition on a `branch` relation: `{ branch: <id> }`, or `{}` (no limit). */
export function ownBranchWhere(viewer: Viewer): { branch?: string } {
  const own = ownBranchOf(viewer);
  return own === null ? {} : { branch: own };
}

/**
 * The own-branch rule as SQL on `column` (a branch id column): `<column> = ?` with its binding, or null when the
 * viewer is not limited.
 */
export function ownBranchSql(viewer: Viewer, column: string): { sql: string; bindings: string[] } | null {
  const own = ownBranchOf(viewer);
  return own === null ? null : { sql: `${column} = ?`, bindings: [own] };
}
