import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPubSub } from '@graphql-yoga/subscription';
import { parse } from 'graphql';
import { refusalOf } from '../src/api/admission.js';
import { buildAppSchema } from '../src/api/schema.js';
import { ContactRole } from '../src/platform/contact-role.js';
import { addAccount, agencyId, alertInput, auditEntriesAfter, lastAuditId, postAlert } from './helpers/fixtures.js';
import { collect, gql, login, wsClient } from './helpers/graphql.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/**
 * What one request reads with others (the viewer's row of every request of a turn in one statement, the audit
 * entries of a turn in one INSERT) stays each request's own: many requests at once, from different accounts,
 * one of them disabled, each get their own answer and their own audit entry.
 */
describe('reads and audit entries shared by concurrent requests', () => {
  let server: TestServer;
  const accounts: { email: string; token: string }[] = [];
  let disabledToken: string;
  let disabledId: string;

  beforeAll(async () => {
    server = await startTestServer('shared-reads');
    for (let i = 0; i < 4; i++) {
      const email = `shared.${i}@postwatch.test`;
      await addAccount(server, { agencyCode: 'PPO-CITY-01', role: ContactRole.BRANCH_OPERATOR, email, password: 'a long enough password' });
      accounts.push({ email, token: await login(server.httpUrl, email, 'a long enough password') });
    }
    disabledId = await addAccount(server, { agencyCode: 'PPO-CITY-01', role: ContactRole.BRANCH_OPERATOR, email: 'shared.off@postwatch.test', password: 'a long enough password' });
    disabledToken = await login(server.httpUrl, 'shared.off@postwatch.test', 'a long enough password');
    await server.app.orm.em.getConnection().execute('update contact set active = false where id = ?', [disabledId]);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('answers each of 60 simultaneous requests as its own account, and refuses the disabled one every time', async () => {
    const sent = Array.from({ length: 60 }, (_, i) => (i % 5 === 4 ? { email: null, token: disabledToken } : accounts[i % 5]!));
    const answers = await Promise.all(sent.map(({ token }) => gql<{ me: { email: string } }>(server.httpUrl, '{ me { email } }', {}, token)));
    answers.forEach((answer, i) => {
      if (sent[i]!.email === null) {
        expect(answer.status).toBe(401);
        expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      } else {
        expect(answer.errors).toBeUndefined();
        expect(answer.data?.me.email).toBe(sent[i]!.email);
      }
    });
  });

  it('replays to each of many dashboards resuming at once exactly what followed its own number', async () => {
    const branch = await agencyId(server, 'PPO-CITY-01');
    const liaison = await login(server.httpUrl, 'liaison@postwatch.demo');
    const seqs: string[] = [];
    for (let i = 0; i < 6; i++) seqs.push((await postAlert(server, liaison, alertInput([branch], { headline: `Replay ${i}` }))).deliverySeq as string);
    // Twelve subscriptions at once, resuming after each of the six numbers (twice each): read in one statement.
    const clients = Array.from({ length: 12 }, () => wsClient(server.wsUrl, accounts[0]!.token));
    const watches = clients.map((client, i) =>
      collect<{ alertPosted: { deliverySeq: string } }>(client, 'subscription ($b: ID!, $after: String) { alertPosted(branchId: $b, after: $after) { deliverySeq } }', {
        b: branch,
        after: seqs[i % 6],
      }),
    );
    try {
      await Promise.all(watches.map((watch, i) => watch.waitFor(5 - (i % 6), 10_000)));
      // A last alert reaches every one of them once, after its replay.
      const last = (await postAlert(server, liaison, alertInput([branch], { headline: 'Replay last' }))).deliverySeq as string;
      await Promise.all(watches.map((watch, i) => watch.waitFor(6 - (i % 6), 10_000)));
      watches.forEach((watch, i) => {
        expect(watch.errors).toEqual([]);
        expect(watch.received.map((r) => r.alertPosted.deliverySeq)).toEqual([...seqs.slice((i % 6) + 1), last]);
      });
    } finally {
      watches.forEach((watch) => watch.dispose());
      await Promise.all(clients.map((client) => client.dispose()));
    }
  });

  it('writes one audit entry per call, with its own actor, when many calls are audited at once', async () => {
    const before = await lastAuditId(server);
    // An operator may not post alerts: each call is refused and audited as REFUSED, by its own actor.
    const calls = accounts.flatMap(({ token }) => Array.from({ length: 10 }, () => token));
    const input = { targetIds: [], headline: 'x', description: 'x', urgency: 'IMMEDIATE', severity: 'MINOR', certainty: 'LIKELY', suspicionReason: 'OTHER' };
    const answers = await Promise.all(
      calls.map((token) => gql(server.httpUrl, 'mutation ($input: PostAlertInput!) { postAlert(input: $input) { id } }', { input }, token)),
    );
    for (const answer of answers) expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const entries = (await auditEntriesAfter(server, before)).filter((entry) => entry.operation === 'postAlert');
    expect(entries).toHaveLength(40);
    const ids = await server.app.orm.em.getConnection().execute<{ id: string; email: string }[]>('select id, email from contact where email like ?', ['shared.%']);
    const emailOf = new Map(ids.map((row) => [row.id, row.email]));
    const perActor = new Map<string, number>();
    for (const entry of entries) {
      expect(entry.outcome).toBe('REFUSED');
      perActor.set(emailOf.get(entry.actor_id)!, (perActor.get(emailOf.get(entry.actor_id)!) ?? 0) + 1);
    }
    expect(Object.fromEntries(perActor)).toEqual(Object.fromEntries(accounts.map(({ email }) => [email, 10])));
  });
});

describe('an operation admitted once is not admitted with other variables', () => {
  it('still refuses the same document with wrong, NUL-carrying or too costly variables after admitting it', async () => {
    const schema = await buildAppSchema(createPubSub());
    const document = parse('query ($first: Int!, $h: String) { alerts(first: $first, filter: { trackingNumber: $h }) { edges { node { id } } } }');
    expect(refusalOf(schema, document, { first: 5, h: null }, undefined)).toBeNull();
    expect(refusalOf(schema, document, { first: 5, h: null }, undefined)).toBeNull();
    expect(refusalOf(schema, document, { first: 'five', h: null }, undefined)?.extensions.code).toBe('BAD_USER_INPUT');
    expect(refusalOf(schema, document, { first: 5, h: 'RR\u0000' }, undefined)?.extensions.code).toBe('BAD_USER_INPUT');
    expect(refusalOf(schema, document, { first: 5, h: null }, 'Missing')?.extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
    expect(refusalOf(schema, document, { first: 5, h: null }, undefined)).toBeNull();
  });
});
