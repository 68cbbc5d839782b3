import 'reflect-metadata';
import { resolve } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { initOrm } from './db/orm.js';
import { loadDemoDataIfWanted } from './db/seed/seed.js';
import { auditOperations } from './api/audit-operations.js';
import { buildAppSchema } from './api/schema.js';
import { AuditTrail } from './modules/audit/audit-trail.js';
import { startHttpServer, type RunningServer } from './http/server.js';
import type { Logger } from './logger.js';
import { keptKey } from './platform/key-file.js';
import { collectProcessMetrics, gaugeFrom } from './platform/metrics.js';
import { LoginThrottle } from './modules/auth/login-throttle.js';
import { Tokens } from './modules/auth/token.js';
import { EventBus } from './realtime/event-bus.js';
import { AlertSnapshots } from './realtime/alert-snapshots.js';
import { DeliveryHub } from './realtime/delivery-hub.js';
import { RealtimeFeeds } from './realtime/live-feeds.js';

/** A started Postwatch: its port, its ORM (for tests and tools) and how to stop it. */
export interface App {
  port: number;
  /** Port of `GET /metrics` when METRICS_PORT is set (else it is served on `port`). */
  metricsPort?: number;
  orm: MikroORM;
  bus: EventBus;
  hub: DeliveryHub;
  database: DatabaseHandle;
  /** Undoes `bootstrap` in reverse: server, bus, ORM, then the embedded database. Safe to call twice. */
  shutdown(): Promise<void>;
}

/** Starts config → database → migrations → demo data → bus → server. Undoes what it did if a step fails. */
export async function bootstrap(config: AppConfig, logger: Logger): Promise<App> {
  const undo: { name: string; run: () => Promise<void> }[] = [];
  const unwind = async () => {
    for (const step of undo.reverse()) {
      logger.debug({ step: step.name }, 'shutdown step');
      await step.run().catch((err) => logger.error({ err, step: step.name }, 'shutdown step failed'));
    }
    undo.length = 0;
  };
  try {
    const database = await openDatabase(config, logger);
    undo.push({ name: 'database', run: () => database.stop() });
    const jwtSecret = await signingKey(config, database, logger);
    const orm = await initOrm(database.url, { migrate: config.migrate, logger });
    undo.push({ name: 'orm', run: () => orm.close(true) });
    await loadDemoDataIfWanted(orm, config.seedDemo, database.embedded, logger);
    const bus = EventBus.create(logger, config.redisUrl);
    undo.push({ name: 'bus', run: () => bus.close() });
    const snapshots = new AlertSnapshots(orm);
    const hub = new DeliveryHub(orm, bus, snapshots, logger, config.deliveryPollMs);
    await hub.start();
    undo.push({ name: 'delivery hub', run: () => hub.stop() });
    const auditTrail = new AuditTrail(orm, logger);
    const schema = auditOperations(await buildAppSchema(bus.pubSub), auditTrail);
    const server = await startHttpServer(schema, {
      config,
      orm,
      bus,
      feeds: new RealtimeFeeds(hub, bus),
      tokens: new Tokens({
        secret: jwtSecret,
        ttlSeconds: config.jwtTtlSeconds,
        issuer: config.jwtIssuer,
        audience: config.jwtAudience,
        jwks: config.jwks,
      }),
      loginThrottle: new LoginThrottle(orm, config.loginThrottle),
      auditTrail,
      logger,
    });
    undo.push({ name: 'server', run: () => server.close() });
    instrument(orm, bus);
    return { port: server.port, metricsPort: server.metricsPort, orm, bus, hub, database, shutdown: unwind } satisfies App;
  } catch (error) {
    await unwind();
    throw error;
  }
}

export type { RunningServer };

/**
 * The key tokens are signed with: `JWT_SECRET` when set; on the embedded database, a key kept beside its data
 * (`<data folder>.jwt-secret`, mode 0600: named after its own data folder, so that two instances whose folders
 * share a parent do not share a key), so that a restart keeps everyone signed in; otherwise a key made at
 * start-up, which the log warns about.
 */
async function signingKey(config: AppConfig, database: DatabaseHandle, logger: Logger): Promise<Uint8Array> {
  if (!config.jwtSecretGenerated) return config.jwtSecret;
  if (database.embedded) {
    const path = `${resolve(config.dataDir)}.jwt-secret`;
    const key = await keptKey(path);
    logger.info({ path }, 'JWT_SECRET is not set: tokens are signed with the key kept beside the embedded database');
    return key;
  }
  logger.warn(
    'JWT_SECRET is not set: tokens are signed with a key made at start-up, so everyone signs in again after a restart ' +
      'and instances do not accept each other\'s tokens; set JWT_SECRET (32 characters or more) to keep sessions',
  );
  return config.jwtSecret;
}

/** Process metrics, and gauges read when metrics are scraped: whether the bus reaches Redis, and the PostgreSQL pool's connections. */
function instrument(orm: MikroORM, bus: EventBus): void {
  collectProcessMetrics();
  gaugeFrom('postwatch_bus_connected', 'Whether the bus reaches Redis (1), or not (0); 1 for the in-process bus.', [], () => [
    { value: bus.connected ? 1 : 0 },
  ]);
  const pool = (orm.em.getConnection().getKnex().client as { pool?: TarnPool }).pool;
  gaugeFrom('postwatch_db_pool_connections', 'PostgreSQL pool connections by state: used, free, and requests pending for one.', ['state'], () =>
    pool
      ? [
          { labels: { state: 'used' }, value: pool.numUsed() },
          { labels: { state: 'free' }, value: pool.numFree() },
          { labels: { state: 'pending' }, value: pool.numPendingAcquires() },
        ]
      : [],
  );
}

/** What the pool behind knex (tarn) tells of itself. */
interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}
