import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { gql, login, type GraphQLResponse } from './helpers/graphql.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const LOGIN = 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';

describe('login throttling, shared by every instance through PostgreSQL', () => {
  let server: TestServer;
  let second: App;
  let secondUrl: string;
  /** A login attempt from client address `address` (the servers trust X-Forwarded-For, as behind a proxy). */
  const attempt = (url: string, address: string, email: string, password: string) =>
    gql(url, LOGIN, { e: email, p: password }, undefined, undefined, { 'x-forwarded-for': address });
  const codes = (results: { errors?: { extensions?: Record<string, any> }[] }[]) =>
    results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK');
  const tally = (list: string[]) => list.reduce<Record<string, number>>((t, c) => ({ ...t, [c]: (t[c] ?? 0) + 1 }), {});

  beforeAll(async () => {
    const settings = {
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '10', LOGIN_FAILURE_WINDOW_SECONDS: '600', TRUST_PROXY: 'true',
    };
    server = await startTestServer('throttle', settings);
    // A second instance on the same database, as behind a load balancer.
    const config = loadConfig({
      DATABASE_URL: server.database.url, PORT: '0', HOST: '127.0.0.1', POSTWATCH_SEED_DEMO: 'never', LOG_LEVEL: 'silent', ...settings,
    });
    second = await bootstrap(config, createLogger('silent'));
    secondUrl = `http://127.0.0.1:${second.port}/graphql`;
  });
  afterAll(async () => {
    await second?.shutdown();
    await server?.stop();
  });

  it('blocks an account after 3 failures on one instance, on the other instance too, even with the right password', async () => {
    const failures = [];
    for (let i = 0; i < 3; i++) failures.push(await attempt(server.httpUrl, '203.0.113.1', 'liaison@postwatch.demo', `wrong-${i}`));
    expect(codes(failures)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    const blocked = await attempt(secondUrl, '203.0.113.2', 'liaison@postwatch.demo', 'postwatch-demo');
    expect(blocked.status).toBe(429);
    expect(blocked.errors![0]!.extensions).toEqual({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) });
    const wait = blocked.errors![0]!.extensions!.retryAfterSeconds;
    expect(wait).toBeGreaterThan(590);
    expect(wait).toBeLessThanOrEqual(600);
    // Other accounts from the same address are not blocked.
    const other = await attempt(secondUrl, '203.0.113.1', 'coordinator@postwatch.demo', 'postwatch-demo');
    expect(other.data!.login.token).toEqual(expect.any(String));
  });

  it('lets exactly 3 of 20 simultaneous guesses at one account be checked', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt(server.httpUrl, `198.51.100.${i + 1}`, 'auditor@postwatch.demo', `guess-${i}`)),
    );
    expect(tally(codes(results))).toEqual({ UNAUTHENTICATED: 3, TOO_MANY_REQUESTS: 17 });
  });

  it('lets exactly 10 of 25 simultaneous guesses from one address be checked, whatever the accounts', async () => {
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => attempt(secondUrl, '192.0.2.77', `someone-${i}@postwatch.test`, 'guess')),
    );
    expect(tally(codes(results))).toEqual({ UNAUTHENTICATED: 10, TOO_MANY_REQUESTS: 15 });
    const rightPassword = await attempt(server.httpUrl, '192.0.2.77', 'branch@postwatch.demo', 'postwatch-demo');
    expect(rightPassword.errors![0]!.extensions!.code).toBe('TOO_MANY_REQUESTS');
  });

  it('answers an unknown account exactly as a known one, blocked or not', async () => {
    const shape = (result: GraphQLResponse) =>
      result.errors!.map((e) => ({ message: e.message.replace(/\d+ s$/, 'N s'), code: e.extensions!.code }));
    for (let i = 0; i < 5; i++) {
      const known = await attempt(server.httpUrl, '203.0.113.50', 'branch@postwatch.demo', 'wrong-password');
      const unknown = await attempt(server.httpUrl, '203.0.113.51', 'nobody.here@postwatch.demo', 'wrong-password');
      expect(shape(unknown)).toEqual(shape(known));
    }
    const last = await attempt(server.httpUrl, '203.0.113.51', 'nobody.here@postwatch.demo', 'wrong-password');
    expect(shape(last)).toEqual([{ message: 'Too many failed logins; try again in N s', code: 'TOO_MANY_REQUESTS' }]);
  });
});

describe('tokens of an external identity provider (JWKS)', () => {
  let jwks: Server;
  let server: TestServer;
  let idpKey: CryptoKey;
  const issuer = 'https://idp.postwatch.test';

  const idpToken = (claims: Record<string, unknown>, options: { key?: CryptoKey; iss?: string; exp?: number } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-key-1' })
      .setSubject('idp-user-0042')
      .setIssuer(options.iss ?? issuer)
      .setAudience('postwatch-api')
      .setIssuedAt()
      .setExpirationTime(options.exp ?? Math.floor(Date.now() / 1000) + 600)
      .sign(options.key ?? idpKey);

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    idpKey = pair.privateKey;
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' };
    jwks = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    server = await startTestServer('jwks', { JWT_JWKS_URL: url, JWT_JWKS_ISSUER: issuer });
  });
  afterAll(async () => {
    await server?.stop();
    jwks?.close();
  });

  it("accepts the provider's token, naming the contact by e-mail", async () => {
    const result = await gql(server.httpUrl, '{ me { email role } }', {}, await idpToken({ email: 'Liaison@postwatch.demo' }));
    expect(result.data!.me).toEqual({ email: 'liaison@postwatch.demo', role: 'POLICE_LIAISON' });
  });

  it.each([
    ['another issuer', () => idpToken({ email: 'liaison@postwatch.demo' }, { iss: 'https://evil.test' })],
    ['a key the provider does not publish', async () => idpToken({ email: 'liaison@postwatch.demo' }, { key: (await generateKeyPair('RS256')).privateKey })],
    ['an expiry in the past', () => idpToken({ email: 'liaison@postwatch.demo' }, { exp: Math.floor(Date.now() / 1000) - 10 })],
    ['an e-mail no contact has', () => idpToken({ email: 'stranger@postwatch.test' })],
  ])('refuses a token with %s', async (_label, make) => {
    const result = await gql(server.httpUrl, '{ me { email } }', {}, await make());
    expect(result.status).toBe(401);
    expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('still accepts its own tokens from login', async () => {
    const token = await login(server.httpUrl, 'auditor@postwatch.demo');
    expect((await gql(server.httpUrl, '{ me { role } }', {}, token)).data!.me.role).toBe('AUDITOR');
  });
});
