import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyId, alertInput, postAlert } from './helpers/fixtures.js';
import { gql, login, type GraphQLResponse } from './helpers/graphql.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/**
 * Figures of the demo data set, written out by hand from src/db/seed/demo-activities.ts (the source report's
 * "more than 63,000 CMND, 319,000 CCCD, 1,900 passports since 2012" and "3 rounds, more than 2,000 attendances").
 */
const CCCD_BY_YEAR: Record<string, number> = {
  2012: 0, 2013: 0, 2014: 0, 2015: 0, 2016: 12_400, 2017: 21_650, 2018: 26_300, 2019: 29_870, 2020: 41_260, 2021: 187_862,
};
const CMND_TOTAL = 63_184;
const CCCD_TOTAL = 319_342;
const PASSPORT_TOTAL = 1_927;
/** 680 + 690 + 705 attendances of the three legal-education rounds (2013, 2016, 2019). */
const TRAINING_ATTENDANCES = 2_075;
/** 3 trainings + 1 campaign + 1 information exchange + 10 years × 7 branches of deliveries. */
const DEMO_ACTIVITIES = 75;

const HISTORY = `
  query History($first: Int!, $after: String, $filter: JointHistoryFilter) {
    jointHistory(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges {
        cursor
        node {
          kind occurredAt occurredOn
          subject {
            __typename
            ... on Agreement { id code status }
            ... on AgreementReview { id title attendingAgencies { code } }
            ... on JointActivity { id kind title startedOn participantCount agencies { code } documentsDelivered { documentType count } }
            ... on SecurityAlert { id headline severity }
          }
        }
      }
    }
  }`;

const STATISTICS = `
  query Stats($groupBy: StatisticsGroupBy!, $filter: JointHistoryFilter) {
    jointStatistics(groupBy: $groupBy, filter: $filter) {
      groupBy
      groups { key agency { code } activities attendances documentsDelivered { documentType count } alerts alertsBySeverity { severity count } branchDeliveries acknowledgementRate medianSecondsToAcknowledge }
      total { key activities attendances documentsDelivered { documentType count } alerts branchDeliveries acknowledgementRate medianSecondsToAcknowledge }
    }
  }`;

type Entry = { cursor: string; node: { kind: string; occurredAt: string; subject: Record<string, any> } };

async function walk(server: TestServer, token: string, first: number, filter?: Record<string, unknown>): Promise<Entry[]> {
  const entries: Entry[] = [];
  let after: string | null = null;
  for (;;) {
    const result: GraphQLResponse = await gql(server.httpUrl, HISTORY, { first, after, filter }, token);
    expect(result.errors).toBeUndefined();
    const page = result.data!.jointHistory;
    entries.push(...page.edges);
    if (!page.pageInfo.hasNextPage) return entries;
    after = page.pageInfo.endCursor;
  }
}

const docs = (group: { documentsDelivered: { documentType: string; count: number }[] }, type: string) =>
  group.documentsDelivered.find((d) => d.documentType === type)?.count;

describe('joint history and statistics over the demo data set', () => {
  let server: TestServer;
  let coordinator: string;
  let branch: string;
  let liaison: string;
  let regulation290: string;

  beforeAll(async () => {
    server = await startTestServer('joint-history');
    [coordinator, branch, liaison] = await Promise.all(
      ['coordinator', 'branch', 'liaison'].map((who) => login(server.httpUrl, `${who}@postwatch.demo`)),
    );
    const agreements = await gql(server.httpUrl, '{ agreements { id code } }', {}, coordinator);
    regulation290 = agreements.data!.agreements.find((a: { code: string }) => a.code === '290/QC-PH').id;
  });
  afterAll(() => server?.stop());

  it('answers "how many CCCD cards were delivered per year since 2012" with the recorded figures', async () => {
    const result = await gql(server.httpUrl, STATISTICS, { groupBy: 'YEAR', filter: { from: '2012-01-01', kinds: ['JOINT_ACTIVITY'], activityKinds: ['DOCUMENT_DELIVERY'] } }, coordinator);
    expect(result.errors).toBeUndefined();
    const stats = result.data!.jointStatistics;
    const perYear = Object.fromEntries(stats.groups.map((g: any) => [g.key, docs(g, 'CCCD')]));
    expect(perYear).toEqual(Object.fromEntries(Object.entries(CCCD_BY_YEAR).map(([y, n]) => [y, n])));
    expect(docs(stats.total, 'CCCD')).toBe(CCCD_TOTAL);
    expect(docs(stats.total, 'CMND')).toBe(CMND_TOTAL);
    expect(docs(stats.total, 'PASSPORT')).toBe(PASSPORT_TOTAL);
    expect(stats.total.activities).toBe(70);
  });

  it('prices jointStatistics by the history it scans: four run in one request, a fifth refuses the request before anything runs', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `s${i}: jointStatistics(groupBy: YEAR) { total { activities } }`).join(' ')} }`;
    const four = await gql(server.httpUrl, aliases(4), {}, liaison);
    expect(four.errors).toBeUndefined();
    expect(Object.keys(four.data!)).toHaveLength(4);
    const response = await fetch(server.httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${liaison}` },
      body: JSON.stringify({ query: aliases(5) }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0]!.message).toMatch(/^Query too costly: estimated 250\d\d,/);
  });

  it('answers "how many trainings were held under Regulation 290" (3, more than 2,000 attendances)', async () => {
    const result = await gql(server.httpUrl, STATISTICS, { groupBy: 'KIND', filter: { agreementId: regulation290, activityKinds: ['TRAINING'], kinds: ['JOINT_ACTIVITY'] } }, coordinator);
    expect(result.errors).toBeUndefined();
    const stats = result.data!.jointStatistics;
    expect(stats.groups.map((g: any) => [g.key, g.activities, g.attendances])).toEqual([['TRAINING', 3, TRAINING_ATTENDANCES]]);
    expect(stats.total.activities).toBe(3);
  });

  it('groups deliveries by branch, each branch its share of every year', async () => {
    const result = await gql(server.httpUrl, STATISTICS, { groupBy: 'AGENCY', filter: { activityKinds: ['DOCUMENT_DELIVERY'], kinds: ['JOINT_ACTIVITY'] } }, coordinator);
    expect(result.errors).toBeUndefined();
    const groups = result.data!.jointStatistics.groups;
    const branches = groups.filter((g: any) => g.agency?.code?.startsWith('PPO-'));
    expect(branches).toHaveLength(7);
    expect(branches.reduce((sum: number, g: any) => sum + docs(g, 'CCCD')!, 0)).toBe(CCCD_TOTAL);
    // Worked out by hand with the largest-remainder split of each year's CCCD (2016-2021) by the shares:
    // Central Branch (24 %): 2,976 + 5,196 + 6,312 + 7,169 + 9,903 + 45,087 = 76,643;
    // East Town Branch (12 %): 1,488 + 2,598 + 3,156 + 3,584 + 4,951 + 22,544 = 38,321.
    expect(docs(groups.find((g: any) => g.agency?.code === 'PPO-CITY-01'), 'CCCD')).toBe(76_643);
    expect(docs(groups.find((g: any) => g.agency?.code === 'PPO-EAST-01'), 'CCCD')).toBe(38_321);
    const pc06 = groups.find((g: any) => g.agency?.code === 'PPD-PC06');
    expect(docs(pc06, 'CCCD')).toBe(CCCD_TOTAL);
    expect(pc06.activities).toBe(70);
  });

  it('lists one timeline, newest first, with agreement events, the review and the activities', async () => {
    const entries = await walk(server, coordinator, 20);
    // 2 agreements signed, 1 superseded, 1 review, 75 activities, no alerts yet.
    expect(entries).toHaveLength(2 + 1 + 1 + DEMO_ACTIVITIES);
    const times = entries.map((e) => Date.parse(e.node.occurredAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const top = entries.slice(0, 3).map((e) => e.node.kind).sort();
    expect(top).toEqual(['AGREEMENT_REVIEWED', 'AGREEMENT_SIGNED', 'AGREEMENT_SUPERSEDED']);
    // The review was held 2021-04-21 in the province (UTC+07:00), i.e. 2021-04-20T17:00Z.
    const review = entries.find((e) => e.node.kind === 'AGREEMENT_REVIEWED')!;
    expect(review.node.occurredAt).toBe('2021-04-20T17:00:00.000Z');
    expect((review.node as { occurredOn?: string }).occurredOn).toBe('2021-04-21');
    expect(review.node.subject.attendingAgencies.map((a: any) => a.code).sort()).toEqual(['DIC', 'PPD', 'PPO', 'VNPOST']);
    const last = entries.at(-1)!;
    expect(last.node.kind).toBe('AGREEMENT_SIGNED');
    expect(last.node.subject.code).toBe('290/QC-PH');
  });

  it('shows a branch operator the province-wide work and their own deliveries only', async () => {
    const entries = await walk(server, branch, 50, { kinds: ['JOINT_ACTIVITY'] });
    const deliveries = entries.filter((e) => e.node.subject.kind === 'DOCUMENT_DELIVERY');
    expect(deliveries).toHaveLength(10);
    for (const e of deliveries) expect(e.node.subject.agencies.map((a: any) => a.code)).toContain('PPO-EAST-01');
    expect(entries).toHaveLength(10 + 5);
  });

  it('keeps cursors stable when entries are added while paging, and places new alerts first', async () => {
    const first = await gql(server.httpUrl, HISTORY, { first: 5 }, coordinator);
    const endCursor = first.data!.jointHistory.pageInfo.endCursor;
    const before = await gql(server.httpUrl, HISTORY, { first: 5, after: endCursor }, coordinator);
    const east = await agencyId(server, 'PPO-EAST-01');
    const alert = await postAlert(server, liaison, alertInput([east], { headline: 'Timeline probe' }));
    const after = await gql(server.httpUrl, HISTORY, { first: 5, after: endCursor }, coordinator);
    expect(after.data!.jointHistory.edges).toEqual(before.data!.jointHistory.edges);
    const fresh = await gql(server.httpUrl, HISTORY, { first: 1 }, coordinator);
    expect(fresh.data!.jointHistory.edges[0].node.subject).toMatchObject({ __typename: 'SecurityAlert', id: alert.id });
    expect(fresh.data!.jointHistory.totalCount).toBe(first.data!.jointHistory.totalCount + 1);
  });

  it('counts alerts by severity, the acknowledgement rate and the median time to acknowledge', async () => {
    const district = await agencyId(server, 'PPO-EAST'); // reaches East Town and East Riverside
    const a = await postAlert(server, liaison, alertInput([district], { severity: 'EXTREME', headline: 'Statistics A' }));
    const b = await postAlert(server, liaison, alertInput([district], { severity: 'SEVERE', headline: 'Statistics B' }));
    const ACK = 'mutation ($id: ID!) { acknowledgeAlert(alertId: $id, outcome: ITEM_HELD) { at } }';
    const ackA = await gql(server.httpUrl, ACK, { id: a.id }, branch);
    const ackB = await gql(server.httpUrl, ACK, { id: b.id }, branch);
    // Worked out from the timestamps the API returned: the median of two values is their mean.
    const seconds = ([[ackA, a], [ackB, b]] as const).map(([ack, alert]) => (Date.parse(ack.data!.acknowledgeAlert.at) - Date.parse(alert.sent)) / 1000);
    const median = (seconds[0]! + seconds[1]!) / 2;

    const all = await gql(server.httpUrl, STATISTICS, { groupBy: 'KIND', filter: { kinds: ['ALERT'] } }, coordinator);
    expect(all.errors).toBeUndefined();
    const [group] = all.data!.jointStatistics.groups;
    // The timeline probe of the test above (SEVERE, East Town only, not acknowledged), plus A and B.
    expect(group).toMatchObject({ key: 'ALERT', activities: 0, alerts: 3, branchDeliveries: 5, acknowledgementRate: 2 / 5 });
    expect(group.alertsBySeverity).toEqual([
      { severity: 'EXTREME', count: 1 }, { severity: 'SEVERE', count: 2 }, { severity: 'MODERATE', count: 0 },
      { severity: 'MINOR', count: 0 }, { severity: 'UNKNOWN', count: 0 },
    ]);
    expect(group.medianSecondsToAcknowledge).toBeCloseTo(median, 3);

    // The branch operator counts only deliveries to their own branch: 3, of which 2 acknowledged.
    const own = await gql(server.httpUrl, STATISTICS, { groupBy: 'YEAR', filter: { kinds: ['ALERT'] } }, branch);
    expect(own.data!.jointStatistics.total).toMatchObject({ alerts: 3, branchDeliveries: 3, acknowledgementRate: 2 / 3 });
  });

  it('filters the timeline by agency, period and kind, and refuses bad filters', async () => {
    const west = await agencyId(server, 'PPO-WEST-02');
    const entries = await walk(server, coordinator, 100, { agencyIds: [west], from: '2019-01-01', to: '2020-12-31' });
    expect(entries.map((e) => [e.node.kind, e.node.subject.startedOn])).toEqual([
      ['JOINT_ACTIVITY', '2020-01-01'],
      ['JOINT_ACTIVITY', '2019-01-01'],
    ]);
    const bad = [
      [{ from: '2021-01-01', to: '2020-01-01' }, 'BAD_USER_INPUT'],
      [{ agencyIds: ['00000000-0000-4000-8000-000000000000'] }, 'NOT_FOUND'],
      [{ agencyIds: ['PPO'] }, 'BAD_USER_INPUT'],
      [{ from: '2021-02-30' }, 'BAD_USER_INPUT'],
    ] as const;
    for (const [filter, code] of bad) {
      const result = await gql(server.httpUrl, HISTORY, { first: 5, filter }, coordinator);
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(filter)).toBe(code);
    }
    const wrongCursor = await gql(server.httpUrl, HISTORY, { first: 5, after: Buffer.from('alert:12').toString('base64url') }, coordinator);
    expect(wrongCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses forged cursors and days out of range as bad input', async () => {
    const forged = [
      'history:9999999999999999999|ALERT|00000000-0000-4000-8000-000000000000',
      'history:-9999999999999999999|ALERT|00000000-0000-4000-8000-000000000000',
      'history:1|ALERT|------------------------------------',
      'history:1|ALERT|0000000000000000000000000000000000aa',
      "history:1|ALERT') or 1=1 --|00000000-0000-4000-8000-000000000000",
    ];
    for (const cursor of forged) {
      const result = await gql(server.httpUrl, HISTORY, { first: 5, after: Buffer.from(cursor).toString('base64url') }, coordinator);
      expect(result.errors?.[0]?.extensions?.code, cursor).toBe('BAD_USER_INPUT');
    }
    for (const filter of [{ from: '0001-01-01' }, { to: '9999-12-31' }]) {
      const history = await gql(server.httpUrl, HISTORY, { first: 5, filter }, coordinator);
      expect(history.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const stats = await gql(server.httpUrl, STATISTICS, { groupBy: 'YEAR', filter }, coordinator);
      expect(stats.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('does not confirm an agreement the viewer may not see', async () => {
    // An agreement between the West district office and West district police: the East Town branch is not party.
    const west = await gql(server.httpUrl, `mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }`, {
      input: {
        code: 'T-WEST', title: 'West district arrangement', scopeAreas: ['TRAINING'],
        parties: [{ agencyId: await agencyId(server, 'PPO-WEST') }, { agencyId: await agencyId(server, 'PPD-WEST') }],
      },
    }, coordinator);
    const id = west.data!.createAgreement.id;
    const hidden = await gql(server.httpUrl, HISTORY, { first: 5, filter: { agreementId: id } }, branch);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const unknown = await gql(server.httpUrl, HISTORY, { first: 5, filter: { agreementId: '00000000-0000-4000-8000-000000000000' } }, branch);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const seen = await gql(server.httpUrl, HISTORY, { first: 5, filter: { agreementId: id } }, coordinator);
    expect(seen.data!.jointHistory.totalCount).toBe(0); // a DRAFT has no events yet
  });

  it('adds up sums beyond 32 bits', async () => {
    // Two recorded deliveries of 2,000,000,000 CCCD each (a fixture written straight to the database).
    const connection = server.app.orm.em.getConnection();
    for (const year of [2030, 2031]) {
      await connection.execute(
        `insert into joint_activity (id, kind, title, started_on, ended_on, cccd_delivered, participant_count)
         values (gen_random_uuid(), 'DOCUMENT_DELIVERY', 'Huge', ?, ?, 2000000000, 2000000000)`,
        [`${year}-01-01`, `${year}-12-31`],
      );
    }
    const result = await gql(server.httpUrl, STATISTICS, { groupBy: 'YEAR', filter: { from: '2030-01-01', kinds: ['JOINT_ACTIVITY'] } }, coordinator);
    expect(result.errors).toBeUndefined();
    expect(docs(result.data!.jointStatistics.total, 'CCCD')).toBe(4_000_000_000);
    expect(result.data!.jointStatistics.total.attendances).toBe(4_000_000_000);
  });
});
