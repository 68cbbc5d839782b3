import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { gql, login } from './helpers/graphql.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const LOGIN = 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
const attempt = (url: string, email: string, password: string) => gql(url, LOGIN, { e: email, p: password });

describe('login throttling, shared by every instance through PostgreSQL', () => {
  let server: TestServer;
  let second: App;
  let secondUrl: string;

  beforeAll(async () => {
    const limits = { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '10', LOGIN_FAILURE_WINDOW_SECONDS: '600' };
    server = await startTestServer('throttle', limits);
    // A second instance on the same database, as behind a load balancer.
    const config = loadConfig({
      DATABASE_URL: server.database.url, PORT: '0', HOST: '127.0.0.1', POSTWATCH_SEED_DEMO: 'never', LOG_LEVEL: 'silent', ...limits,
    });
    second = await bootstrap(config, createLogger('silent'));
    secondUrl = `http://127.0.0.1:${second.port}/graphql`;
  });
  afterAll(async () => {
    await second?.shutdown();
    await server?.stop();
  });

  it('blocks an account after 3 failures on one instance, on the other instance too, even with the right password', async () => {
    for (let i = 0; i < 3; i++) {
      const failed = await attempt(server.httpUrl, 'liaison@postwatch.demo', `wrong-${i}`);
      expect(failed.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
    const blocked = await attempt(secondUrl, 'liaison@postwatch.demo', 'postwatch-demo');
    expect(blocked.status).toBe(429);
    expect(blocked.errors![0]!.extensions).toEqual({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) });
    const wait = blocked.errors![0]!.extensions!.retryAfterSeconds;
    expect(wait).toBeGreaterThan(590);
    expect(wait).toBeLessThanOrEqual(600);
    // Other accounts from the same address are not blocked yet.
    expect((await attempt(secondUrl, 'coordinator@postwatch.demo', 'postwatch-demo')).data!.login.token).toEqual(expect.any(String));
  });

  it('answers an unknown account exactly as a known one, blocked or not', async () => {
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      known.push((await attempt(server.httpUrl, 'auditor@postwatch.demo', 'wrong-password')).errors);
      unknown.push((await attempt(server.httpUrl, 'nobody.here@postwatch.demo', 'wrong-password')).errors);
    }
    const shape = (errors: any) => errors.map((e: any) => ({ message: e.message.replace(/\d+ s$/, 'N s'), code: e.extensions.code }));
    expect(known.map(shape)).toEqual(unknown.map(shape));
    expect(shape(known[3])).toEqual([{ message: 'Too many failed logins; try again in N s', code: 'TOO_MANY_REQUESTS' }]);
  });

  it('blocks an address after 10 failures, whatever the accounts', async () => {
    // 9 failures counted above from this address (3, then 3 per account above; refusals while blocked do not count).
    const tenth = await attempt(server.httpUrl, 'coordinator@postwatch.demo', 'wrong-password');
    expect(tenth.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const result = await attempt(server.httpUrl, 'branch@postwatch.demo', 'postwatch-demo');
    expect(result.errors![0]!.extensions!.code).toBe('TOO_MANY_REQUESTS');
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
