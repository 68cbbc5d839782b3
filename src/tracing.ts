import { register } from 'node:module';
import { withoutValues } from './logger.js';

/** What `startTracing` gives back: a way to send the spans still buffered before the process ends. */
export interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry tracing: spans for HTTP (incoming requests and outgoing calls), GraphQL (parse, validate,
 * execute, resolvers of non-trivial fields) and PostgreSQL queries, by the project's maintained
 * instrumentations, exported over OTLP/HTTP to `OTEL_EXPORTER_OTLP_ENDPOINT` (the standard OTEL_* variables
 * apply: `OTEL_SERVICE_NAME`, default `postwatch`; `OTEL_BSP_SCHEDULE_DELAY`; headers …).
 *
 * Called by main.ts only when that variable is set, before anything else is imported: the instrumentations
 * patch modules as they load (ESM through import-in-the-middle's loader hook, CommonJS through
 * require-in-the-middle). When it is not set none of this is even loaded, so tracing off costs nothing.
 */
export async function startTracing(): Promise<Tracing> {
  // Only the modules instrumented go through the ESM hook: wrapping every module breaks some dual packages
  // (MikroORM's index.mjs imports its CommonJS build's default export).
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, {
    data: { include: ['graphql', 'pg', 'http', 'https', 'node:http', 'node:https'] },
  });
  const [{ NodeTracerProvider }, { BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }, instrumentation, http, graphql, pg] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/instrumentation'),
      import('@opentelemetry/instrumentation-http'),
      import('@opentelemetry/instrumentation-graphql'),
      import('@opentelemetry/instrumentation-pg'),
    ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME ?? 'postwatch' }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  instrumentation.registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new http.HttpInstrumentation(),
      new graphql.GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
      // No values: MikroORM writes them into the statement text, so the text is recorded with its literals as `?`
      // (alert text and personal data stay out of traces, as out of logs); bound parameters are not recorded.
      new pg.PgInstrumentation({
        enhancedDatabaseReporting: false,
        requestHook: (span, { query }) => {
          const text = query.text;
          if (typeof text === 'string') {
            span.setAttribute('db.query.text', withoutValues(text));
            span.setAttribute('db.statement', withoutValues(text));
          }
        },
      }),
    ],
  });
  return { shutdown: () => provider.shutdown() };
}
