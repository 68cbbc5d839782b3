import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from './helpers/graphql.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe('unexpected errors', () => {
  let server: TestServer;
  const logLines: Record<string, any>[] = [];

  beforeAll(async () => {
    server = await startTestServer('internal_errors', { LOG_LEVEL: 'info' }, {
      write: (line: string) => void logLines.push(JSON.parse(line)),
    });
  });
  afterAll(() => server?.stop());

  it('reach the client as INTERNAL_SERVER_ERROR with no detail, and the log has the detail and the request id', async () => {
    const token = await login(server.httpUrl, 'auditor@postwatch.demo');
    const connection = server.app.orm.em.getConnection();
    await connection.execute('alter table agreement rename to agreement_moved_away');
    try {
      const response = await fetch(server.httpUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'req-internal-1' },
        body: JSON.stringify({ query: '{ agreements { code } }' }),
      });
      const body = await response.json();
      expect(response.headers.get('x-request-id')).toBe('req-internal-1');
      expect(body).toEqual({
        data: null,
        errors: [{ message: 'Internal server error', locations: [{ line: 1, column: 3 }], path: ['agreements'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      });
      const logged = logLines.find((line) => line.msg === 'internal error');
      expect(logged).toMatchObject({ level: 50, requestId: 'req-internal-1', path: ['agreements'] });
      expect(logged!.err.message).toMatch(/relation "agreement" does not exist/);
      expect(logged!.err.stack).toEqual(expect.any(String));
    } finally {
      await connection.execute('alter table agreement_moved_away rename to agreement');
    }
  });
});
