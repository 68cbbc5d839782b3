import { LoadStrategy, type MikroORM } from '@mikro-orm/postgresql';
import { audiencesOf, type AlertAudience } from '../modules/access/alert-visibility.js';
import { SecurityAlert } from '../modules/alert/security-alert.entity.js';

/** How long a loaded alert is shared between the subscribers that receive the same delivery. */
const SHARE_MS = 10_000;

/** An alert as delivered live: the entity (issuer, agency, targets loaded) and who may see it. */
export interface AlertSnapshot {
  alert: SecurityAlert;
  audience: AlertAudience;
}

/**
 * Loads the alerts behind deliveries once per instance, however many subscribers receive them, and in
 * batches: three queries per batch (the alerts with issuer and agency; then, side by side, their targets and
 * their recipients with the branches' paths). A loaded alert is shared for a few seconds; `forget` drops one
 * whose state changed (it was superseded), so that a replay shows it as it now is.
 */
export class AlertSnapshots {
  private readonly loading = new Map<string, Promise<AlertSnapshot | null>>();

  constructor(private readonly orm: MikroORM) {}

  /** The alert and its audience; null if it does not exist. @throws the database's error (nothing cached). */
  async load(alertId: string): Promise<AlertSnapshot | null> {
    return (await this.loadMany([alertId])).get(alertId) ?? null;
  }

  /** The alerts with these ids (null for those that do not exist), loaded together. */
  async loadMany(alertIds: string[]): Promise<Map<string, AlertSnapshot | null>> {
    const missing = alertIds.filter((id) => !this.loading.has(id));
    if (missing.length > 0) {
      const batch = this.read(missing);
      for (const id of missing) {
        const one = batch.then((snapshots) => snapshots.get(id) ?? null);
        this.loading.set(id, one);
        // A failed load is not kept: the next catch-up tries again.
        one.catch(() => this.loading.delete(id));
        setTimeout(() => {
          if (this.loading.get(id) === one) this.loading.delete(id);
        }, SHARE_MS).unref();
      }
    }
    const entries = await Promise.all(alertIds.map(async (id) => [id, await this.loading.get(id)!] as const));
    return new Map(entries);
  }

  /** Drops alert `alertId` from the cache. */
  forget(alertId: string): void {
    this.loading.delete(alertId);
  }

  private async read(alertIds: string[]): Promise<Map<string, AlertSnapshot>> {
    const em = this.orm.em.fork();
    const alerts = await em.find(SecurityAlert, { id: { $in: alertIds } }, { populate: ['issuer', 'issuerAgency'], strategy: 'joined' });
    if (alerts.length === 0) return new Map();
    const [audiences] = await Promise.all([audiencesOf(em, alerts), em.populate(alerts, ['targets'], { strategy: LoadStrategy.SELECT_IN })]);
    return new Map(alerts.map((alert) => [alert.id, { alert, audience: audiences.get(alert.id)! }]));
  }
}
