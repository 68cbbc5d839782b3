import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { agencyId } from './helpers/fixtures.js';
import { collect, gql, login, wsClient } from './helpers/graphql.js';
import { startTestServer, waitForSubscribers, type TestServer } from './helpers/server.js';

/** `{ agencies { parent { parent { … { id } } } } }` with `levels` nested `parent` fields: depth levels + 2. */
function nestedParents(levels: number): string {
  return `{ agencies { ${'parent { '.repeat(levels)}id${' }'.repeat(levels)} } }`;
}

describe('query limits and malformed operations', () => {
  let server: TestServer;
  let token: string;
  let client: Client;

  beforeAll(async () => {
    server = await startTestServer('limits');
    token = await login(server.httpUrl, 'coordinator@postwatch.demo');
    client = wsClient(server.wsUrl, token);
  });
  afterAll(async () => {
    await client?.dispose();
    await server?.stop();
  });

  it('runs a query within the depth limit of 12', async () => {
    const result = await gql(server.httpUrl, nestedParents(9), {}, token);
    expect(result.errors).toBeUndefined();
  });

  it.each([
    ['deeper than 12 levels', nestedParents(14)],
    ['with more than 15 aliases', `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: me { id }`).join(' ')} }`],
    ['with more than 2,000 tokens', `{ me { ${'id '.repeat(2100)}} }`],
    ['looping parent and children 13 times', `{ agencies { ${'parent { children { '.repeat(13)}id${' } }'.repeat(13)} } }`],
    ['with 5,000 aliases of a page of alerts', `{ ${Array.from({ length: 5000 }, (_, i) => `a${i}: alerts(first: 100) { totalCount }`).join(' ')} }`],
    ['nested 5,000 braces deep', `{${'a{'.repeat(5000)}b${'}'.repeat(5000)}}`],
  ])('refuses over HTTP a query %s, before running it', async (_label, query) => {
    const result = await gql(server.httpUrl, query, {}, token);
    expect(result.data ?? null).toBeNull();
    expect(result.errors![0]!.extensions!.code).toMatch(/^(GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT|GRAPHQL_PARSE_FAILED)$/);
    expect(result.errors![0]!.message).not.toMatch(/call stack/i);
  });

  it('closes a socket that sends a message over 1 MiB, before any login', async () => {
    const closed = new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(1_100_000) } })));
      socket.on('close', (code) => resolve(code));
      socket.on('error', reject);
    });
    expect(await closed).toBe(1009); // RFC 6455: message too big
  });

  it('does not suggest field names', async () => {
    const result = await gql(server.httpUrl, '{ me { fullNam } }', {}, token);
    expect(result.errors![0]!.message).not.toMatch(/Did you mean/);
  });

  it('refuses over WebSocket a subscription deeper than the limit, and keeps the socket open', async () => {
    const branchId = await agencyId(server, 'PPO-EAST-01');
    const deep = collect(client, `subscription ($b: ID!) { alertPosted(branchId: $b) { issuerAgency { ${'parent { '.repeat(12)}id${' }'.repeat(12)} } } }`, { b: branchId });
    const errors = (await deep.waitForError()) as { message: string }[];
    expect(errors[0]!.message).toMatch(/depth/i);

    const broken = collect(client, 'subscription { alertPosted(branchId: ', {});
    const syntax = (await broken.waitForError()) as { message: string }[];
    expect(syntax[0]!.message).toMatch(/Syntax Error/);

    // The same socket still serves a valid subscription.
    const fine = collect(client, 'subscription ($b: ID!) { alertPosted(branchId: $b) { id } }', { b: branchId });
    await waitForSubscribers(server, branchId, 1);
    fine.dispose();
  });

  it('prices page sizes given as variables or left to their defaults, before anything runs', async () => {
    const costly = [
      // 21 agencies × 20 alerts × their targets × 20 alerts × their targets × n alerts: priced with n = 20.
      ['query ($n: Int!) { agencies { alerts(first: $n) { edges { node { targets { alerts(first: $n) { edges { node { targets { alerts(first: $n) { totalCount } } } } } } } } } } }', { n: 20 }],
      // The same with the default page size (20) everywhere.
      ['{ agencies { alerts { edges { node { targets { alerts { edges { node { targets { alerts { totalCount } } } } } } } } } } }', {}],
      // A negative page size on a sibling must not pay for the rest (it fails only its own field when it runs).
      ['query ($neg: Int! = -2000000000, $n: Int! = 100) { y: agencies { alerts(first: $n) { edges { node { targets { alerts(first: $n) { totalCount } } } } } } x: alerts(first: $neg) { totalCount } }', {}],
      // Unpaged lists nested five deep.
      ['{ agencies { contacts { agency { contacts { agency { contacts { agency { contacts { agency { contacts { id } } } } } } } } } } }', {}],
    ] as const;
    for (const [query, variables] of costly) {
      const response = await fetch(server.httpUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
      expect(body.errors[0]!.message).toMatch(/^Query too costly: estimated \d+, at most 25000/);
      expect(body).not.toHaveProperty('data'); // refused before execution: no resolver ran
    }
    // A dashboard page stays well within: 50 alerts with targets, acknowledgements and pending branches.
    const page = await gql(server.httpUrl, 'query ($n: Int!) { alerts(first: $n) { edges { node { targets { code } acknowledgements { branch { code } } pendingBranches { code } } } } }', { n: 50 }, token);
    expect(page.errors).toBeUndefined();
  });

  it('prices a subscription over WebSocket the same way', async () => {
    const branchId = await agencyId(server, 'PPO-EAST-01');
    const costly = collect(client, `subscription ($b: ID!, $n: Int!) { alertPosted(branchId: $b) { targets { alerts(first: $n) { edges { node { targets { alerts(first: $n) { totalCount } } } } } } } }`, { b: branchId, n: 100 });
    const errors = (await costly.waitForError()) as { message: string }[];
    expect(errors[0]!.message).toMatch(/^Query too costly/);
  });
});
