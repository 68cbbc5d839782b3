import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedCluster } from '../../src/db/embedded-postgres.js';
import { createLogger } from '../../src/logger.js';
import { buildServer, freePort } from './processes.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL URL with the right to create databases: each test file makes its own database from it. */
    adminDatabaseUrl: string;
  }
}

let cluster: EmbeddedCluster | undefined;
let dataDir: string | undefined;

/**
 * Tests use DATABASE_URL when it is set; otherwise one embedded PostgreSQL, in a temporary folder on a
 * free port, for the whole run.
 */
export async function setup(project: TestProject): Promise<void> {
  // Compiled once before any file runs: the tests that start the server as a process (or through npm start)
  // then find the build up to date, and their own incremental builds write nothing while others run it.
  await buildServer();
  if (process.env.DATABASE_URL) {
    project.provide('adminDatabaseUrl', process.env.DATABASE_URL);
    return;
  }
  dataDir = await mkdtemp(join(tmpdir(), 'postwatch-test-pg-'));
  cluster = await startEmbeddedPostgres({ dataDir, port: await freePort(), logger: createLogger('warn') });
  project.provide('adminDatabaseUrl', cluster.urlFor('postgres'));
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
