import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, login } from './helpers/graphql.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe('logs', () => {
  const lines: Record<string, any>[] = [];
  let server: TestServer;

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    server = await startTestServer('logging', { LOG_LEVEL: 'info' }, destination);
  });
  afterAll(() => server?.stop());

  it('keeps the values of a failed SQL statement out of the log, and tags the lines with the request id', async () => {
    const token = await login(server.httpUrl, 'coordinator@postwatch.demo');
    const id = 'c0ffee00-1234-4abc-8def-0123456789ab';
    const connection = server.app.orm.em.getConnection();
    // A database fault while the request runs: the statement, with the id in it, fails.
    await connection.execute('alter table joint_activity rename to joint_activity_away');
    let result;
    try {
      result = await gql(server.httpUrl, 'query ($id: ID!) { jointActivity(id: $id) { id } }', { id }, token, undefined, { 'x-request-id': 'req-log-1' });
    } finally {
      await connection.execute('alter table joint_activity_away rename to joint_activity');
    }
    expect(result.errors![0]!.extensions!.code).toBe('INTERNAL_SERVER_ERROR');
    const logged = lines.filter((line) => line.requestId === 'req-log-1');
    const internal = logged.find((line) => line.msg === 'internal error');
    expect(internal, JSON.stringify(lines.slice(-5))).toBeDefined();
    expect(internal!.err.message).toMatch(/joint_activity/);
    expect(JSON.stringify(logged)).not.toContain(id);
  });
});
