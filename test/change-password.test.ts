import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/db/seed/demo-data.js';
import { agencyId, auditEntriesAfter, lastAuditId, recordsDigest } from './helpers/fixtures.js';
import { collect, gql, login, wsClient, type GraphQLResponse } from './helpers/graphql.js';
import { startTestServer, waitForSubscribers, type TestServer } from './helpers/server.js';

const CHANGE = `mutation ($current: String!, $next: String!) {
  changePassword(currentPassword: $current, newPassword: $next) { token expiresAt contact { id email role } }
}`;
const LOGIN = 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
const ME = '{ me { id email } }';
const WATCH = 'subscription ($b: ID!) { alertPosted(branchId: $b) { id } }';

describe('changePassword: a signed-in contact changes their own password', () => {
  let server: TestServer;

  /** changePassword with `token`, from client address `address` (the server trusts X-Forwarded-For). */
  const change = (token: string | undefined, current: string, next: string, address: string) =>
    gql(server.httpUrl, CHANGE, { current, next }, token, undefined, { 'x-forwarded-for': address });
  const attemptLogin = (email: string, password: string, address: string) =>
    gql(server.httpUrl, LOGIN, { e: email, p: password }, undefined, undefined, { 'x-forwarded-for': address });
  const code = (result: GraphQLResponse) => result.errors?.[0]?.extensions?.code ?? 'OK';
  const tokenVersion = async (email: string) => {
    const [row] = await server.app.orm.em.getConnection().execute<{ token_version: number }[]>(
      'select token_version from contact where email = ?', [email],
    );
    return row!.token_version;
  };

  beforeAll(async () => {
    server = await startTestServer('change_password', {
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '10', LOGIN_FAILURE_WINDOW_SECONDS: '600', TRUST_PROXY: 'true',
    });
  });
  afterAll(() => server?.stop());

  it('changes the password and returns a working token; every earlier token is refused at once', async () => {
    const email = 'branch2@postwatch.demo';
    const earlier = [await login(server.httpUrl, email), await login(server.httpUrl, email)];
    const id = (await gql(server.httpUrl, ME, {}, earlier[0])).data!.me.id;
    const mark = await lastAuditId(server);

    const result = await change(earlier[0], DEMO_PASSWORD, 'a-brand-new-password', '203.0.113.1');
    expect(result.errors).toBeUndefined();
    const { token, expiresAt, contact } = result.data!.changePassword;
    expect(contact).toEqual({ id, email, role: 'BRANCH_OPERATOR' });
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    // The credentials version went from 0 to 1, and the new token carries it.
    expect(await tokenVersion(email)).toBe(1);
    expect(decodeJwt(token)).toMatchObject({ sub: id, ver: 1 });
    const entries = await auditEntriesAfter(server, mark);
    expect(entries).toEqual([
      expect.objectContaining({
        operation: 'changePassword', operation_type: 'MUTATION', outcome: 'SUCCESS', error_code: null,
        actor_id: id, actor_role: 'BRANCH_OPERATOR', target_type: 'Contact', target_id: id, detail: null,
      }),
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/postwatch-demo|a-brand-new-password/);

    expect((await gql(server.httpUrl, ME, {}, token)).data!.me).toEqual({ id, email });
    for (const old of earlier) {
      const refused = await gql(server.httpUrl, ME, {}, old);
      expect(refused.status).toBe(401);
      expect(code(refused)).toBe('UNAUTHENTICATED');
    }

    const withOld = await attemptLogin(email, DEMO_PASSWORD, '203.0.113.1');
    expect(withOld.errors![0]).toMatchObject({ message: 'Invalid email or password', extensions: { code: 'UNAUTHENTICATED' } });
    const fresh = await login(server.httpUrl, email, 'a-brand-new-password');
    expect((await gql(server.httpUrl, ME, {}, fresh)).data!.me.id).toBe(id);
  });

  it('refuses a wrong current password naming currentPassword, changes nothing, and audits the refusal', async () => {
    const email = 'branch3@postwatch.demo';
    const token = await login(server.httpUrl, email);
    const id = (await gql(server.httpUrl, ME, {}, token)).data!.me.id;
    const before = await recordsDigest(server);
    const mark = await lastAuditId(server);

    const result = await change(token, 'not-the-password', 'another-long-password', '203.0.113.2');
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT', fields: [{ field: 'currentPassword', message: 'is not correct' }],
    });

    expect(await recordsDigest(server)).toEqual(before);
    expect(await tokenVersion(email)).toBe(0);
    expect((await gql(server.httpUrl, ME, {}, token)).data!.me.id).toBe(id);
    const entries = await auditEntriesAfter(server, mark);
    expect(entries).toEqual([
      expect.objectContaining({
        operation: 'changePassword', outcome: 'REFUSED', error_code: 'BAD_USER_INPUT', actor_id: id, actor_role: 'BRANCH_OPERATOR',
      }),
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/not-the-password|another-long-password/);
    expect(code(await attemptLogin(email, 'another-long-password', '203.0.113.2'))).toBe('UNAUTHENTICATED');
    expect(code(await attemptLogin(email, DEMO_PASSWORD, '203.0.113.2'))).toBe('OK');
  });

  it('refuses a new password that breaks the password rules with extensions.fields, spending no attempt', async () => {
    const email = 'branch4@postwatch.demo';
    const token = await login(server.httpUrl, email);
    const before = await recordsDigest(server);
    const mark = await lastAuditId(server);
    const address = '203.0.113.3';

    const cases: [string, string, { field: string; message: string }][] = [
      [DEMO_PASSWORD, 'too-short', { field: 'newPassword', message: 'newPassword must be longer than or equal to 12 characters' }],
      [DEMO_PASSWORD, 'x'.repeat(201), { field: 'newPassword', message: 'must be at most 200 characters' }],
      [DEMO_PASSWORD, DEMO_PASSWORD, { field: 'newPassword', message: 'must differ from the current password' }],
      ['', 'a-long-enough-password', { field: 'currentPassword', message: 'must not be empty' }],
      [DEMO_PASSWORD, ' '.repeat(12), { field: 'newPassword', message: 'must hold a visible character' }],
      [DEMO_PASSWORD, '\u200b'.repeat(12), { field: 'newPassword', message: 'must hold a visible character' }],
      [DEMO_PASSWORD, 'abcdefghijkl\ud800', { field: 'newPassword', message: 'must be valid Unicode text' }],
    ];
    for (const [current, next, problem] of cases) {
      const result = await change(token, current, next, address);
      expect(result.data).toBeNull();
      expect(result.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [problem] });
    }
    expect(await recordsDigest(server)).toEqual(before);
    const entries = await auditEntriesAfter(server, mark);
    expect(entries.map((e) => [e.operation, e.outcome, e.error_code])).toEqual(
      cases.map(() => ['changePassword', 'REFUSED', 'BAD_USER_INPUT']),
    );
    // None of them counted as a failed attempt (the limit is 3): the account can still sign in.
    expect(code(await attemptLogin(email, DEMO_PASSWORD, address))).toBe('OK');
  });

  it('takes a Vietnamese password typed with combining marks as the same password typed precomposed (NFC)', async () => {
    const email = 'coordinator@postwatch.demo';
    const token = await login(server.httpUrl, email);
    const precomposed = 'Mật khẩu bưu cục Đồi Tây'.normalize('NFC');
    const decomposed = precomposed.normalize('NFD');
    expect(decomposed).not.toBe(precomposed);
    expect(code(await change(token, DEMO_PASSWORD, precomposed, '203.0.113.9'))).toBe('OK');
    expect(code(await attemptLogin(email, decomposed, '203.0.113.9'))).toBe('OK');
    expect(code(await attemptLogin(email, precomposed, '203.0.113.9'))).toBe('OK');
  });

  it('blocks the account with TOO_MANY_REQUESTS after 3 wrong current passwords, even with the right one', async () => {
    const email = 'branch5@postwatch.demo';
    const token = await login(server.httpUrl, email);
    const wrong = [];
    for (let i = 0; i < 3; i++) wrong.push(code(await change(token, `wrong-${i}`, 'a-brand-new-password', '203.0.113.4')));
    expect(wrong).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);

    const mark = await lastAuditId(server);
    const blocked = await change(token, DEMO_PASSWORD, 'a-brand-new-password', '203.0.113.5');
    expect(blocked.status).toBe(429);
    expect(blocked.errors![0]!.extensions).toEqual({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) });
    const wait = blocked.errors![0]!.extensions!.retryAfterSeconds;
    expect(wait).toBeGreaterThan(590);
    expect(wait).toBeLessThanOrEqual(600);
    expect(await auditEntriesAfter(server, mark)).toEqual([
      expect.objectContaining({ operation: 'changePassword', outcome: 'REFUSED', error_code: 'TOO_MANY_REQUESTS' }),
    ]);
    // The same counter as login's: the account cannot sign in either, and nothing changed.
    expect(code(await attemptLogin(email, DEMO_PASSWORD, '203.0.113.6'))).toBe('TOO_MANY_REQUESTS');
    expect(await tokenVersion(email)).toBe(0);
    expect(code(await gql(server.httpUrl, ME, {}, token))).toBe('OK');
  });

  it('counts failed logins and wrong current passwords of an account together', async () => {
    const email = 'branch6@postwatch.demo';
    const token = await login(server.httpUrl, email);
    expect(code(await attemptLogin(email, 'wrong-login-1', '203.0.113.7'))).toBe('UNAUTHENTICATED');
    expect(code(await attemptLogin(email, 'wrong-login-2', '203.0.113.7'))).toBe('UNAUTHENTICATED');
    expect(code(await change(token, 'wrong-current', 'a-brand-new-password', '203.0.113.8'))).toBe('BAD_USER_INPUT');
    expect(code(await change(token, DEMO_PASSWORD, 'a-brand-new-password', '203.0.113.8'))).toBe('TOO_MANY_REQUESTS');
  });

  it("counts against the client address's limit too, shared with login", async () => {
    const address = '198.51.100.20';
    // 10 failed logins from one address, at accounts that do not exist: the address's 10 attempts are spent.
    for (let i = 0; i < 10; i++) expect(code(await attemptLogin(`nobody-${i}@postwatch.test`, 'guess', address))).toBe('UNAUTHENTICATED');
    const token = await login(server.httpUrl, 'liaison2@postwatch.demo');
    const fromThere = await change(token, DEMO_PASSWORD, 'a-brand-new-password', address);
    expect(fromThere.status).toBe(429);
    expect(code(fromThere)).toBe('TOO_MANY_REQUESTS');
    expect(await tokenVersion('liaison2@postwatch.demo')).toBe(0);
    const fromElsewhere = await change(token, DEMO_PASSWORD, 'a-brand-new-password', '198.51.100.21');
    expect(code(fromElsewhere)).toBe('OK');
    expect(fromElsewhere.data!.changePassword.contact.role).toBe('POLICE_LIAISON');
  });

  it('refuses a call without a valid token, and audits it', async () => {
    const mark = await lastAuditId(server);
    const anonymous = await change(undefined, DEMO_PASSWORD, 'a-brand-new-password', '203.0.113.9');
    expect(anonymous.data).toBeNull();
    expect(code(anonymous)).toBe('UNAUTHENTICATED');
    const forged = await change('not-a-token', DEMO_PASSWORD, 'a-brand-new-password', '203.0.113.9');
    expect(forged.status).toBe(401);
    expect(code(forged)).toBe('UNAUTHENTICATED');
    expect(await auditEntriesAfter(server, mark)).toEqual([
      expect.objectContaining({ operation: 'changePassword', outcome: 'REFUSED', error_code: 'UNAUTHENTICATED', actor_id: null }),
      expect.objectContaining({ operation: 'changePassword', outcome: 'REFUSED', error_code: 'UNAUTHENTICATED', actor_id: null }),
    ]);
  });

  it('applies one of two simultaneous changes with the same token; the other finds the current password changed', async () => {
    const email = 'auditor@postwatch.demo';
    const token = await login(server.httpUrl, email);
    const results = await Promise.all(
      ['first-new-password', 'second-new-password'].map((next) => change(token, DEMO_PASSWORD, next, '203.0.113.10')),
    );
    // The other one either waited for the first to commit and then found another password (BAD_USER_INPUT), or
    // was authenticated after it with a token that no longer works (UNAUTHENTICATED).
    expect(results.filter((r) => code(r) === 'OK')).toHaveLength(1);
    expect(['BAD_USER_INPUT', 'UNAUTHENTICATED']).toContain(results.map(code).find((c) => c !== 'OK'));
    const winner = results.findIndex((r) => code(r) === 'OK');
    expect(await tokenVersion(email)).toBe(1);
    expect(code(await attemptLogin(email, ['first-new-password', 'second-new-password'][winner]!, '203.0.113.10'))).toBe('OK');
    expect(code(await attemptLogin(email, ['first-new-password', 'second-new-password'][1 - winner]!, '203.0.113.10'))).toBe('UNAUTHENTICATED');
  });

  it('answers the calls of a burst that lost the race as a session ended, not as wrong passwords, and counts none', async () => {
    const email = 'liaison@postwatch.demo';
    const token = await login(server.httpUrl, email);
    // As many simultaneous calls as the account's limit (3): a double submit, a second tab.
    const results = await Promise.all(Array.from({ length: 3 }, (_, i) => change(token, DEMO_PASSWORD, `burst-new-password-${i}`, '203.0.113.11')));
    const codes = results.map(code);
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    // Each other call finds its token stale once the winner committed: the session ended (sign in again), not a
    // wrong current password.
    for (const c of codes.filter((c) => c !== 'OK')) expect(c).toBe('UNAUTHENTICATED');
    // The losers counted nothing: two real wrong guesses later, the account (limit 3) still signs in.
    const winner = codes.indexOf('OK');
    for (let i = 0; i < 2; i++) expect(code(await attemptLogin(email, 'a wrong guess of a password', '203.0.113.11'))).toBe('UNAUTHENTICATED');
    expect(code(await attemptLogin(email, `burst-new-password-${winner}`, '203.0.113.11'))).toBe('OK');
  });

  it("closes the account's open WebSockets with 4401, and the new token opens one again", async () => {
    const email = 'branch7@postwatch.demo';
    const branchId = await agencyId(server, 'PPO-WEST-02');
    const token = await login(server.httpUrl, email);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      collect(wsClient(server.wsUrl, token, resolve), WATCH, { b: branchId });
    });
    await waitForSubscribers(server, branchId, 1);
    // Another account's socket on another branch stays open.
    const otherBranch = await agencyId(server, 'PPO-EAST-01');
    const other = wsClient(server.wsUrl, await login(server.httpUrl, 'branch@postwatch.demo'));
    collect(other, WATCH, { b: otherBranch });
    await waitForSubscribers(server, otherBranch, 1);

    const result = await change(token, DEMO_PASSWORD, 'a-brand-new-password', '203.0.113.11');
    expect(result.errors).toBeUndefined();
    const { code: closeCode, reason } = await closed;
    expect({ closeCode, reason }).toEqual({ closeCode: 4401, reason: 'Unauthorized: the account changed; sign in again' });
    await waitForSubscribers(server, branchId, 0);

    const again = wsClient(server.wsUrl, result.data!.changePassword.token);
    collect(again, WATCH, { b: branchId });
    await waitForSubscribers(server, branchId, 1);
    expect(server.app.hub.subscriberCount(otherBranch)).toBe(1);
    await again.dispose();
    await other.dispose();
  });
});
