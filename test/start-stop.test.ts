import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gql, login } from './helpers/graphql.js';
import { freePort } from './helpers/processes.js';

const root = new URL('..', import.meta.url).pathname;

/** `npm start` on the embedded default, as the README says to run it, with its data in `dataDir`. */
class NpmStart {
  readonly output: string[] = [];
  child?: ChildProcess;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  async start(): Promise<void> {
    // The embedded default: none of the settings the test run may have (DATABASE_URL, REDIS_URL, JWT_SECRET).
    const { DATABASE_URL: _db, REDIS_URL: _redis, JWT_SECRET: _jwt, ...inherited } = process.env;
    const env = { ...inherited, ...this.env, PORT: String(this.port) };
    const child = spawn('npm', ['start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not get ready:\n${this.output.join('')}`)), 90_000);
      const collect = (chunk: Buffer) => {
        this.output.push(chunk.toString());
        if (this.output.join('').includes('Postwatch is ready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', collect);
      child.stderr!.on('data', collect);
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${this.output.join('')}`)));
    });
  }

  /** Sends SIGTERM to npm's own process, as a supervisor would, and waits for it to end. */
  async terminate(): Promise<number | null> {
    const child = this.child!;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    return exited;
  }
}

/** The pids of every process whose parent chain leads to `pid`. */
function descendants(pid: number): Promise<number[]> {
  return new Promise((resolve) => {
    const ps = spawn('ps', ['-e', '-o', 'pid=,ppid=']);
    let text = '';
    ps.stdout.on('data', (chunk) => (text += chunk));
    ps.on('close', () => {
      const rows = text.trim().split('\n').map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
      const found: number[] = [];
      const walk = (parent: number) => {
        for (const [child, ppid] of rows) if (ppid === parent) {
          found.push(child);
          walk(child);
        }
      };
      walk(pid);
      resolve(found);
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pids: number[], timeoutMs = 20_000): Promise<number[]> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && pids.some(alive)) await new Promise((resolve) => setTimeout(resolve, 200));
  return pids.filter(alive);
}

describe('npm start under a supervisor', () => {
  let folder: string | undefined;

  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('stops the server and the embedded PostgreSQL when npm is sent SIGTERM, and keeps sessions across a restart', async () => {
    folder = await mkdtemp(join(tmpdir(), 'postwatch-start-'));
    // The embedded PostgreSQL runs as the `postgres` user when started as root: it must reach its folder.
    await chmod(folder, 0o755);
    const env = { POSTWATCH_DATA_DIR: join(folder, 'pg'), POSTWATCH_EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'warn' };
    const first = new NpmStart(await freePort(), env);
    await first.start();
    const url = `http://127.0.0.1:${first.port}/graphql`;
    const token = await login(url, 'coordinator@postwatch.demo');
    const tree = await descendants(first.child!.pid!);
    expect(tree.length).toBeGreaterThanOrEqual(2); // the server and PostgreSQL at least

    expect(await first.terminate()).toBe(0);
    expect(await waitUntilGone(tree), first.output.join('')).toEqual([]);

    // The signing key is kept beside the data, named after its folder, for the server's user only; the next start uses it.
    const keyFile = join(folder, 'pg.jwt-secret');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect((await readFile(keyFile, 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
    const second = new NpmStart(await freePort(), env);
    await second.start();
    try {
      const me = await gql(`http://127.0.0.1:${second.port}/graphql`, '{ me { email } }', {}, token);
      expect(me.errors).toBeUndefined();
      expect(me.data!.me.email).toBe('coordinator@postwatch.demo');
    } finally {
      const secondTree = await descendants(second.child!.pid!);
      await second.terminate();
      expect(await waitUntilGone(secondTree)).toEqual([]);
    }
  }, 240_000);
});
