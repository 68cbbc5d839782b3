import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactRole } from '../src/platform/contact-role.js';
import { addAccount, agencyId, alertInput, postAlert } from './helpers/fixtures.js';
import { gql, login, type GraphQLResponse } from './helpers/graphql.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const ALERTS = `
  query Alerts($first: Int!, $after: String, $filter: AlertFilter) {
    alerts(first: $first, after: $after, filter: $filter) {
      totalCount
      edges { cursor node { id deliverySeq headline severity } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

/** Walks every page of `alerts` and returns the nodes in order, with each page's size and totalCount. */
async function allPages(server: TestServer, token: string, first: number, filter?: Record<string, unknown>) {
  const nodes: Record<string, any>[] = [];
  const pages: { size: number; totalCount: number; hasNextPage: boolean; hasPreviousPage: boolean }[] = [];
  let after: string | null = null;
  for (;;) {
    const result: GraphQLResponse = await gql(server.httpUrl, ALERTS, { first, after, filter }, token);
    expect(result.errors).toBeUndefined();
    const connection: Record<string, any> = result.data!.alerts;
    nodes.push(...connection.edges.map((edge: { node: unknown }) => edge.node));
    pages.push({
      size: connection.edges.length,
      totalCount: connection.totalCount,
      hasNextPage: connection.pageInfo.hasNextPage,
      hasPreviousPage: connection.pageInfo.hasPreviousPage,
    });
    if (connection.edges.length) expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1).cursor);
    if (!connection.pageInfo.hasNextPage) return { nodes, pages };
    after = connection.pageInfo.endCursor;
  }
}

describe('alerts query: Relay pagination, filters and branch visibility', () => {
  let server: TestServer;
  let liaison: string;
  let east: string;
  let west: string;
  const EAST_ALERTS = 45;
  const WEST_ALERTS = 3;

  beforeAll(async () => {
    server = await startTestServer('alerts_query');
    await addAccount(server, {
      agencyCode: 'PPO-WEST-01', role: ContactRole.BRANCH_OPERATOR, email: 'west@postwatch.test', password: 'west-password',
    });
    liaison = await login(server.httpUrl, 'liaison@postwatch.demo');
    east = await login(server.httpUrl, 'branch@postwatch.demo');
    west = await login(server.httpUrl, 'west@postwatch.test', 'west-password');
    const eastBranch = await agencyId(server, 'PPO-EAST-01');
    const westBranch = await agencyId(server, 'PPO-WEST-01');
    for (let i = 0; i < EAST_ALERTS; i++) {
      await postAlert(server, liaison, alertInput([eastBranch], {
        headline: `East alert ${i}`,
        severity: i % 3 === 0 ? 'EXTREME' : 'MODERATE',
        shipment: { trackingNumber: i === 7 ? 'EC136431858VN' : 'RR123456785VN' },
      }));
    }
    for (let i = 0; i < WEST_ALERTS; i++) {
      await postAlert(server, liaison, alertInput([westBranch], { headline: `West alert ${i}` }));
    }
  });

  afterAll(() => server?.stop());

  it('pages through every alert newest first, without gaps or repeats', async () => {
    const { nodes, pages } = await allPages(server, liaison, 20);
    const total = EAST_ALERTS + WEST_ALERTS; // 48 → pages of 20, 20 and 8
    expect(pages).toEqual([
      { size: 20, totalCount: total, hasNextPage: true, hasPreviousPage: false },
      { size: 20, totalCount: total, hasNextPage: true, hasPreviousPage: true },
      { size: 8, totalCount: total, hasNextPage: false, hasPreviousPage: true },
    ]);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(total);
    const seqs = nodes.map((n) => BigInt(n.deliverySeq));
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]! < seqs[i - 1]!).toBe(true);
    expect(nodes[0]!.headline).toBe('West alert 2');
    expect(nodes.at(-1)!.headline).toBe('East alert 0');
  });

  it('shows a branch operator only the alerts delivered to their branch', async () => {
    const eastView = await allPages(server, east, 100);
    expect(eastView.pages[0]!.totalCount).toBe(EAST_ALERTS);
    expect(eastView.nodes.every((n) => n.headline.startsWith('East'))).toBe(true);

    const westView = await allPages(server, west, 2);
    expect(westView.nodes.map((n) => n.headline)).toEqual(['West alert 2', 'West alert 1', 'West alert 0']);
    expect(westView.pages.map((p) => p.totalCount)).toEqual([WEST_ALERTS, WEST_ALERTS]);

    const westAlertId = westView.nodes[0]!.id;
    const hidden = await gql(server.httpUrl, `{ alert(id: "${westAlertId}") { id } }`, {}, east);
    expect(hidden.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('filters by severity and tracking number, counting only matches', async () => {
    // i = 0, 3, …, 42 → 15 EXTREME east alerts.
    const extreme = await allPages(server, liaison, 10, { severities: ['EXTREME'] });
    expect(extreme.pages[0]!.totalCount).toBe(15);
    expect(extreme.nodes).toHaveLength(15);
    expect(extreme.nodes.every((n) => n.severity === 'EXTREME')).toBe(true);

    const byTracking = await allPages(server, liaison, 10, { trackingNumber: 'EC136431858VN' });
    expect(byTracking.nodes.map((n) => n.headline)).toEqual(['East alert 7']);
  });

  it('keeps a cursor valid when newer alerts arrive', async () => {
    const first = await gql(server.httpUrl, ALERTS, { first: 5 }, west);
    const cursor = first.data!.alerts.edges[0].cursor; // "West alert 2"
    await postAlert(server, liaison, alertInput([await agencyId(server, 'PPO-WEST-01')], { headline: 'West alert 3' }));
    const next = await gql(server.httpUrl, ALERTS, { first: 5, after: cursor }, west);
    expect(next.data!.alerts.edges.map((e: any) => e.node.headline)).toEqual(['West alert 1', 'West alert 0']);
    expect(next.data!.alerts.totalCount).toBe(WEST_ALERTS + 1);
  });

  it.each([
    ['a page size of 0', { first: 0 }],
    ['a page size over 100', { first: 101 }],
    ['a cursor that is not one', { first: 5, after: 'bm90LWEtY3Vyc29y' }],
    ['a cursor beyond the largest sequence number', { first: 5, after: Buffer.from('alert-seq:9999999999999999999').toString('base64url') }],
    ['a NUL character in the filter', { first: 5, filter: { trackingNumber: 'RR\u0000' } }],
    ['a malformed branch id in the filter', { first: 5, filter: { branchId: 'east' } }],
  ])('refuses %s with BAD_USER_INPUT', async (_label, variables) => {
    const result = await gql(server.httpUrl, ALERTS, variables, liaison);
    expect(result.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});
