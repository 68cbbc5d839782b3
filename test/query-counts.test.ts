import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyId, alertInput, postAlert } from './helpers/fixtures.js';
import { gql, login } from './helpers/graphql.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/**
 * No N+1: each query below, nested as a dashboard or a report would nest it, runs the same number of SQL
 * statements for a page of 5 as for a page of 50. Statements are counted with knex's `query` event on the
 * server's own connection, around one HTTP request at a time, with the delivery hub stopped so that no
 * background catch-up is counted.
 */
const QUERIES: Record<string, string> = {
  alerts: `query ($first: Int!) { alerts(first: $first) { totalCount edges { node {
    id headline capXml
    issuer { fullName agency { code parent { code } } } issuerAgency { code } targets { code parent { code } }
    shipment { trackingNumber } agreement { code parties { agency { code } signatory { fullName } } }
    references { id } supersededBy { id }
    acknowledgements { outcome note branch { code } acknowledgedBy { fullName } history { revision } }
    pendingBranches { code }
  } } } }`,
  jointHistory: `query ($first: Int!, $filter: JointHistoryFilter) { jointHistory(first: $first, filter: $filter) { totalCount edges { cursor node { kind occurredAt subject {
    __typename
    ... on Agreement { code parties { agency { code } signatory { fullName } } reviews { attendingAgencies { code } } supersedes { code } supersededBy { code } }
    ... on AgreementReview { title agreement { code } attendingAgencies { code parent { code } } }
    ... on JointActivity { title agencies { code parent { code } } agreement { code parties { agency { code } } } documentsDelivered { documentType count } }
    ... on SecurityAlert { headline issuerAgency { code } targets { code } agreement { code } acknowledgements { outcome branch { code } } pendingBranches { code } }
  } } } } }`,
  get jointHistoryBefore2022() {
    return this.jointHistory;
  },
  agencyAlerts: `query ($first: Int!, $id: ID!) { agency(id: $id) { code alerts(first: $first) { edges { node {
    headline issuer { fullName } targets { code } acknowledgements { branch { code } } } } } } }`,
  auditLog: `query ($first: Int!) { auditLog(first: $first) { edges { node { operation outcome actor { fullName agency { code } } } } } }`,
};

describe('statement counts do not grow with the page size', () => {
  let server: TestServer;
  let auditor: string;
  let provincialPostOffice: string;
  let statements = 0;
  const counts: Record<string, Record<number, number>> = {};

  /** Statements run while answering one query. */
  async function measure(name: string, first: number): Promise<number> {
    // Before 2022 the history holds agreement events, the review and activities (the alerts come later).
    const variables = { first, id: provincialPostOffice, filter: name === 'jointHistoryBefore2022' ? { to: '2021-12-31' } : null };
    await gql(server.httpUrl, QUERIES[name]!, variables, auditor); // warm-up: metadata, prepared lookups
    statements = 0;
    const result = await gql(server.httpUrl, QUERIES[name]!, variables, auditor);
    const counted = statements;
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const root = Object.values(result.data!)[0] as Record<string, any>;
    const edges = (root.edges ?? root.alerts.edges) as unknown[];
    expect(edges).toHaveLength(first);
    if (name === 'jointHistoryBefore2022') {
      const kinds = new Set((edges as { node: { kind: string } }[]).map((edge) => edge.node.kind));
      expect(kinds.size).toBe(4); // AGREEMENT_SIGNED, AGREEMENT_SUPERSEDED, AGREEMENT_REVIEWED, JOINT_ACTIVITY
    }
    return counted;
  }

  beforeAll(async () => {
    server = await startTestServer('query-counts');
    const [liaison, branch] = await Promise.all([login(server.httpUrl, 'liaison@postwatch.demo'), login(server.httpUrl, 'branch@postwatch.demo')]);
    auditor = await login(server.httpUrl, 'auditor@postwatch.demo');
    provincialPostOffice = await agencyId(server, 'PPO');
    const targets = [await agencyId(server, 'PPO-EAST-01'), await agencyId(server, 'PPO-CITY')];
    // 60 alerts (every tenth updated, the newest message an update), half of them acknowledged by the East Town branch, some twice.
    for (let i = 0; i < 60; i++) {
      const alert = await postAlert(server, liaison, alertInput(targets, { headline: `Counted alert ${i}` }));
      let current = alert.id;
      if (i % 10 === 9) {
        const update = await gql(server.httpUrl, 'mutation ($id: ID!) { updateAlert(id: $id, input: { severity: EXTREME }) { id } }', { id: alert.id }, liaison);
        current = update.data!.updateAlert.id;
      }
      if (i % 2 === 0) {
        for (const outcome of i % 4 === 0 ? ['RECEIVED', 'ITEM_HELD'] : ['RECEIVED']) {
          const ack = await gql(server.httpUrl, 'mutation ($id: ID!, $o: AckOutcome!) { acknowledgeAlert(alertId: $id, outcome: $o) { id } }', { id: current, o: outcome }, branch);
          expect(ack.errors).toBeUndefined();
        }
      }
    }
    await server.app.hub.stop();
    server.app.orm.em.getConnection().getKnex().on('query', () => {
      statements++;
    });
  }, 120_000);
  afterAll(async () => {
    console.info(`statements per query (page of 5 / page of 50): ${JSON.stringify(counts)}`);
    await server?.stop();
  });

  it.each(Object.keys(QUERIES))('%s: the same statements for 5 and for 50 nodes', async (name) => {
    const small = await measure(name, 5);
    const large = await measure(name, 50);
    counts[name] = { 5: small, 50: large };
    expect(large).toBe(small);
    expect(small).toBeLessThan(40);
  });
});
