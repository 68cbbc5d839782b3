import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { promisify } from 'node:util';

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Path of the `redis-server` binary, or null when this machine has none (the Redis tests are then skipped). */
export function redisServerBinary(): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(`${dir}/redis-server`)) return `${dir}/redis-server`;
  }
  return null;
}

/** A Redis server of the test's own, on a port of its own (never the machine's shared one). */
export class TestRedis {
  private child?: ChildProcess;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts it and waits until it accepts connections. */
  async start(): Promise<void> {
    const child = spawn(redisServerBinary()!, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('redis-server did not start')), 10_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
    });
  }

  /** Stops it (as an outage would) and waits for it to be gone. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}

/** Compiles the server (tsc, incremental) so that tests can run it as separate processes. */
export async function buildServer(): Promise<void> {
  const cwd = new URL('../..', import.meta.url).pathname;
  await promisify(execFile)('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd });
  // The web app too (when its sources changed): the browser tests and `npm start` then find it built.
  await promisify(execFile)(process.execPath, ['scripts/build-web.mjs'], { cwd });
}

/** A Postwatch server running as a process of its own (`node dist/src/main.js`). */
export class ServerProcess {
  private child?: ChildProcess;
  readonly output: string[] = [];

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/graphql`;
  }

  /** Starts it and waits until it says it is ready. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${this.output.join('')}`)), 60_000);
      const collect = (chunk: Buffer) => {
        this.output.push(chunk.toString());
        if (chunk.toString().includes('Postwatch is ready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', collect);
      child.stderr!.on('data', collect);
      child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${this.output.join('')}`)));
    });
  }

  /** Kills it at once, as a crash would (SIGKILL: no shutdown, sockets just drop). */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** True while the process runs. */
  isRunning(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends `signal` without waiting. */
  send(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  /** Stops it gracefully (SIGTERM) and waits for it to exit. @returns its exit code. */
  async stop(): Promise<number | null> {
    return this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    return new Promise<number | null>((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.kill(signal);
    });
  }
}
