import type { AppConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

/** Name of the application database on the embedded cluster. */
export const EMBEDDED_DATABASE_NAME = 'postwatch';

/** The PostgreSQL the server works on, and how to let go of it. */
export interface DatabaseHandle {
  url: string;
  /** True when the server started an embedded PostgreSQL for this run. */
  embedded: boolean;
  /** Stops the embedded cluster, if one was started; a no-op for an external server. */
  stop(): Promise<void>;
}

/**
 * `DATABASE_URL` when set; otherwise starts the embedded PostgreSQL in `POSTWATCH_DATA_DIR` and creates the
 * `postwatch` database on it if needed.
 */
export async function openDatabase(config: AppConfig, logger: Logger): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  }
  const cluster = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedPgPort,
    logger,
  });
  try {
    await cluster.ensureDatabase(EMBEDDED_DATABASE_NAME);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return { url: cluster.urlFor(EMBEDDED_DATABASE_NAME), embedded: true, stop: () => cluster.stop() };
}
