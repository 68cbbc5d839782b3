import type { Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ContactRole } from '../src/platform/contact-role.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { addAccount, agencyId, alertInput, postAlert } from './helpers/fixtures.js';
import { collect, gql, login, wsClient, type Collector } from './helpers/graphql.js';
import { buildServer, freePort, redisServerBinary, ServerProcess, TestRedis } from './helpers/processes.js';
import { startTestServer, waitForSubscribers, type TestServer } from './helpers/server.js';

const WATCH = `subscription ($b: ID!, $after: String) {
  alertPosted(branchId: $b, after: $after) { id deliverySeq msgType headline references { id } }
}`;
type Received = { alertPosted: { id: string; deliverySeq: string; msgType: string; headline: string; references: { id: string } | null } };
const seqs = (collector: Collector<Received>) => collector.received.map((r) => r.alertPosted.deliverySeq);
const headlines = (collector: Collector<Received>) => collector.received.map((r) => r.alertPosted.headline);
const ascending = (list: string[]) => list.every((seq, i) => i === 0 || BigInt(seq) > BigInt(list[i - 1]!));

describe('resumable, ordered delivery on one server', () => {
  let server: TestServer;
  let liaison: string;
  let east: string;
  let coordinator: string;
  const ids: Record<string, string> = {};
  const clients: Client[] = [];
  const open = (token: string) => {
    const client = wsClient(server.wsUrl, token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startTestServer('delivery', { DELIVERY_POLL_MS: '500' });
    for (const code of ['PPO', 'PPO-EAST-01', 'PPO-WEST-01']) ids[code] = await agencyId(server, code);
    liaison = await login(server.httpUrl, 'liaison@postwatch.demo');
    east = await login(server.httpUrl, 'branch@postwatch.demo');
    coordinator = await login(server.httpUrl, 'coordinator@postwatch.demo');
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    for (const code of ['PPO', 'PPO-EAST-01', 'PPO-WEST-01']) await waitForSubscribers(server, ids[code]!, 0);
  });
  afterAll(() => server?.stop());

  it('gives every subscriber every alert of 20 posted at once exactly once, in order; a resume yields exactly the rest', async () => {
    const watchers = [east, coordinator, east].map((token) => collect<Received>(open(token), WATCH, { b: ids['PPO-EAST-01'] }));
    await waitForSubscribers(server, ids['PPO-EAST-01']!, 3);
    // 20 clients, each with its own token, post at the same moment (they sign in one after the other: the login
    // throttle takes a point per attempt before checking the password, so 20 simultaneous logins of one account
    // would be refused past the limit).
    const tokens: string[] = [];
    for (let i = 0; i < 20; i++) tokens.push(await login(server.httpUrl, 'liaison@postwatch.demo'));
    const posted = await Promise.all(
      tokens.map((token, i) => postAlert(server, token, alertInput([ids.PPO!], { headline: `Burst ${i}` }))),
    );
    const expected = posted.map((p) => p.deliverySeq as string).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    for (const watcher of watchers) {
      await watcher.waitFor(20);
      expect(seqs(watcher)).toEqual(expected);
    }
    // A marker after the burst: each watcher's next message is the marker, so nothing came twice.
    const marker = await postAlert(server, liaison, alertInput([ids['PPO-EAST-01']!], { headline: 'Marker' }));
    for (const watcher of watchers) {
      await watcher.waitFor(21);
      expect(watcher.received.at(-1)!.alertPosted.id).toBe(marker.id);
      expect(watcher.received).toHaveLength(21);
    }
    // Resuming after any sequence number seen yields exactly the rest.
    for (const from of [0, 7, 19]) {
      const resumed = collect<Received>(open(east), WATCH, { b: ids['PPO-EAST-01'], after: expected[from] });
      const rest = [...expected.slice(from + 1), marker.deliverySeq];
      await resumed.waitFor(rest.length);
      expect(seqs(resumed)).toEqual(rest);
    }
  });

  it('hands over from replay to live without gap or repeat while alerts are being posted', async () => {
    const start = await postAlert(server, liaison, alertInput([ids['PPO-EAST-01']!], { headline: 'Start' }));
    const tokens: string[] = [];
    for (let i = 0; i < 10; i++) tokens.push(await login(server.httpUrl, 'liaison@postwatch.demo'));
    const burst = Promise.all(tokens.map((token, i) => postAlert(server, token, alertInput([ids['PPO-EAST-01']!], { headline: `During ${i}` }))));
    // Resumed subscriptions open while the burst commits: each replays some and receives the rest live.
    const resumed = [0, 5, 15, 30].map(async (delayMs) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return collect<Received>(open(east), WATCH, { b: ids['PPO-EAST-01'], after: start.deliverySeq });
    });
    const posted = await burst;
    const expected = posted.map((p) => p.deliverySeq as string).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    const marker = await postAlert(server, liaison, alertInput([ids['PPO-EAST-01']!], { headline: 'After the burst' }));
    for (const watcher of await Promise.all(resumed)) {
      await watcher.waitFor(11);
      expect(seqs(watcher)).toEqual([...expected, marker.deliverySeq]);
    }
  });

  it('replays exactly the 5 alerts posted while a dashboard was away, in order, then continues live', async () => {
    const first = collect<Received>(open(east), WATCH, { b: ids['PPO-EAST-01'] });
    await waitForSubscribers(server, ids['PPO-EAST-01']!, 1);
    const seen = await postAlert(server, liaison, alertInput([ids['PPO-EAST-01']!], { headline: 'Seen before leaving' }));
    await first.waitFor(1);
    first.dispose();
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await waitForSubscribers(server, ids['PPO-EAST-01']!, 0);

    const missed = [];
    for (let i = 0; i < 5; i++) missed.push(await postAlert(server, liaison, alertInput([ids['PPO-EAST-01']!], { headline: `Missed ${i}` })));
    await postAlert(server, liaison, alertInput([ids['PPO-WEST-01']!], { headline: 'Not for this branch' }));

    const back = collect<Received>(open(east), WATCH, { b: ids['PPO-EAST-01'], after: seen.deliverySeq });
    await back.waitFor(5);
    expect(headlines(back)).toEqual(['Missed 0', 'Missed 1', 'Missed 2', 'Missed 3', 'Missed 4']);
    expect(seqs(back)).toEqual(missed.map((m) => m.deliverySeq));
    const live = await postAlert(server, liaison, alertInput([ids['PPO-EAST-01']!], { headline: 'Live again' }));
    await back.waitFor(6);
    expect(back.received[5]!.alertPosted.id).toBe(live.id);
  });

  it('accepts an alerts cursor as the point to resume after', async () => {
    const page = await gql(server.httpUrl, '{ alerts(first: 2) { edges { cursor node { deliverySeq } } } }', {}, east);
    const [newest, older] = page.data!.alerts.edges;
    const resumed = collect<Received>(open(east), WATCH, { b: ids['PPO-EAST-01'], after: older.cursor });
    await resumed.waitFor(1);
    expect(seqs(resumed)).toEqual([newest.node.deliverySeq]);
  });

  it.each(['-1', 'abc', '99999999999999999999', '9223372036854775807', '100000'])('refuses to resume after %j with BAD_USER_INPUT', async (after) => {
    const sub = collect(open(east), WATCH, { b: ids['PPO-EAST-01'], after });
    const [error] = (await sub.waitForError()) as { extensions: { code: string } }[];
    expect(error!.extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('alert lifecycle and acknowledgements', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const clients: Client[] = [];
  const open = (token: string) => {
    const client = wsClient(server.wsUrl, token);
    clients.push(client);
    return client;
  };
  const UPDATE = 'mutation ($id: ID!, $input: UpdateAlertInput!) { updateAlert(id: $id, input: $input) { id msgType headline severity deliverySeq references { id } threadId } }';
  const CANCEL = 'mutation ($id: ID!, $reason: String!) { cancelAlert(id: $id, reason: $reason) { id msgType headline description references { id } active } }';
  const ACK = 'mutation ($id: ID!, $outcome: AckOutcome!, $note: String) { acknowledgeAlert(alertId: $id, outcome: $outcome, note: $note) { id outcome revision note branch { code } history { revision outcome } } }';

  beforeAll(async () => {
    server = await startTestServer('lifecycle');
    for (const code of ['PPO-EAST', 'PPO-EAST-01', 'PPO-EAST-02', 'PPO-WEST-01']) ids[code] = await agencyId(server, code);
    await addAccount(server, { agencyCode: 'PPO-WEST-01', role: ContactRole.BRANCH_OPERATOR, email: 'west@postwatch.test', password: 'west-password-1' });
    await addAccount(server, { agencyCode: 'PPD-EAST', role: ContactRole.POLICE_LIAISON, email: 'district@postwatch.test', password: 'district-password' });
    tokens.liaison = await login(server.httpUrl, 'liaison@postwatch.demo');
    tokens.east = await login(server.httpUrl, 'branch@postwatch.demo');
    tokens.coordinator = await login(server.httpUrl, 'coordinator@postwatch.demo');
    tokens.west = await login(server.httpUrl, 'west@postwatch.test', 'west-password-1');
    tokens.district = await login(server.httpUrl, 'district@postwatch.test', 'district-password');
  });
  afterAll(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await server?.stop();
  });

  it('delivers the alert, its update and its cancellation through the same subscription, in order', async () => {
    const watcher = collect<Received>(open(tokens.east!), WATCH, { b: ids['PPO-EAST-01'] });
    await waitForSubscribers(server, ids['PPO-EAST-01']!, 1);
    const original = await postAlert(server, tokens.liaison!, alertInput([ids['PPO-EAST']!], { headline: 'Original', severity: 'MODERATE' }));
    const updated = await gql(server.httpUrl, UPDATE, { id: original.id, input: { headline: 'Updated', severity: 'EXTREME' } }, tokens.liaison);
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateAlert).toMatchObject({
      msgType: 'UPDATE', headline: 'Updated', severity: 'EXTREME', references: { id: original.id }, threadId: original.id,
    });
    const cancelled = await gql(server.httpUrl, CANCEL, { id: updated.data!.updateAlert.id, reason: 'The parcel was cleared.' }, tokens.liaison);
    expect(cancelled.data!.cancelAlert).toMatchObject({
      msgType: 'CANCEL', headline: 'Cancelled: Updated', description: 'The parcel was cleared.',
      references: { id: updated.data!.updateAlert.id }, active: false,
    });
    await watcher.waitFor(3);
    expect(watcher.received.map((r) => [r.alertPosted.msgType, r.alertPosted.headline])).toEqual([
      ['ALERT', 'Original'], ['UPDATE', 'Updated'], ['CANCEL', 'Cancelled: Updated'],
    ]);
    expect(ascending(seqs(watcher))).toBe(true);

    const versions = await gql(
      server.httpUrl,
      'query ($id: ID!) { alert(id: $id) { active supersededBy { msgType supersededBy { msgType } } } }',
      { id: original.id },
      tokens.east,
    );
    expect(versions.data!.alert).toEqual({ active: false, supersededBy: { msgType: 'UPDATE', supersededBy: { msgType: 'CANCEL' } } });
    const active = await gql(server.httpUrl, 'query ($id: ID) { alerts(first: 100, filter: { activeOnly: true, issuerAgencyId: $id }) { edges { node { id } } } }', { id: null }, tokens.east);
    const activeIds = active.data!.alerts.edges.map((e: any) => e.node.id);
    expect(activeIds).not.toContain(original.id);
    expect(activeIds).not.toContain(cancelled.data!.cancelAlert.id);
  });

  it('refuses to change a replaced or cancelled version, or another agency\'s alert', async () => {
    const original = await postAlert(server, tokens.liaison!, alertInput([ids['PPO-EAST-01']!], { headline: 'To replace' }));
    const update = await gql(server.httpUrl, UPDATE, { id: original.id, input: { headline: 'New' } }, tokens.liaison);
    const again = await gql(server.httpUrl, UPDATE, { id: original.id, input: { headline: 'Newer' } }, tokens.liaison);
    expect(again.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const cancel = await gql(server.httpUrl, CANCEL, { id: update.data!.updateAlert.id, reason: 'Done' }, tokens.liaison);
    const cancelTwice = await gql(server.httpUrl, CANCEL, { id: cancel.data!.cancelAlert.id, reason: 'Again' }, tokens.liaison);
    expect(cancelTwice.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const fresh = await postAlert(server, tokens.liaison!, alertInput([ids['PPO-EAST-01']!], { headline: 'Theirs' }));
    const foreign = await gql(server.httpUrl, UPDATE, { id: fresh.id, input: { headline: 'Mine now' } }, tokens.district);
    expect(foreign.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const byOperator = await gql(server.httpUrl, CANCEL, { id: fresh.id, reason: 'No' }, tokens.east);
    expect(byOperator.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const nothing = await gql(server.httpUrl, UPDATE, { id: fresh.id, input: {} }, tokens.liaison);
    expect(nothing.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const blank = await gql(server.httpUrl, CANCEL, { id: fresh.id, reason: '   ' }, tokens.liaison);
    expect(blank.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const same = await gql(server.httpUrl, UPDATE, { id: fresh.id, input: { headline: 'Theirs' } }, tokens.liaison);
    expect(same.errors![0]!.message).toBe('Nothing to change');
    const narrower = await gql(server.httpUrl, UPDATE, { id: fresh.id, input: { tlp: 'RED' } }, tokens.liaison);
    expect(narrower.errors![0]!.extensions!.fields).toEqual([{ field: 'tlp', message: expect.stringMatching(/cancel the alert/) }]);
    const wider = await gql(server.httpUrl, UPDATE, { id: fresh.id, input: { tlp: 'GREEN' } }, tokens.liaison);
    expect(wider.errors).toBeUndefined();
  });

  it('asks for a new expiry when an expired alert is updated', async () => {
    const alert = await postAlert(server, tokens.liaison!, alertInput([ids['PPO-EAST-01']!], { headline: 'Expiring', expires: new Date(Date.now() + 1500).toISOString() }));
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const stale = await gql(server.httpUrl, UPDATE, { id: alert.id, input: { headline: 'Still on' } }, tokens.liaison);
    expect(stale.errors![0]!.extensions!.fields).toEqual([{ field: 'expires', message: 'is required once the alert has expired' }]);
    const renewed = await gql(server.httpUrl, UPDATE, { id: alert.id, input: { headline: 'Still on', expires: new Date(Date.now() + 3_600_000).toISOString() } }, tokens.liaison);
    expect(renewed.errors).toBeUndefined();
  });

  it('lets exactly one of five concurrent updates of a version succeed', async () => {
    const original = await postAlert(server, tokens.liaison!, alertInput([ids['PPO-EAST-01']!], { headline: 'Raced' }));
    const results = await Promise.all(
      ['A', 'B', 'C', 'D', 'E'].map((h) => gql(server.httpUrl, UPDATE, { id: original.id, input: { headline: h } }, tokens.liaison)),
    );
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'OK']);
    const [{ n }] = await server.app.orm.em.getConnection().execute(
      'select count(*)::int as n from security_alert where references_id = ?', [original.id]);
    expect(n).toBe(1);
  });

  it('records acknowledgements, amends them with history, and tells the liaison live', async () => {
    const alert = await postAlert(server, tokens.liaison!, alertInput([ids['PPO-EAST']!], { headline: 'To acknowledge' }));
    const feed = collect<{ alertAcknowledged: Record<string, any> }>(
      open(tokens.liaison!),
      'subscription ($id: ID!) { alertAcknowledged(alertId: $id) { outcome revision branch { code } acknowledgedBy { email } } }',
      { id: alert.id },
    );
    await feed.ready;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const first = await gql(server.httpUrl, ACK, { id: alert.id, outcome: 'RECEIVED' }, tokens.east);
    expect(first.data!.acknowledgeAlert).toMatchObject({ outcome: 'RECEIVED', revision: 1, branch: { code: 'PPO-EAST-01' } });
    const second = await gql(server.httpUrl, ACK, { id: alert.id, outcome: 'ITEM_HELD', note: 'Held at the counter.' }, tokens.east);
    expect(second.data!.acknowledgeAlert).toMatchObject({
      outcome: 'ITEM_HELD', revision: 2, note: 'Held at the counter.',
      history: [{ revision: 1, outcome: 'RECEIVED' }, { revision: 2, outcome: 'ITEM_HELD' }],
    });
    await feed.waitFor(2);
    expect(feed.received.map((r) => [r.alertAcknowledged.outcome, r.alertAcknowledged.revision, r.alertAcknowledged.acknowledgedBy.email])).toEqual([
      ['RECEIVED', 1, 'branch@postwatch.demo'], ['ITEM_HELD', 2, 'branch@postwatch.demo'],
    ]);

    const status = await gql(
      server.httpUrl,
      'query ($id: ID!) { alert(id: $id) { acknowledgements { outcome branch { code } } pendingBranches { code } } }',
      { id: alert.id },
      tokens.liaison,
    );
    expect(status.data!.alert).toEqual({
      acknowledgements: [{ outcome: 'ITEM_HELD', branch: { code: 'PPO-EAST-01' } }],
      pendingBranches: [{ code: 'PPO-EAST-02' }],
    });
    // A branch operator sees only their own branch's status.
    const own = await gql(server.httpUrl, 'query ($id: ID!) { alert(id: $id) { pendingBranches { code } } }', { id: alert.id }, tokens.east);
    expect(own.data!.alert.pendingBranches).toEqual([]);
  });

  it.each([
    ['an operator of a branch the alert did not reach', 'west', 'NOT_FOUND'],
    ['a coordinator', 'coordinator', 'FORBIDDEN'],
    ['a liaison', 'liaison', 'FORBIDDEN'],
  ])('refuses an acknowledgement by %s', async (_label, who, code) => {
    const alert = await postAlert(server, tokens.liaison!, alertInput([ids['PPO-EAST-01']!], { headline: 'Not yours' }));
    const result = await gql(server.httpUrl, ACK, { id: alert.id, outcome: 'RECEIVED' }, tokens[who]);
    expect(result.errors![0]!.extensions!.code).toBe(code);
    const [{ n }] = await server.app.orm.em.getConnection().execute('select count(*)::int as n from acknowledgement where alert_id = ?', [alert.id]);
    expect(n).toBe(0);
  });

  it('refuses an acknowledgement of TLP:RED that reached the branch only through its district', async () => {
    const alert = await postAlert(server, tokens.liaison!, alertInput([ids['PPO-EAST']!], { headline: 'Red', tlp: 'RED' }));
    const result = await gql(server.httpUrl, ACK, { id: alert.id, outcome: 'RECEIVED' }, tokens.east);
    expect(result.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });
});

describe.skipIf(!redisServerBinary())('several server processes sharing PostgreSQL and Redis', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  let first: ServerProcess;
  let second: ServerProcess;
  let liaison: string;
  let east: string;
  const ids: Record<string, string> = {};
  const clients: Client[] = [];

  const post = async (server: ServerProcess, headline: string) => {
    const result = await gql(server.httpUrl, 'mutation ($input: PostAlertInput!) { postAlert(input: $input) { id deliverySeq } }', {
      input: alertInput([ids['PPO-EAST-01']!], { headline }),
    }, liaison);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.postAlert as { id: string; deliverySeq: string };
  };

  beforeAll(async () => {
    await buildServer();
    database = await createTestDatabase('processes');
    redis = new TestRedis(await freePort());
    await redis.start();
    const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, JWT_SECRET: 'shared-secret-of-two-instances-0123456789', DELIVERY_POLL_MS: '500', SESSION_CHECK_MS: '1000' };
    first = new ServerProcess(await freePort(), { ...env, POSTWATCH_SEED_DEMO: 'always' });
    await first.start();
    second = new ServerProcess(await freePort(), { ...env, POSTWATCH_SEED_DEMO: 'never' });
    await second.start();
    liaison = await login(first.httpUrl, 'liaison@postwatch.demo');
    east = await login(second.httpUrl, 'branch@postwatch.demo');
    const agencies = await gql(first.httpUrl, '{ agencies { id code } }', {}, liaison);
    for (const { id, code } of agencies.data!.agencies) ids[code] = id;
  }, 180_000);
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await first?.stop();
    await second?.stop();
    await redis?.stop();
    await database?.drop();
  });

  it('delivers to a subscriber of one process what is posted on the other; after a crash, the other resumes with nothing lost', async () => {
    const onFirst = wsClient(first.wsUrl, east);
    clients.push(onFirst);
    const watcher = collect<Received>(onFirst, WATCH, { b: ids['PPO-EAST-01'] });
    await watcher.ready;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const a = await post(second, 'Posted on the second');
    await watcher.waitFor(1, 10_000);
    expect(watcher.received[0]!.alertPosted.id).toBe(a.id);

    await first.kill();
    const duringOutage = [await post(second, 'While the first is down 1'), await post(second, 'While the first is down 2')];
    const onSecond = wsClient(second.wsUrl, east);
    clients.push(onSecond);
    const resumed = collect<Received>(onSecond, WATCH, { b: ids['PPO-EAST-01'], after: watcher.received.at(-1)!.alertPosted.deliverySeq });
    await resumed.waitFor(2, 10_000);
    expect(seqs(resumed)).toEqual(duringOutage.map((p) => p.deliverySeq));
    const afterwards = await post(second, 'After the resume');
    await resumed.waitFor(3, 10_000);
    expect(resumed.received[2]!.alertPosted.id).toBe(afterwards.id);
  });

  it('on SIGTERM, closes WebSockets with 1001 so that clients go elsewhere, and exits cleanly', async () => {
    const third = new ServerProcess(await freePort(), {
      DATABASE_URL: database.url, REDIS_URL: redis.url, JWT_SECRET: 'shared-secret-of-two-instances-0123456789', POSTWATCH_SEED_DEMO: 'never',
    });
    await third.start();
    const closed = new Promise<{ code: number }>((resolve) => {
      const client = wsClient(third.wsUrl, east, resolve);
      clients.push(client);
      collect(client, WATCH, { b: ids['PPO-EAST-01'] });
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exitCode = third.stop();
    expect((await closed).code).toBe(1001);
    expect(await exitCode).toBe(0);
    // The other instances go on serving.
    expect((await post(second, 'After a graceful stop')).id).toEqual(expect.any(String));
  });

  /**
   * Posts as a client would while connections are being cut: a request that met a cut connection fails and
   * stores nothing, and the client tries again (a few times: a pooled connection may be cut while idle, and the
   * pool hears of it only when it is used).
   */
  const postRetrying = async (headline: string) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await post(attempt === 1 && first.isRunning() ? first : second, `${headline}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
      } catch (error) {
        if (attempt === 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };

  it('survives its database connections being cut while it delivers', async () => {
    const client = wsClient(second.wsUrl, east);
    clients.push(client);
    const watcher = collect<Received>(client, WATCH, { b: ids['PPO-EAST-01'] });
    await watcher.ready;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    const posted = [];
    try {
      for (let i = 0; i < 12; i++) {
        posted.push(await postRetrying(`Cut ${i}`));
        if (i % 3 === 1) {
          await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
        }
      }
    } finally {
      await admin.end();
    }
    await watcher.waitFor(posted.length, 20_000);
    expect(seqs(watcher)).toEqual(posted.map((p) => p.deliverySeq));
    expect((await fetch(second.httpUrl.replace('/graphql', '/healthz'))).status).toBe(200);
  });

  it('delivers acknowledgements made while Redis is away once it is back', async () => {
    const alert = await post(second, 'To acknowledge during an outage');
    const client = wsClient(second.wsUrl, liaison);
    clients.push(client);
    const feed = collect<{ alertAcknowledged: { revision: number } }>(
      client, 'subscription ($id: ID!) { alertAcknowledged(alertId: $id) { revision outcome } }', { id: alert.id },
    );
    await feed.ready;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await redis.stop();
    for (const outcome of ['RECEIVED', 'ITEM_HELD']) {
      const result = await gql(second.httpUrl, 'mutation ($id: ID!, $o: AckOutcome!) { acknowledgeAlert(alertId: $id, outcome: $o) { revision } }', { id: alert.id, o: outcome }, east);
      expect(result.errors).toBeUndefined();
    }
    await redis.start();
    await feed.waitFor(2, 15_000);
    expect(feed.received.map((r) => r.alertAcknowledged.revision)).toEqual([1, 2]);
  });

  it("closes a disabled account's sockets even when the change signal is lost with Redis", async () => {
    const coordinator = await login(first.isRunning() ? first.httpUrl : second.httpUrl, 'coordinator@postwatch.demo');
    const created = await gql(second.httpUrl, `mutation ($a: ID!) { createContact(input: { agencyId: $a, fullName: "Leaver", position: "Clerk",
      role: BRANCH_OPERATOR, email: "leaver.redis@postwatch.test", password: "leaver-password-1" }) { id } }`, { a: ids['PPO-WEST-01'] }, coordinator);
    const token = await login(second.httpUrl, 'leaver.redis@postwatch.test', 'leaver-password-1');
    const closed = new Promise<{ code: number }>((resolve) => {
      const client = wsClient(second.wsUrl, token, resolve);
      clients.push(client);
      collect(client, WATCH, { b: ids['PPO-WEST-01'] });
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await redis.stop();
    await gql(second.httpUrl, 'mutation ($id: ID!) { updateContact(id: $id, input: { active: false }) { id } }', { id: created.data!.createContact.id }, coordinator);
    expect((await closed).code).toBe(4401);
    await redis.start();
  });

  it('answers every request it stored when stopped with SIGTERM mid-burst', async () => {
    const fourth = new ServerProcess(await freePort(), {
      DATABASE_URL: database.url, REDIS_URL: redis.url, JWT_SECRET: 'shared-secret-of-two-instances-0123456789', POSTWATCH_SEED_DEMO: 'never',
    });
    await fourth.start();
    const token = await login(fourth.httpUrl, 'liaison@postwatch.demo');
    const marker = `Burst ${Date.now()}`;
    const requests = Array.from({ length: 20 }, (_, i) =>
      gql(fourth.httpUrl, 'mutation ($input: PostAlertInput!) { postAlert(input: $input) { id } }', {
        input: alertInput([ids['PPO-EAST-01']!], { headline: `${marker} ${i}` }),
      }, token).then((r) => (r.data ? 'answered' : 'refused'), () => 'cut'),
    );
    await new Promise((resolve) => setTimeout(resolve, 40));
    const exited = fourth.stop();
    const outcomes = await Promise.all(requests);
    expect(await exited).toBe(0);
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    const { rows } = await admin.query(`select count(*)::int as n from security_alert where headline like $1`, [`${marker}%`]);
    await admin.end();
    expect(rows[0].n).toBe(outcomes.filter((o) => o === 'answered').length);
  });

  it('stores posts while Redis is down, and subscribers get them, in order, once it is back', async () => {
    const client = wsClient(second.wsUrl, east);
    clients.push(client);
    const watcher = collect<Received>(client, WATCH, { b: ids['PPO-EAST-01'] });
    await watcher.ready;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const logFrom = second.output.join('').length;
    await redis.stop();
    const posted = [];
    for (let i = 0; i < 10; i++) posted.push(await post(second, `Redis down ${i}`));
    await redis.start();
    await watcher.waitFor(10, 15_000);
    expect(seqs(watcher)).toEqual(posted.map((p) => p.deliverySeq));
    // The outage is logged once when it starts and once when it ends, not once per post or reconnection attempt.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const redisLines = second.output.join('').slice(logFrom).split('\n').filter((line) => /redis/i.test(line));
    expect(redisLines.filter((line) => /redis unavailable/.test(line))).toHaveLength(1);
    expect(redisLines.filter((line) => /redis available again/.test(line))).toHaveLength(1);
    expect(redisLines.length, redisLines.join('\n')).toBeLessThanOrEqual(3);
    const next = await post(second, 'Redis back');
    await watcher.waitFor(11, 10_000);
    expect(watcher.received[10]!.alertPosted.id).toBe(next.id);
  });
});
