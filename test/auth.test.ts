import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactRole } from '../src/platform/contact-role.js';
import { addAccount, agencyId, alertInput, alertTableCounts, POST_ALERT } from './helpers/fixtures.js';
import { collect, gql, login, wsClient } from './helpers/graphql.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const JWT_SECRET = 'auth-test-secret-of-at-least-32-characters';
const key = new TextEncoder().encode(JWT_SECRET);
const ME = '{ me { fullName email role agency { code } } }';

/** A token shaped like the server's (demo contacts are at credentials version 0), with claims and key chosen by the test. */
function craftToken(claims: { sub: string; iss?: string; aud?: string; exp: number }, signingKey = key): Promise<string> {
  return new SignJWT({ ver: 0 })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer(claims.iss ?? 'postwatch')
    .setAudience(claims.aud ?? 'postwatch-api')
    .setIssuedAt()
    .setExpirationTime(claims.exp)
    .sign(signingKey);
}

describe('login and role checks', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('auth', { JWT_SECRET, JWT_TTL_SECONDS: '900' });
  });
  afterAll(() => server?.stop());

  it('logs in a demo account and returns a token the API accepts', async () => {
    const before = Date.now();
    const result = await gql(
      server.httpUrl,
      'mutation { login(email: "liaison@postwatch.demo", password: "postwatch-demo") { token expiresAt contact { email role } } }',
    );
    expect(result.errors).toBeUndefined();
    const { token, expiresAt, contact } = result.data!.login;
    expect(contact).toEqual({ email: 'liaison@postwatch.demo', role: 'POLICE_LIAISON' });
    // JWT_TTL_SECONDS=900: the token expires 15 minutes after login (whole seconds).
    const ttl = new Date(expiresAt).getTime() - before;
    expect(ttl).toBeGreaterThan(899_000);
    expect(ttl).toBeLessThanOrEqual(901_000);

    const me = await gql(server.httpUrl, ME, {}, token);
    expect(me.data!.me).toEqual({
      fullName: 'Demo Liaison Officer',
      email: 'liaison@postwatch.demo',
      role: 'POLICE_LIAISON',
      agency: { code: 'PPD' },
    });
  });

  it('accepts the e-mail in any case', async () => {
    const token = await login(server.httpUrl, ' Branch@PostWatch.Demo ');
    const me = await gql(server.httpUrl, ME, {}, token);
    expect(me.data!.me.agency.code).toBe('PPO-EAST-01');
  });

  it('answers a wrong password and an unknown account alike', async () => {
    const attempts = [
      { email: 'liaison@postwatch.demo', password: 'wrong-password' },
      { email: 'nobody@postwatch.demo', password: 'postwatch-demo' },
    ];
    for (const variables of attempts) {
      const result = await gql(
        server.httpUrl,
        'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
        variables,
      );
      expect(result.data).toBeNull();
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]).toMatchObject({ message: 'Invalid email or password', extensions: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('refuses a disabled account at login and its earlier token at once', async () => {
    await addAccount(server, {
      agencyCode: 'PPO-CITY-01', role: ContactRole.BRANCH_OPERATOR, email: 'leaver@postwatch.test', password: 'leaver-password',
    });
    const token = await login(server.httpUrl, 'leaver@postwatch.test', 'leaver-password');
    await server.app.orm.em.getConnection().execute(`update contact set active = false where email = 'leaver@postwatch.test'`);

    const me = await gql(server.httpUrl, ME, {}, token);
    expect(me.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const again = await gql(server.httpUrl, 'mutation { login(email: "leaver@postwatch.test", password: "leaver-password") { token } }');
    expect(again.errors![0]).toMatchObject({ message: 'Invalid email or password', extensions: { code: 'UNAUTHENTICATED' } });
  });

  describe('tokens that must be refused', () => {
    let liaisonId: string;
    beforeAll(async () => {
      const token = await login(server.httpUrl, 'liaison@postwatch.demo');
      liaisonId = (await gql(server.httpUrl, '{ me { id } }', {}, token)).data!.me.id;
    });

    const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
    const cases: [string, () => Promise<string>][] = [
      ['signed with another key', () => craftToken({ sub: liaisonId, exp: inAnHour() }, new TextEncoder().encode('x'.repeat(40)))],
      ['expired', () => craftToken({ sub: liaisonId, exp: Math.floor(Date.now() / 1000) - 60 })],
      ['of another issuer', () => craftToken({ sub: liaisonId, iss: 'elsewhere', exp: inAnHour() })],
      ['for another audience', () => craftToken({ sub: liaisonId, aud: 'other-api', exp: inAnHour() })],
      ['of an unknown contact', () => craftToken({ sub: '00000000-0000-4000-8000-000000000000', exp: inAnHour() })],
      ['not a JWT at all', async () => 'not-a-token'],
    ];
    it.each(cases)('refuses a token %s with UNAUTHENTICATED and HTTP 401', async (_label, make) => {
      const result = await gql(server.httpUrl, ME, {}, await make());
      expect(result.status).toBe(401);
      expect(result.data ?? null).toBeNull();
      expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(result.errors)).not.toMatch(/stack|at .*\.js/);
    });

    it('closes a WebSocket with 4401 when its token expires', async () => {
      const coordinator = await login(server.httpUrl, 'coordinator@postwatch.demo');
      const coordinatorId = (await gql(server.httpUrl, '{ me { id } }', {}, coordinator)).data!.me.id;
      const branchId = await agencyId(server, 'PPO-CITY-01');
      const token = await craftToken({ sub: coordinatorId, exp: Math.floor(Date.now() / 1000) + 2 });
      const opened = Date.now();
      const closed = new Promise<{ code: number; reason: string }>((resolve) => {
        const client = wsClient(server.wsUrl, token, resolve);
        collect(client, 'subscription ($b: ID!) { alertPosted(branchId: $b) { id } }', { b: branchId });
      });
      const { code, reason } = await closed;
      expect({ code, reason }).toEqual({ code: 4401, reason: 'Unauthorized: token expired' });
      expect(Date.now() - opened).toBeGreaterThan(900);
    });

    it('still lets a client holding a refused token log in again', async () => {
      const expired = await craftToken({ sub: liaisonId, exp: Math.floor(Date.now() / 1000) - 60 });
      const result = await gql(
        server.httpUrl,
        'mutation { login(email: "liaison@postwatch.demo", password: "postwatch-demo") { token } }',
        {},
        expired,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.login.token).toEqual(expect.any(String));
    });

    it('refuses a NUL character in the e-mail with BAD_USER_INPUT', async () => {
      const result = await gql(server.httpUrl, 'mutation ($e: String!) { login(email: $e, password: "x") { token } }', { e: 'a\u0000@b' });
      expect(result.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    });

    it('accepts a well-formed token signed with the configured key', async () => {
      const result = await gql(server.httpUrl, ME, {}, await craftToken({ sub: liaisonId, exp: inAnHour() }));
      expect(result.data!.me.email).toBe('liaison@postwatch.demo');
    });
  });

  describe('role checks on postAlert', () => {
    it.each([
      ['no token', null],
      ['a branch operator', 'branch@postwatch.demo'],
      ['a coordinator', 'coordinator@postwatch.demo'],
      ['an auditor', 'auditor@postwatch.demo'],
    ])('refuses %s and writes nothing', async (_label, email) => {
      const token = email ? await login(server.httpUrl, email) : undefined;
      const before = await alertTableCounts(server);
      const result = await gql(
        server.httpUrl,
        POST_ALERT,
        { input: alertInput([await agencyId(server, 'PPO-EAST-01')]) },
        token,
      );
      expect(result.data).toBeNull();
      expect(result.errors![0]!.extensions!.code).toBe(email ? 'FORBIDDEN' : 'UNAUTHENTICATED');
      expect(await alertTableCounts(server)).toEqual(before);
    });

    it('asks for a token on every query', async () => {
      for (const query of [ME, '{ agencies { id } }', '{ alerts { totalCount } }', '{ agreements { id } }']) {
        const result = await gql(server.httpUrl, query);
        expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      }
    });
  });
});
