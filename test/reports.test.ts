import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyId, alertInput, postAlert } from './helpers/fixtures.js';
import { gql, login } from './helpers/graphql.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const HEADER = [
  'occurred_at', 'kind', 'record_type', 'record_id', 'title', 'detail', 'agencies', 'agreement',
  'participants', 'cmnd_delivered', 'cccd_delivered', 'passports_delivered', 'severity', 'msg_type', 'alert_status',
];

describe('GET /reports/joint-history.csv', () => {
  let server: TestServer;
  let base: string;
  let coordinator: string;
  let branch: string;

  const report = (query: string, token?: string) =>
    fetch(`${base}/reports/joint-history.csv${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const rowsOf = async (response: Response) => {
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark for spreadsheet programs
    const text = bytes.toString('utf8');
    return parse(text, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
  };

  beforeAll(async () => {
    server = await startTestServer('reports');
    base = server.httpUrl.replace(/\/graphql$/, '');
    [coordinator, branch] = await Promise.all(['coordinator', 'branch'].map((who) => login(server.httpUrl, `${who}@postwatch.demo`)));
  });
  afterAll(() => server?.stop());

  it('streams the whole timeline as CSV with a header row, parsed back by a CSV library', async () => {
    const response = await report('', coordinator);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('joint-history.csv');
    const rows = await rowsOf(response);
    // 2 agreements signed, 1 superseded, 1 review, 75 activities (see joint-history.test.ts).
    expect(rows).toHaveLength(79);
    expect(Object.keys(rows[0]!)).toEqual(HEADER);
    const sum = (column: string) => rows.reduce((total, row) => total + Number(row[column] || 0), 0);
    expect(sum('cmnd_delivered')).toBe(63_184);
    expect(sum('cccd_delivered')).toBe(319_342);
    expect(sum('passports_delivered')).toBe(1_927);
    expect(sum('participants')).toBe(2_075);
    const review = rows.find((row) => row.kind === 'AGREEMENT_REVIEWED')!;
    expect(review).toMatchObject({ occurred_at: '2021-04-21T00:00:00+07:00', record_type: 'AgreementReview', agreement: '290/QC-PH', agencies: 'DIC;PPD;PPO;VNPOST' });
    expect(review.title).toContain('Hội nghị tổng kết 10 năm'); // Vietnamese text survives the round trip
    const times = rows.map((row) => Date.parse(row.occurred_at!));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('filters by period and agency, and shows a branch operator only what they may see', async () => {
    const east = await agencyId(server, 'PPO-EAST-01');
    const rows = await rowsOf(await report(`?from=2016-01-01&to=2016-12-31&agencyId=${east}`, coordinator));
    // East Town's 2016 deliveries (12 % of 8,610 CMND and of 12,400 CCCD, largest remainder: 1,033 and 1,488).
    expect(rows.map((row) => [row.occurred_at, row.kind, row.agencies, row.cmnd_delivered, row.cccd_delivered])).toEqual([
      ['2016-01-01T00:00:00+07:00', 'JOINT_ACTIVITY', 'PPD-PC06;PPO-EAST-01', '1033', '1488'],
    ]);
    const trainings = await rowsOf(await report('?activityKind=TRAINING&kind=JOINT_ACTIVITY', coordinator));
    expect(trainings.map((row) => [row.occurred_at.slice(0, 10), row.participants])).toEqual([
      ['2019-11-14', '705'], ['2016-09-20', '690'], ['2013-06-12', '680'],
    ]);
    const mine = await rowsOf(await report('?kind=JOINT_ACTIVITY', branch));
    expect(mine.filter((row) => row.detail === 'DOCUMENT_DELIVERY')).toHaveLength(10);
    for (const row of mine.filter((r) => r.detail === 'DOCUMENT_DELIVERY')) expect(row.agencies).toContain('PPO-EAST-01');
  });

  it('includes alerts and defuses text a spreadsheet would run as a formula', async () => {
    const liaison = await login(server.httpUrl, 'liaison@postwatch.demo');
    const east = await agencyId(server, 'PPO-EAST-01');
    const alert = await postAlert(server, liaison, alertInput([east], { headline: '=HYPERLINK("http://attacker.example","click")' }));
    const rows = await rowsOf(await report('?kind=ALERT', coordinator));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      record_id: alert.id, title: `'=HYPERLINK("http://attacker.example","click")`, severity: 'SEVERE', msg_type: 'ALERT', alert_status: 'ACTUAL',
      agreement: 'QC-PH-2021', detail: alert.identifier,
    });
    expect(rows[0]!.agencies.split(';').sort()).toEqual(['PPD', 'PPO-EAST-01']);
  });

  it('refuses bad requests with the GraphQL error shape and the matching status', async () => {
    const cases: [string, string | undefined, number, string][] = [
      ['', undefined, 401, 'UNAUTHENTICATED'],
      ['', 'not-a-token', 401, 'UNAUTHENTICATED'],
      ['?from=2021-02-30', coordinator, 400, 'BAD_USER_INPUT'],
      ['?from=yesterday', coordinator, 400, 'BAD_USER_INPUT'],
      ['?from=2021-05-01&to=2021-01-01', coordinator, 400, 'BAD_USER_INPUT'],
      ['?agencyId=PPO', coordinator, 400, 'BAD_USER_INPUT'],
      ['?kind=GOSSIP', coordinator, 400, 'BAD_USER_INPUT'],
      ['?activityKind=PICNIC', coordinator, 400, 'BAD_USER_INPUT'],
      ['?format=xlsx', coordinator, 400, 'BAD_USER_INPUT'],
      ['?agencyId=00000000-0000-4000-8000-000000000000', coordinator, 404, 'NOT_FOUND'],
      ['?from=0001-01-01', coordinator, 400, 'BAD_USER_INPUT'],
      ['?to=0000-02-29', coordinator, 400, 'BAD_USER_INPUT'],
    ];
    for (const [query, token, status, code] of cases) {
      const response = await report(query, token);
      expect(response.status, query).toBe(status);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0].extensions.code, query).toBe(code);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
    }
  });

  it("leaves out the code of an agreement the viewer may not see", async () => {
    const west = await agencyId(server, 'PPO-WEST');
    const westPolice = await agencyId(server, 'PPD-WEST');
    const created = await gql(server.httpUrl, `mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }`, {
      input: { code: 'WEST-ONLY', title: 'West arrangement', scopeAreas: ['TRAINING'], parties: [{ agencyId: west }, { agencyId: westPolice }] },
    }, coordinator);
    // The west offices have no signatories on record: the agreement is put in force by a database fixture.
    const connection = server.app.orm.em.getConnection();
    await connection.execute(`update agreement set status = 'ACTIVE', signed_on = '2024-01-01', effective_on = '2024-01-01' where id = ?`, [created.data!.createAgreement.id]);
    const east = await agencyId(server, 'PPO-EAST-01');
    const meeting = await gql(server.httpUrl, `mutation ($input: RecordJointActivityInput!) { recordJointActivity(input: $input) { id } }`, {
      input: { kind: 'MEETING', title: 'Cross-district meeting', startedOn: '2024-05-02', agencyIds: [west, east], agreementId: created.data!.createAgreement.id },
    }, coordinator);
    expect(meeting.errors).toBeUndefined();
    const mine = await rowsOf(await report('?from=2024-05-02&to=2024-05-02', branch));
    expect(mine.map((row) => [row.title, row.agreement])).toEqual([['Cross-district meeting', '']]);
    const all = await rowsOf(await report('?from=2024-05-02&to=2024-05-02', coordinator));
    expect(all.map((row) => [row.title, row.agreement])).toEqual([['Cross-district meeting', 'WEST-ONLY']]);
  });
});
