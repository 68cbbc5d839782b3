import type { DestinationStream } from 'pino';
import { bootstrap, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/** A Postwatch server on a free port over a fresh, migrated database holding the demo data set. */
export interface TestServer {
  app: App;
  database: TestDatabase;
  httpUrl: string;
  wsUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the real server (HTTP and WebSocket) for one test file. `env` overrides settings
 * (e.g. `{ POSTWATCH_SEED_DEMO: 'never' }`).
 */
export async function startTestServer(
  label: string,
  env: Record<string, string> = {},
  logDestination?: DestinationStream,
): Promise<TestServer> {
  const database = await createTestDatabase(label);
  const config = loadConfig({
    DATABASE_URL: database.url,
    PORT: '0',
    HOST: '127.0.0.1',
    POSTWATCH_SEED_DEMO: 'always',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const app = await bootstrap(config, createLogger(config.logLevel, logDestination));
  return {
    app,
    database,
    httpUrl: `http://127.0.0.1:${app.port}/graphql`,
    wsUrl: `ws://127.0.0.1:${app.port}/graphql`,
    stop: async () => {
      await app.shutdown();
      await database.drop();
    },
  };
}

/**
 * Waits until branch `branchId` has exactly `count` live subscriptions on the server (their subscribe step
 * finished, or the ones that ended are gone).
 */
export async function waitForSubscribers(server: TestServer, branchId: string, count: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (server.app.hub.subscriberCount(branchId) !== count) {
    if (Date.now() > deadline) throw new Error(`branch ${branchId} has ${server.app.hub.subscriberCount(branchId)} subscribers, wanted ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
