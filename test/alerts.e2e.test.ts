import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ContactRole } from '../src/platform/contact-role.js';
import { addAccount, agencyId, alertInput, alertTableCounts, POST_ALERT, postAlert } from './helpers/fixtures.js';
import { collect, gql, login, wsClient } from './helpers/graphql.js';
import { startTestServer, waitForSubscribers, type TestServer } from './helpers/server.js';

const ALERT_POSTED = `
  subscription Watch($branchId: ID!) {
    alertPosted(branchId: $branchId) {
      id identifier deliverySeq msgType headline severity urgency certainty tlp suspicionReason
      shipment { trackingNumber declaredContents }
      issuer { email }
      issuerAgency { code }
      targets { code }
    }
  }`;

describe('alerts from the liaison to the branch dashboards, end to end', () => {
  let server: TestServer;
  let ids: Record<string, string>;
  let tokens: Record<'liaison' | 'east' | 'west' | 'coordinator' | 'auditor', string>;
  const clients: Client[] = [];
  const open = (token?: string, onClose?: (event: { code: number; reason: string }) => void) => {
    const client = wsClient(server.wsUrl, token, onClose);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startTestServer('alerts');
    await addAccount(server, {
      agencyCode: 'PPO-WEST-01', role: ContactRole.BRANCH_OPERATOR, email: 'west@postwatch.test', password: 'west-password',
    });
    ids = Object.fromEntries(
      await Promise.all(
        ['PPO', 'PPO-EAST', 'PPO-EAST-01', 'PPO-EAST-02', 'PPO-WEST-01', 'PPO-CITY-01', 'PPD', 'PPD-PA03'].map(
          async (code) => [code, await agencyId(server, code)],
        ),
      ),
    );
    tokens = {
      liaison: await login(server.httpUrl, 'liaison@postwatch.demo'),
      east: await login(server.httpUrl, 'branch@postwatch.demo'),
      west: await login(server.httpUrl, 'west@postwatch.test', 'west-password'),
      coordinator: await login(server.httpUrl, 'coordinator@postwatch.demo'),
      auditor: await login(server.httpUrl, 'auditor@postwatch.demo'),
    };
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
  });

  afterAll(() => server?.stop());

  it('delivers an alert targeting the district office to its branch, and not to a branch elsewhere', async () => {
    const east = collect(open(tokens.east), ALERT_POSTED, { branchId: ids['PPO-EAST-01'] });
    const west = collect(open(tokens.west), ALERT_POSTED, { branchId: ids['PPO-WEST-01'] });
    await waitForSubscribers(server, ids['PPO-EAST-01']!, 1);
    await waitForSubscribers(server, ids['PPO-WEST-01']!, 1);

    const posted = await postAlert(server, tokens.liaison, alertInput([ids['PPO-EAST']!]));
    const [received] = await east.waitFor(1);
    expect(received!.alertPosted).toEqual({
      id: posted.id,
      identifier: posted.identifier,
      deliverySeq: posted.deliverySeq,
      msgType: 'ALERT',
      headline: 'Parcel suspected to contain narcotics',
      severity: 'SEVERE',
      urgency: 'IMMEDIATE',
      certainty: 'LIKELY',
      tlp: 'AMBER',
      suspicionReason: 'NARCOTICS',
      shipment: { trackingNumber: 'RR123456785VN', declaredContents: 'Dried tea, 2 kg' },
      issuer: { email: 'liaison@postwatch.demo' },
      issuerAgency: { code: 'PPD' },
      targets: [{ code: 'PPO-EAST' }],
    });

    // The west branch is outside the East district: the next thing it receives is the alert aimed at it.
    const westAlert = await postAlert(server, tokens.liaison, alertInput([ids['PPO-WEST-01']!], { headline: 'For the west' }));
    const [westFirst] = await west.waitFor(1);
    expect(westFirst!.alertPosted.id).toBe(westAlert.id);
    expect(west.received).toHaveLength(1);
    expect(east.received).toHaveLength(1);
  });

  it('stores what the liaison posted, with the CAP defaults', async () => {
    const posted = await postAlert(server, tokens.liaison, alertInput([ids['PPO-EAST-01']!], { tlp: 'GREEN' }));
    expect(posted).toMatchObject({
      msgType: 'ALERT',
      status: 'ACTUAL',
      category: 'SECURITY',
      event: 'Suspicious shipment',
      tlp: 'GREEN',
      expires: null,
      active: true,
      issuer: { email: 'liaison@postwatch.demo', role: 'POLICE_LIAISON' },
      issuerAgency: { code: 'PPD' },
    });
    expect(posted.identifier).toBe(`PW-${new Date(posted.sent).getUTCFullYear()}-${posted.deliverySeq.padStart(6, '0')}`);
    const read = await gql(server.httpUrl, '{ alert(id: "' + posted.id + '") { headline deliverySeq } }', {}, tokens.east);
    expect(read.data!.alert).toEqual({ headline: posted.headline, deliverySeq: posted.deliverySeq });
  });

  it('reaches every branch under the provincial post office, and a coordinator may watch any branch', async () => {
    const city = collect(open(tokens.coordinator), ALERT_POSTED, { branchId: ids['PPO-CITY-01'] });
    const east2 = collect(open(tokens.auditor), ALERT_POSTED, { branchId: ids['PPO-EAST-02'] });
    await waitForSubscribers(server, ids['PPO-CITY-01']!, 1);
    await waitForSubscribers(server, ids['PPO-EAST-02']!, 1);
    const posted = await postAlert(server, tokens.liaison, alertInput([ids.PPO!], { severity: 'EXTREME' }));
    expect((await city.waitFor(1))[0]!.alertPosted.id).toBe(posted.id);
    expect((await east2.waitFor(1))[0]!.alertPosted.severity).toBe('EXTREME');
  });

  it('gives every subscriber of a branch the same alerts in delivery order', async () => {
    const watchers = [tokens.east, tokens.coordinator, tokens.auditor].map((token) =>
      collect(open(token), ALERT_POSTED, { branchId: ids['PPO-EAST-01'] }),
    );
    await waitForSubscribers(server, ids['PPO-EAST-01']!, 3);
    const posted = [];
    for (let i = 0; i < 5; i++) {
      posted.push(await postAlert(server, tokens.liaison, alertInput([ids['PPO-EAST-01']!], { headline: `Alert ${i}` })));
    }
    const expected = posted.map((p) => p.deliverySeq);
    expect(expected.map(BigInt)).toEqual([...expected.map(BigInt)].sort((a, b) => (a < b ? -1 : 1)));
    for (const watcher of watchers) {
      const received = await watcher.waitFor(5);
      expect(received.map((r) => r.alertPosted.deliverySeq)).toEqual(expected);
    }
  });

  describe('subscriptions that must be refused', () => {
    it('refuses a branch operator watching another branch with FORBIDDEN', async () => {
      const sub = collect(open(tokens.east), ALERT_POSTED, { branchId: ids['PPO-WEST-01'] });
      const [error] = (await sub.waitForError()) as { extensions: { code: string } }[];
      expect(error!.extensions.code).toBe('FORBIDDEN');
      expect(server.app.hub.subscriberCount(ids['PPO-WEST-01']!)).toBe(0);
    });

    it('refuses a liaison watching a branch feed with FORBIDDEN', async () => {
      const sub = collect(open(tokens.liaison), ALERT_POSTED, { branchId: ids['PPO-EAST-01'] });
      const [error] = (await sub.waitForError()) as { extensions: { code: string } }[];
      expect(error!.extensions.code).toBe('FORBIDDEN');
    });

    it.each([
      ['a district office', 'PPO-EAST'],
      ['a police unit', 'PPD-PA03'],
    ])('answers NOT_FOUND for %s, which is not a branch', async (_label, code) => {
      const sub = collect(open(tokens.coordinator), ALERT_POSTED, { branchId: ids[code] });
      const [error] = (await sub.waitForError()) as { extensions: { code: string } }[];
      expect(error!.extensions.code).toBe('NOT_FOUND');
    });

    it.each([
      ['a malformed branch id', () => 'not-an-id'],
      ['a branch id in capitals', () => ids['PPO-EAST-01']!.toUpperCase()],
    ])('answers BAD_USER_INPUT for %s', async (_label, branchId) => {
      const sub = collect(open(tokens.coordinator), ALERT_POSTED, { branchId: branchId() });
      const [error] = (await sub.waitForError()) as { extensions: { code: string } }[];
      expect(error!.extensions.code).toBe('BAD_USER_INPUT');
    });

    it('refuses the subscription over HTTP, where it cannot stream', async () => {
      const result = await gql(server.httpUrl, ALERT_POSTED, { branchId: ids['PPO-EAST-01'] }, tokens.east);
      expect(result.status).toBe(400);
      expect(result.errors![0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
      expect(result.errors![0]!.message).toMatch(/WebSocket/);
    });

    it('allows 20 subscriptions on one socket and refuses the 21st', async () => {
      const client = open(tokens.east);
      const subs = Array.from({ length: 20 }, () => collect(client, ALERT_POSTED, { branchId: ids['PPO-EAST-01'] }));
      await waitForSubscribers(server, ids['PPO-EAST-01']!, 20);
      const extra = collect(client, ALERT_POSTED, { branchId: ids['PPO-EAST-01'] });
      const [error] = (await extra.waitForError()) as { message: string; extensions: { code: string } }[];
      expect(error).toMatchObject({ message: 'At most 20 subscriptions per connection', extensions: { code: 'BAD_REQUEST' } });
      expect(subs.every((sub) => sub.errors.length === 0)).toBe(true);
    });

    it.each([
      ['no token', undefined],
      ['a forged token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'],
    ])('closes a socket with %s with code 4401', async (_label, token) => {
      const closed = new Promise<{ code: number; reason: string }>((resolve) => {
        const sub = collect(open(token, resolve), ALERT_POSTED, { branchId: ids['PPO-EAST-01'] });
        void sub.waitForError().catch(() => undefined);
      });
      const event = await closed;
      expect(event.code).toBe(4401);
      expect(event.reason).toMatch(/^Unauthorized/);
    });
  });

  describe('S10 tracking numbers', () => {
    it.each(['RR123456785VN', 'EC136431858VN'])('accepts %s', async (trackingNumber) => {
      const posted = await postAlert(
        server,
        tokens.liaison,
        alertInput([ids['PPO-EAST-01']!], { shipment: { trackingNumber } }),
      );
      expect(posted.shipment.trackingNumber).toBe(trackingNumber);
    });

    it('rejects EB123456789VN with BAD_USER_INPUT and writes nothing', async () => {
      const before = await alertTableCounts(server);
      const result = await gql(
        server.httpUrl,
        POST_ALERT,
        { input: alertInput([ids['PPO-EAST-01']!], { shipment: { trackingNumber: 'EB123456789VN' } }) },
        tokens.liaison,
      );
      expect(result.data).toBeNull();
      expect(result.errors![0]!.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [
          { field: 'shipment.trackingNumber', message: 'EB123456789VN: check digit is 9 but UPU S10 gives 5 for serial 12345678' },
        ],
      });
      expect(await alertTableCounts(server)).toEqual(before);
    });
  });

  describe('other bad input is refused with BAD_USER_INPUT and writes nothing', () => {
    const cases: [string, () => Record<string, unknown>, RegExp][] = [
      ['no targets', () => alertInput([]), /targetIds/],
      ['an unknown target', () => alertInput(['00000000-0000-4000-8000-000000000000']), /Unknown or archived target agencies/],
      ['a malformed target id', () => alertInput(['PPO-EAST']), /targetIds/],
      ['the same target twice', () => alertInput([ids['PPO-EAST-01']!, ids['PPO-EAST-01']!]), /more than once/],
      ['targets that reach no branch', () => alertInput([ids.PPD!]), /reach no post-office branch/],
      ['a blank headline', () => alertInput([ids['PPO-EAST-01']!], { headline: '   ' }), /headline/],
      ['a headline over 160 characters', () => alertInput([ids['PPO-EAST-01']!], { headline: 'x'.repeat(161) }), /headline/],
      ['an expiry in the past', () => alertInput([ids['PPO-EAST-01']!], { expires: '2020-01-01T00:00:00Z' }), /expires/],
      ['an unknown severity', () => alertInput([ids['PPO-EAST-01']!], { severity: 'HUGE' }), /severity|HUGE/],
      ['a lower-case tracking number', () => alertInput([ids['PPO-EAST-01']!], { shipment: { trackingNumber: 'rr123456785vn' } }), /trackingNumber/],
      ['a target id in capitals', () => alertInput([ids['PPO-EAST-01']!.toUpperCase()]), /targetIds/],
      ['a NUL character in the headline', () => alertInput([ids['PPO-EAST-01']!], { headline: 'x\u0000y' }), /input\.headline.*NUL/],
      ['a NUL character in a shipment field', () => alertInput([ids['PPO-EAST-01']!], { shipment: { trackingNumber: 'RR123456785VN', origin: 'a\u0000' } }), /input\.shipment\.origin/],
      // 160 letters each followed by a variation selector: 320 characters for PostgreSQL.
      ['a headline of 160 letters with variation selectors', () => alertInput([ids['PPO-EAST-01']!], { headline: 'a\uFE0F'.repeat(160) }), /headline: must be at most 160 characters/],
      ['a headline of only a zero-width space', () => alertInput([ids['PPO-EAST-01']!], { headline: '\u200B' }), /headline: must not be blank/],
    ];
    it.each(cases)('%s', async (_label, input, message) => {
      const before = await alertTableCounts(server);
      const result = await gql(server.httpUrl, POST_ALERT, { input: input() }, tokens.liaison);
      expect(result.data ?? null).toBeNull();
      expect(result.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.message).toMatch(message);
      expect(await alertTableCounts(server)).toEqual(before);
    });
  });
});
