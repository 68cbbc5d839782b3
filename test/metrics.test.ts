import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyId, alertInput, postAlert } from './helpers/fixtures.js';
import { collect, gql, login, wsClient } from './helpers/graphql.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/** The sum of the samples of `name` whose labels include every one of `labels`, in Prometheus text format. */
function sample(text: string, name: string, labels: Record<string, string> = {}, absent?: number): number {
  let total = 0;
  let found = false;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const own = Object.fromEntries([...(match[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => own[key] === value)) {
      total += Number(match[4]);
      found = true;
    }
  }
  if (!found && absent !== undefined) return absent;
  if (!found) throw new Error(`no sample ${name} ${JSON.stringify(labels)}`);
  return total;
}

async function scrape(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

describe('metrics', () => {
  let server: TestServer;
  let metricsUrl: string;

  beforeAll(async () => {
    server = await startTestServer('metrics');
    metricsUrl = `http://127.0.0.1:${server.app.port}/metrics`;
  });
  afterAll(() => server?.stop());

  it('serves Prometheus metrics to loopback, and the figures move as the server works', async () => {
    const before = await scrape(metricsUrl);
    const liaison = await login(server.httpUrl, 'liaison@postwatch.demo');
    const operator = await login(server.httpUrl, 'branch@postwatch.demo');
    const branch = await agencyId(server, 'PPO-EAST-01');
    const client = wsClient(server.wsUrl, operator);
    const feed = collect(client, 'subscription Watch($b: ID!) { alertPosted(branchId: $b) { id } }', { b: branch });
    await feed.ready;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const live = await scrape(metricsUrl);
    expect(sample(live, 'postwatch_websocket_connections')).toBe(sample(before, 'postwatch_websocket_connections') + 1);
    expect(sample(live, 'postwatch_subscriptions', { kind: 'alertPosted' })).toBe(1);

    await postAlert(server, liaison, alertInput([branch]));
    await feed.waitFor(1);
    const refused = await gql(server.httpUrl, 'mutation { login(email: "liaison@postwatch.demo", password: "not-the-password") { token } }');
    expect(refused.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    await client.dispose();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await scrape(metricsUrl);

    const delta = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels, 0);
    expect(sample(after, 'postwatch_alerts_posted_total', { msg_type: 'ALERT' })).toBe(1);
    expect(sample(after, 'postwatch_graphql_operation_duration_seconds_count', { type: 'mutation', operation: 'Post' })).toBe(1);
    expect(sample(after, 'postwatch_delivery_lag_seconds_count')).toBe(1);
    expect(sample(after, 'postwatch_delivery_catchup_duration_seconds_count')).toBeGreaterThan(0);
    expect(sample(after, 'postwatch_logins_refused_total', { reason: 'credentials' })).toBe(1);
    expect(sample(after, 'postwatch_graphql_errors_total', { code: 'UNAUTHENTICATED' })).toBe(1);
    expect(delta('postwatch_http_request_duration_seconds_count', { route: '/graphql', method: 'POST', status: '200' })).toBe(4);
    expect(sample(after, 'postwatch_websocket_connections')).toBe(sample(before, 'postwatch_websocket_connections'));
    expect(sample(after, 'postwatch_subscriptions', { kind: 'alertPosted' })).toBe(0);
    expect(sample(after, 'postwatch_bus_connected')).toBe(1);
    expect(sample(after, 'postwatch_db_pool_connections', { state: 'free' })).toBeGreaterThanOrEqual(0);
    expect(sample(after, 'postwatch_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('gives operation names labels only from signed-in contacts, so that junk names cannot use them up', async () => {
    for (let i = 0; i < 120; i++) await gql(server.httpUrl, `query Junk${i} { __typename }`);
    const token = await login(server.httpUrl, 'auditor@postwatch.demo');
    await gql(server.httpUrl, 'query RealDashboard { me { id } }', {}, token);
    const text = await scrape(metricsUrl);
    expect(sample(text, 'postwatch_graphql_operation_duration_seconds_count', { operation: 'RealDashboard' })).toBe(1);
    expect(sample(text, 'postwatch_graphql_operation_duration_seconds_count', { operation: 'Junk7' }, 0)).toBe(0);
    expect(sample(text, 'postwatch_graphql_operation_duration_seconds_count', { operation: 'other' })).toBeGreaterThanOrEqual(120);
  });

  it('reports the bus in /readyz', async () => {
    const response = await fetch(`http://127.0.0.1:${server.app.port}/readyz`);
    expect(await response.json()).toEqual({ status: 'ready', database: 'ok', bus: 'in-process' });
  });

  it('refuses addresses outside METRICS_ALLOW, and serves a METRICS_PORT of its own instead of the main port', async () => {
    const guarded = await startTestServer('metrics-allow', { METRICS_ALLOW: '10.0.0.0/8, fd00::/8' });
    try {
      const response = await fetch(`http://127.0.0.1:${guarded.app.port}/metrics`);
      expect(response.status).toBe(403);
      expect(((await response.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    } finally {
      await guarded.stop();
    }
    const separate = await startTestServer('metrics-port', { METRICS_PORT: '0' });
    try {
      expect((await fetch(`http://127.0.0.1:${separate.app.port}/metrics`)).status).toBe(404);
      const text = await scrape(`http://127.0.0.1:${separate.app.metricsPort}/metrics`);
      expect(sample(text, 'postwatch_bus_connected')).toBe(1);
    } finally {
      await separate.stop();
    }
  });
});
