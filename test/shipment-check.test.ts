import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s10CheckDigit } from '../src/modules/alert/s10.js';
import { agencyId, alertInput, auditEntriesAfter, countRows, lastAuditId, postAlert } from './helpers/fixtures.js';
import { collect, gql, login, wsClient, type GraphQLResponse } from './helpers/graphql.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const CHECK = `mutation ($n: String!, $b: ID, $m: SightingMethod) {
  shipmentCheck(trackingNumber: $n, branchId: $b, method: $m) { trackingNumber checkedAt matches { id headline instruction } }
}`;
const CHECKS = `mutation ($n: [String!]!, $b: ID) {
  shipmentChecks(trackingNumbers: $n, branchId: $b) { trackingNumber matches { id } }
}`;
const SIGHTINGS = `query ($id: ID!) {
  alert(id: $id) { deliverySeq sightings { deliverySeq method sightedAt branch { code } contact { email } } }
}`;

/** A valid S10 number with serial `serial` (8 digits), worked out with the S10 weights. */
function s10(prefix: string, serial: number, country = 'VN'): string {
  const digits = String(serial).padStart(8, '0');
  return `${prefix}${digits}${s10CheckDigit(digits)}${country}`;
}

describe('shipmentCheck: the counter check of a parcel', () => {
  let server: TestServer;
  let liaison: string;
  let branch: string;
  let eastTown: string;
  let riverside: string;
  let eastDistrict: string;
  const code = (result: GraphQLResponse) => result.errors?.[0]?.extensions?.code ?? 'OK';

  beforeAll(async () => {
    server = await startTestServer('shipment_check');
    liaison = await login(server.httpUrl, 'liaison@postwatch.demo');
    branch = await login(server.httpUrl, 'branch@postwatch.demo');
    eastTown = await agencyId(server, 'PPO-EAST-01');
    riverside = await agencyId(server, 'PPO-EAST-02');
    eastDistrict = await agencyId(server, 'PPO-EAST');
  });
  afterAll(() => server?.stop());

  it('answers a match with its instruction, records exactly one sighting, and the liaison sees it', async () => {
    const number = s10('RR', 10000001);
    const alert = await postAlert(server, liaison, alertInput([eastDistrict], { shipment: { trackingNumber: number } }));
    const before = await countRows(server, 'shipment_sighting');
    const mark = await lastAuditId(server);

    // As a scanner sends it: lower case is typed, an AIM prefix and a carriage return around the code.
    const result = await gql(server.httpUrl, CHECK, { n: `]C0${number.toLowerCase()}\r`, m: 'SCANNER' }, branch);
    expect(result.errors).toBeUndefined();
    expect(result.data!.shipmentCheck.trackingNumber).toBe(number);
    expect(result.data!.shipmentCheck.matches).toEqual([{ id: alert.id, headline: alert.headline, instruction: alert.instruction }]);
    expect(await countRows(server, 'shipment_sighting')).toBe(before + 1);
    const audit = await auditEntriesAfter(server, mark);
    expect(audit.map((e) => [e.operation, e.outcome, e.target_type, e.target_id, e.detail?.sightings])).toEqual([['shipmentCheck', 'SUCCESS', 'SecurityAlert', alert.id, 1]]);
    // The sighting and its audit entry were committed by one transaction: PostgreSQL stamps both rows with its id.
    const [stamps] = await server.app.orm.em.getConnection().execute<{ sighting: string; audit: string }[]>(
      `select (select xmin::text from shipment_sighting where alert_id = ?) as sighting, (select xmin::text from audit_entry where id = ?) as audit`,
      [alert.id, audit[0]!.id],
    );
    expect(stamps!.sighting).toBe(stamps!.audit);

    const seen = await gql(server.httpUrl, SIGHTINGS, { id: alert.id }, liaison);
    const [sighting] = seen.data!.alert.sightings;
    expect(seen.data!.alert.sightings).toHaveLength(1);
    expect(sighting).toMatchObject({ method: 'SCANNER', branch: { code: 'PPO-EAST-01' }, contact: { email: 'branch@postwatch.demo' } });
    // From the counter alerts and acknowledgements share: after the alert's own number.
    expect(BigInt(sighting.deliverySeq)).toBeGreaterThan(BigInt(seen.data!.alert.deliverySeq));
    // Another branch the alert reached sees no sighting of East Town's.
    const other = await login(server.httpUrl, 'branch5@postwatch.demo');
    expect((await gql(server.httpUrl, SIGHTINGS, { id: alert.id }, other)).data!.alert.sightings).toEqual([]);
  });

  it('normalises what was typed: case, spaces and dashes', async () => {
    const number = s10('EE', 10000002);
    await postAlert(server, liaison, alertInput([eastTown], { shipment: { trackingNumber: number } }));
    const typed = `${number.slice(0, 2).toLowerCase()} ${number.slice(2, 6)}-${number.slice(6, 11)} ${number.slice(11).toLowerCase()}`;
    const result = await gql(server.httpUrl, CHECK, { n: typed }, branch);
    expect(result.data!.shipmentCheck).toMatchObject({ trackingNumber: number, matches: [{ headline: 'Parcel suspected to contain narcotics' }] });
  });

  it('refuses a wrong check digit with the S10 message and records nothing', async () => {
    const before = await countRows(server, 'shipment_sighting');
    // Serial 12345678 gives check digit 5 (1·8+2·6+3·4+4·2+5·3+6·5+7·9+8·7 = 204; 11 − 204 mod 11 = 5).
    const result = await gql(server.httpUrl, CHECK, { n: 'RR123456784VN' }, branch);
    expect(code(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.extensions!.fields).toEqual([
      { field: 'trackingNumber', message: 'RR123456784VN: check digit is 4 but UPU S10 gives 5 for serial 12345678' },
    ]);
    expect(await countRows(server, 'shipment_sighting')).toBe(before);
  });

  it('finds no match, and records no sighting, for alerts the branch may not act on', async () => {
    const before = await countRows(server, 'shipment_sighting');
    const cases: [string, Record<string, unknown>, ((id: string) => Promise<void>)?][] = [
      // Delivered to another branch only.
      [s10('CP', 10000003), { targetIds: [riverside] }],
      // TLP:RED to the district: it reaches only branches named themselves.
      [s10('CP', 10000004), { targetIds: [eastDistrict], tlp: 'RED' }],
      // Expired.
      [s10('CP', 10000005), {}, async (id) => {
        await server.app.orm.em.getConnection().execute(`update security_alert set expires = now() - interval '1 minute' where id = ?`, [id]);
      }],
      // Cancelled.
      [s10('CP', 10000006), {}, async (id) => {
        const cancelled = await gql(server.httpUrl, 'mutation ($id: ID!) { cancelAlert(id: $id, reason: "Cleared") { id } }', { id }, liaison);
        expect(cancelled.errors).toBeUndefined();
      }],
    ];
    for (const [number, overrides, after] of cases) {
      const alert = await postAlert(server, liaison, alertInput([eastTown], { shipment: { trackingNumber: number }, ...overrides }));
      await after?.(alert.id);
      const result = await gql(server.httpUrl, CHECK, { n: number }, branch);
      expect(result.data!.shipmentCheck, number).toMatchObject({ trackingNumber: number, matches: [] });
    }
    expect(await countRows(server, 'shipment_sighting')).toBe(before);
  });

  it('checks 500 numbers in one call, in the order given', async () => {
    const number = s10('RR', 10000007);
    await postAlert(server, liaison, alertInput([eastTown], { shipment: { trackingNumber: number } }));
    const numbers = Array.from({ length: 500 }, (_, i) => (i === 250 ? number : s10('LX', 20000000 + i)));
    const result = await gql(server.httpUrl, CHECKS, { n: numbers }, branch);
    expect(result.errors).toBeUndefined();
    const checks = result.data!.shipmentChecks as { trackingNumber: string; matches: unknown[] }[];
    expect(checks.map((c) => c.trackingNumber)).toEqual(numbers);
    expect(checks.map((c, i) => [i, c.matches.length]).filter(([, n]) => n !== 0)).toEqual([[250, 1]]);
    expect(code(await gql(server.httpUrl, CHECKS, { n: [...numbers, s10('LX', 30000000)] }, branch))).toBe('BAD_USER_INPUT');
    const bad = await gql(server.httpUrl, CHECKS, { n: [numbers[0], 'RR123456784VN'] }, branch);
    expect(bad.errors![0]!.extensions!.fields).toEqual([{ field: 'trackingNumbers[1]', message: 'RR123456784VN: check digit is 4 but UPU S10 gives 5 for serial 12345678' }]);
  });

  it('delivers sightings live to the issuing liaisons, in order, and replays them after `after`', async () => {
    const number = s10('RR', 10000009);
    const alert = await postAlert(server, liaison, alertInput([eastDistrict], { shipment: { trackingNumber: number } }));
    const SIGHTED = 'subscription ($a: ID!, $after: String) { alertSighted(alertId: $a, after: $after) { deliverySeq method branch { code } contact { email } } }';
    const client = wsClient(server.wsUrl, liaison);
    const live = collect<{ alertSighted: { deliverySeq: string; method: string; branch: { code: string } } }>(client, SIGHTED, { a: alert.id });
    await live.ready;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const riversideClerk = await login(server.httpUrl, 'branch5@postwatch.demo');
    expect(code(await gql(server.httpUrl, CHECK, { n: number, m: 'CAMERA' }, branch))).toBe('OK');
    expect(code(await gql(server.httpUrl, CHECK, { n: number }, riversideClerk))).toBe('OK');
    const received = await live.waitFor(2, 5000);
    expect(received.map((r) => [r.alertSighted.branch.code, r.alertSighted.method])).toEqual([['PPO-EAST-01', 'CAMERA'], ['PPO-EAST-02', 'TYPED']]);
    const [first, second] = received.map((r) => BigInt(r.alertSighted.deliverySeq));
    expect(second).toBeGreaterThan(first!);
    live.dispose();

    // Resuming after the first: the second is replayed from the database, once.
    const replay = collect<{ alertSighted: { deliverySeq: string } }>(client, SIGHTED, { a: alert.id, after: String(first) });
    const replayed = await replay.waitFor(1, 5000);
    expect(replayed.map((r) => r.alertSighted.deliverySeq)).toEqual([String(second)]);
    replay.dispose();
    await client.dispose();
  });

  it('lets coordinators and auditors check at a branch they name; refuses liaisons and other branches', async () => {
    const number = s10('RR', 10000008);
    await postAlert(server, liaison, alertInput([eastTown], { shipment: { trackingNumber: number } }));
    const coordinator = await login(server.httpUrl, 'coordinator@postwatch.demo');
    const auditor = await login(server.httpUrl, 'auditor@postwatch.demo');
    expect(code(await gql(server.httpUrl, CHECK, { n: number }, coordinator))).toBe('FORBIDDEN');
    const before = await countRows(server, 'shipment_sighting');
    expect((await gql(server.httpUrl, CHECK, { n: number, b: eastTown }, coordinator)).data!.shipmentCheck.matches).toHaveLength(1);
    expect(await countRows(server, 'shipment_sighting')).toBe(before + 1);
    // An auditor sees the match and changes nothing.
    expect((await gql(server.httpUrl, CHECK, { n: number, b: eastTown }, auditor)).data!.shipmentCheck.matches).toHaveLength(1);
    expect(await countRows(server, 'shipment_sighting')).toBe(before + 1);
    expect(code(await gql(server.httpUrl, CHECK, { n: number }, liaison))).toBe('FORBIDDEN');
    expect(code(await gql(server.httpUrl, CHECK, { n: number, b: riverside }, branch))).toBe('FORBIDDEN');
    expect(code(await gql(server.httpUrl, CHECK, { n: number, b: eastDistrict }, coordinator))).toBe('NOT_FOUND');
  });

  it('shows a widened alert\'s live sightings only of versions the viewer may see', async () => {
    // A TLP:RED alert named to East Town, sighted there, then widened to AMBER: a coordinator sees the AMBER
    // version, not the RED one, nor its sighting.
    const number = s10('RR', 10000011);
    const red = await postAlert(server, liaison, alertInput([eastTown], { tlp: 'RED', shipment: { trackingNumber: number } }));
    expect((await gql(server.httpUrl, CHECK, { n: number }, branch)).data!.shipmentCheck.matches).toHaveLength(1);
    const widened = await gql(server.httpUrl, 'mutation ($id: ID!) { updateAlert(id: $id, input: { tlp: AMBER }) { id } }', { id: red.id }, liaison);
    expect(widened.errors).toBeUndefined();
    const amberId = widened.data!.updateAlert.id;
    const SIGHTED = 'subscription ($id: ID!) { alertSighted(alertId: $id, after: "0") { deliverySeq } }';
    const coordinator = await login(server.httpUrl, 'coordinator@postwatch.demo');
    const client = wsClient(server.wsUrl, coordinator);
    const theirs = collect(client, SIGHTED, { id: amberId });
    // The issuing liaison sees both versions, and the sighting (replayed after 0): the coordinator's feed has
    // had as long by then.
    const own = wsClient(server.wsUrl, liaison);
    const ours = collect(own, SIGHTED, { id: amberId });
    try {
      expect(await ours.waitFor(1, 5000)).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(theirs.errors).toEqual([]);
      expect(theirs.received).toEqual([]);
    } finally {
      theirs.dispose();
      ours.dispose();
      await client.dispose();
      await own.dispose();
    }
  });

  it('keeps what anyone sends short in the audit trail (the trail keeps every entry for good)', async () => {
    const mark = await lastAuditId(server);
    const long = 'f'.repeat(100_000);
    expect(code(await gql(server.httpUrl, CHECK, { n: 'x', b: long }))).toBe('UNAUTHENTICATED');
    const [entry] = await auditEntriesAfter(server, mark);
    expect(entry!.detail.branchId).toBe(long.slice(0, 254));
  });

  // Last: it changes the branch operator's password.
  it('keeps answering while the clerk changes their password in the middle of many checks: no stall, no 500, every call audited', async () => {
    const number = s10('RR', 10000012);
    await postAlert(server, liaison, alertInput([eastTown], { shipment: { trackingNumber: number } }));
    const mark = await lastAuditId(server);
    const started = Date.now();
    const answers: GraphQLResponse[] = [];
    const statuses: number[] = [];
    const call = async (query: string, variables: Record<string, unknown>) => {
      const response = await fetch(server.httpUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${branch}` },
        body: JSON.stringify({ query, variables }),
      });
      statuses.push(response.status);
      const body = (await response.json()) as GraphQLResponse;
      answers.push(body);
      return body;
    };
    // More loops than the database pool has connections, each checking a parcel that matches (a sighting each).
    const loops = Array.from({ length: 15 }, async () => {
      for (let i = 0; i < 4; i++) await call(CHECK, { n: number });
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const changed = await call('mutation { changePassword(currentPassword: "postwatch-demo", newPassword: "postwatch-demo-2") { token } }', {});
    await Promise.all(loops);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(changed.errors).toBeUndefined();
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    // Every check either went through or was refused as signed out (its token ended with the change).
    expect(answers.filter((a) => !['OK', 'UNAUTHENTICATED'].includes(code(a)))).toEqual([]);
    const entries = await auditEntriesAfter(server, mark);
    expect(entries.filter((e) => e.operation === 'shipmentCheck' || e.operation === 'changePassword')).toHaveLength(61);
  }, 60_000);
});
