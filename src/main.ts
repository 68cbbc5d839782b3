import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import type { Tracing } from './tracing.js';

// Tracing, when asked for, starts before the server's modules load, so that its instrumentations can patch them.
const tracing: Tracing | null = process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? await (await import('./tracing.js')).startTracing() : null;
const { bootstrap } = await import('./app.js');
const { EmbeddedPostgresError, takeOverShutdownSignals } = await import('./db/embedded-postgres.js');

/** Entry point: `npm start`. Stops cleanly on SIGINT / SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  if (tracing) logger.info({ endpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT }, 'OpenTelemetry tracing on');
  takeOverShutdownSignals();
  // A promise nobody awaited that fails is a bug to log, not a reason to drop every connection.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  let app;
  try {
    app = await bootstrap(config, logger);
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) {
      logger.fatal(error.message);
      console.error(`\n${error.message}\n`);
    } else {
      logger.fatal({ err: error }, 'Postwatch could not start');
    }
    process.exit(1);
  }
  const base = `http://localhost:${app.port}`;
  logger.info({ port: app.port, embeddedDatabase: app.database.embedded }, 'Postwatch is ready');
  console.log(
    [
      '',
      `Postwatch is ready${app.database.embedded ? ' (embedded PostgreSQL)' : ''}`,
      `  Web app:             ${base}/   GraphiQL: ${base}/graphiql`,
      `  GraphQL (HTTP):      ${base}/graphql`,
      `  GraphQL (WebSocket): ws://localhost:${app.port}/graphql`,
      `  Health:              ${base}/healthz   Readiness: ${base}/readyz`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.shutdown();
    await tracing?.shutdown().catch((err) => logger.warn({ err }, 'could not send the last traces'));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

await main();
