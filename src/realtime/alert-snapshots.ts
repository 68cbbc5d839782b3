import type { MikroORM } from '@mikro-orm/postgresql';
import { SecurityAlert } from '../modules/alert/security-alert.entity.js';

/** How long a loaded alert is shared between the subscribers that receive the same signal. */
const SHARE_MS = 10_000;

/**
 * Loads the alert behind a bus signal once per instance, however many subscribers receive the signal:
 * the first load's promise is shared for a few seconds. Alerts are immutable once posted (an update is a new
 * alert), so sharing a loaded copy is safe.
 */
export class AlertSnapshots {
  private readonly loading = new Map<string, Promise<SecurityAlert | null>>();

  constructor(private readonly orm: MikroORM) {}

  /** The alert with its issuer, issuing agency and targets loaded; null if it no longer exists. */
  load(alertId: string): Promise<SecurityAlert | null> {
    let pending = this.loading.get(alertId);
    if (!pending) {
      pending = this.orm.em
        .fork()
        .findOne(SecurityAlert, { id: alertId }, { populate: ['issuer', 'issuerAgency', 'targets'] });
      this.loading.set(alertId, pending);
      setTimeout(() => this.loading.delete(alertId), SHARE_MS).unref();
    }
    return pending;
  }
}
