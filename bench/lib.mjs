// What the benchmarks share: a database of their own, free ports, child processes, arguments.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** The project folder. */
export const root = fileURLToPath(new URL('..', import.meta.url));

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A database of the benchmark's own: on DATABASE_URL's server, or an embedded cluster the server starts. */
export async function prepareDatabase() {
  if (process.env.DATABASE_URL) {
    const name = `postwatch_bench_${randomBytes(4).toString('hex')}`;
    const admin = async (sql) => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      try { await client.query(sql); } finally { await client.end(); }
    };
    await admin(`create database ${name}`);
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    return { env: { DATABASE_URL: url.toString() }, drop: () => admin(`drop database if exists ${name} with (force)`) };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'postwatch-bench-'));
  chmodSync(dataDir, 0o755); // as root, the embedded PostgreSQL runs as `postgres`, which must reach the folder
  return {
    env: { DATABASE_URL: '', POSTWATCH_DATA_DIR: join(dataDir, 'pg'), POSTWATCH_EMBEDDED_PG_PORT: String(await freePort()) },
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** Starts `node script` with `env`, waits for `readyText` on its output; `request` talks to it over IPC. */
export async function startProcess(name, argv, env, readyText) {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean), ...argv], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const output = [];
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output.join('')}`)), 120_000);
    const onData = (chunk) => {
      output.push(String(chunk));
      if (String(chunk).includes(readyText)) { clearTimeout(timer); resolve(); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => { onData(c); if (process.env.BENCH_ECHO) process.stderr.write(c); });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${output.join('')}`)));
  });
  return {
    child,
    request: (message) => new Promise((resolve) => { child.once('message', resolve); child.send(message); }),
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }),
  };
}

export function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) if (argv[i].startsWith('--')) out[argv[i].slice(2)] = argv[i + 1];
  return out;
}

/**
 * Starts the built Postwatch (`dist/src/main.js`) on `database` (from prepareDatabase) on loopback port `port`
 * (a free one when absent), with the demo data, a random JWT secret, warnings only in the log, and no address
 * limit on logins (a benchmark signs many clients in from one address); `env` adds or overrides settings.
 * @returns the process (see startProcess), its port and its GraphQL URL.
 */
export async function startPostwatch(database, env = {}, port = undefined) {
  port ??= await freePort();
  const server = await startProcess('postwatch', [join(root, 'dist/src/main.js')], {
    ...database.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    JWT_SECRET: randomBytes(32).toString('hex'),
    POSTWATCH_SEED_DEMO: 'always',
    LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
    ...env,
  }, 'Postwatch is ready');
  return { server, port, url: `http://127.0.0.1:${port}/graphql` };
}

/** POSTs a GraphQL operation to `url` (with `token` as Bearer when given); the answer's body, errors included. */
export async function graphqlRequest(url, query, variables = {}, token) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

/** A token for `email` (demo password by default). @throws when the login is refused. */
export async function login(url, email, password = 'postwatch-demo') {
  const body = await graphqlRequest(url, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: password });
  if (!body.data?.login) throw new Error(`login failed for ${email}: ${JSON.stringify(body.errors)}`);
  return body.data.login.token;
}

/** The data of a GraphQL answer from `url`; any error stops the benchmark. */
export async function graphqlData(url, query, variables = {}, token) {
  const body = await graphqlRequest(url, query, variables, token);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/**
 * One BRANCH_OPERATOR account per demo branch (created by the coordinator `coordinatorToken`), each signed in:
 * many dashboards (sockets) share one, as the screens of one branch would.
 * @returns `{ branch: { id, code }, token }` per branch.
 */
export async function branchOperators(url, coordinatorToken, password) {
  const { agencies } = await graphqlData(url, '{ agencies(sector: POSTAL, level: BRANCH) { id code } }', {}, coordinatorToken);
  const operators = [];
  for (const [i, branch] of agencies.entries()) {
    const email = `bench.operator.${i}@postwatch.test`;
    await graphqlData(url, 'mutation ($input: CreateContactInput!) { createContact(input: $input) { id } }', {
      input: { agencyId: branch.id, fullName: `Bench operator ${i}`, position: 'Dashboard', role: 'BRANCH_OPERATOR', email, password },
    }, coordinatorToken);
    operators.push({ branch, token: await login(url, email, password) });
  }
  return operators;
}

/** p50, p99 and max of `values` (nearest rank). */
export function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN);
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}

/** CPU time (user + system) process `pid` has used, in seconds (/proc, clock ticks of 1/100 s). */
export function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident memory of process `pid`, in MB. */
export function rssMegabytes(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) / 1024;
}

/** Resolves once `done()` is true, asking every `intervalMs`. @throws after `timeoutMs`, naming `what`. */
export async function waitUntil(done, timeoutMs, what, intervalMs = 5) {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
