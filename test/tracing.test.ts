import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { gql, login } from './helpers/graphql.js';
import { buildServer, freePort, ServerProcess } from './helpers/processes.js';

/** A span as OTLP/HTTP JSON carries it. */
interface Span {
  name: string;
  kind: number;
  attributes: { key: string; value: Record<string, unknown> }[];
}

describe('OpenTelemetry tracing', () => {
  const spans: Span[] = [];
  let collector: Server;
  let collectorPort: number;
  let database: TestDatabase;
  let server: ServerProcess;

  beforeAll(async () => {
    await buildServer();
    // An OTLP/HTTP receiver of our own: it keeps every span it is sent.
    collector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (req.url === '/v1/traces') {
          const payload = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: Span[] }[] }[] };
          for (const resource of payload.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    collectorPort = await freePort();
    await new Promise<void>((resolve) => collector.listen(collectorPort, '127.0.0.1', resolve));
    database = await createTestDatabase('tracing');
    server = new ServerProcess(await freePort(), {
      DATABASE_URL: database.url,
      POSTWATCH_SEED_DEMO: 'always',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}`,
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    await server.start();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    collector?.close();
  });

  it('exports spans for HTTP, GraphQL and PostgreSQL, without statement values', async () => {
    const token = await login(server.httpUrl, 'coordinator@postwatch.demo');
    const result = await gql(server.httpUrl, 'query Agencies { agencies(sector: POSTAL) { code } }', {}, token);
    expect(result.errors).toBeUndefined();
    const attribute = (span: Span, key: string) => span.attributes.find((a) => a.key === key)?.value;
    const until = Date.now() + 15_000;
    const found = () => ({
      // SpanKind SERVER is 2.
      http: spans.some((s) => s.kind === 2 && s.name.startsWith('POST')),
      graphql: spans.some((s) => s.name === 'query Agencies' && attribute(s, 'graphql.operation.name')?.stringValue === 'Agencies'),
      pg: spans.some((s) => s.name.startsWith('pg.query:SELECT')),
    });
    while (Date.now() < until && Object.values(found()).includes(false)) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(found(), spans.map((s) => s.name).join(', ')).toEqual({ http: true, graphql: true, pg: true });
    // The login's e-mail went to PostgreSQL as a parameter: no span carries it.
    expect(JSON.stringify(spans)).not.toContain('coordinator@postwatch.demo');
  });
});
