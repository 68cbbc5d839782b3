import type { MikroORM } from '@mikro-orm/postgresql';
import type { AlertAudience } from '../modules/access/alert-visibility.js';
import { SecurityAlert } from '../modules/alert/security-alert.entity.js';

/** How long a loaded alert is shared between the subscribers that receive the same signal. */
const SHARE_MS = 10_000;

/** An alert as delivered live: the entity (issuer, agency, targets loaded) and who may see it. */
export interface AlertSnapshot {
  alert: SecurityAlert;
  audience: AlertAudience;
}

/**
 * Loads the alert behind a bus signal once per instance, however many subscribers receive the signal:
 * the first load's promise is shared for a few seconds. Alerts are immutable once posted (an update is a new
 * alert), so sharing a loaded copy is safe.
 */
export class AlertSnapshots {
  private readonly loading = new Map<string, Promise<AlertSnapshot | null>>();

  constructor(private readonly orm: MikroORM) {}

  /** The alert and its audience; null if it no longer exists. */
  load(alertId: string): Promise<AlertSnapshot | null> {
    let pending = this.loading.get(alertId);
    if (!pending) {
      pending = this.read(alertId);
      this.loading.set(alertId, pending);
      setTimeout(() => this.loading.delete(alertId), SHARE_MS).unref();
    }
    return pending;
  }

  /** Three queries, the last two side by side: the alert with its issuer and agency, its targets, its recipients. */
  private async read(alertId: string): Promise<AlertSnapshot | null> {
    const em = this.orm.em.fork();
    const alert = await em.findOne(SecurityAlert, { id: alertId }, { populate: ['issuer', 'issuerAgency'], strategy: 'joined' });
    if (!alert) return null;
    const [recipients] = await Promise.all([
      em.getConnection().execute<{ branch_id: string; direct: boolean; path: string }[]>(
        'select r.branch_id, r.direct, b.path from alert_recipient r join agency b on b.id = r.branch_id where r.alert_id = ?',
        [alertId],
      ),
      alert.targets.init(),
    ]);
    const audience: AlertAudience = {
      tlp: alert.tlp,
      issuerAgencyId: alert.issuerAgency.id,
      recipients: recipients.map((r) => ({ branchId: r.branch_id, branchPath: r.path, direct: r.direct })),
    };
    return { alert, audience };
  }
}
