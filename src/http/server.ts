import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import { parse, type GraphQLSchema } from 'graphql';
import { requestContext, requestIdOf } from '../api/context-builder.js';
import type { Context } from '../api/context.js';
import { ErrorCode } from '../platform/errors.js';
import type { AppDeps } from '../api/services.js';
import { startApollo } from './apollo.js';
import { sendError } from './error-response.js';
import { httpMetrics, metricsRoute, startMetricsServer } from './metrics-route.js';
import { QUERY_LIMITS, subscriptionRootDirective } from '../api/limits.js';
import { capAlertRoute } from './cap-route.js';
import { jointHistoryCsvRoute } from './report-route.js';
import { GRAPHQL_PATH, MAX_BODY_BYTES } from './limits.js';
import { attachGraphQLWebSocket } from './websocket.js';
import { webAppRouter } from './web-app.js';

export { GRAPHQL_PATH };

/** A listening server and how to stop it. */
export interface RunningServer {
  /** Port actually bound (useful with PORT=0). */
  port: number;
  /** Port of the metrics server when METRICS_PORT is set. */
  metricsPort?: number;
  /** Closes WebSockets with 1001 so clients reconnect elsewhere, stops accepting, lets requests in flight finish. */
  close(): Promise<void>;
}

/**
 * Serves, on one port: `POST /graphql` (Apollo Server 5 on express), WebSocket `/graphql` (graphql-ws),
 * `GET /healthz` (the process is up), `GET /readyz` (the database answers), and the web app (`/`, `/graphiql`,
 * deep links, `/assets/`).
 */
export async function startHttpServer(schema: GraphQLSchema, deps: AppDeps): Promise<RunningServer> {
  const { config, logger, orm } = deps;
  const app = express();
  const httpServer = createServer(app);
  const websocket = attachGraphQLWebSocket(httpServer, schema, deps);
  const apollo = await startApollo(schema, deps);
  const inFlight = new InFlightRequests();

  app.disable('x-powered-by');
  app.use(inFlight.middleware());
  app.use(httpMetrics());
  // One request id per request (the client's x-request-id when it is a plain token, else a new UUID), answered
  // in x-request-id and written on every log line about the request.
  app.use((req, res, next) => {
    const requestId = requestIdOf(req.headers['x-request-id']);
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    next();
  });
  app.set('trust proxy', config.trustProxy);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    // Redis away is `degraded`, still 200: posting works and subscribers catch up from the database.
    const bus = !deps.bus.shared ? 'in-process' : deps.bus.connected ? 'ok' : 'unavailable';
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: bus === 'unavailable' ? 'degraded' : 'ready', database: 'ok', bus });
    } catch (err) {
      logger.warn({ err }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', database: 'unreachable', bus });
    }
  });
  const metricsServer = config.metricsPort === undefined ? null : await startMetricsServer(config.metricsPort, config.host);
  if (!metricsServer) app.get('/metrics', metricsRoute(config.metricsAllow));
  app.use(webAppRouter(config.webDir));
  app.use(
    GRAPHQL_PATH,
    cors(),
    express.json({ limit: MAX_BODY_BYTES }),
    refuseSubscriptionRootDirectives,
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<Context> => {
        const requestId = res.locals.requestId as string;
        // A refused token fails only the operations that need a viewer, so `login` still works.
        try {
          return await requestContext(deps, { authorization: req.headers.authorization, requestId, clientAddress: req.ip ?? req.socket.remoteAddress });
        } catch (err) {
          // Apollo answers INTERNAL_SERVER_ERROR without logging it to this log.
          logger.error({ err, requestId }, 'request context failed');
          throw err;
        }
      },
    }),
  );
  app.get('/cap/alerts/:id.xml', capAlertRoute(deps));
  app.get('/reports/joint-history.csv', jointHistoryCsvRoute(deps));
  app.use((_req, res) => sendError(res, 404, ErrorCode.NOT_FOUND, 'Not found'));
  app.use(httpErrorHandler(deps));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () => resolve());
  });
  return {
    port: (httpServer.address() as AddressInfo).port,
    metricsPort: metricsServer?.port,
    close: async () => {
      // 1. WebSockets close with 1001: dashboards reconnect to another instance at once and resume with `after`.
      await websocket.dispose();
      // 2. No new connections; idle keep-alive ones close; answers in flight go out with `Connection: close`.
      inFlight.closing = true;
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      // 3. Requests being served finish (10 s at most), then whatever is left is cut.
      await inFlight.settled(SHUTDOWN_GRACE_MS);
      httpServer.closeAllConnections();
      await closed;
      await apollo.stop();
      await metricsServer?.close();
    },
  };
}

/**
 * Connections the kernel keeps waiting to be accepted (Node's default is 511; Linux caps it at
 * net.core.somaxconn, 4096 by default). After a restart every dashboard reconnects at once: a connection that
 * finds the queue full is dropped and its client waits for TCP to try again (1, 3, 7 s…), so the queue is made
 * as long as the system allows.
 */
const LISTEN_BACKLOG = 4096;

/** How long shutdown waits for requests being served. */
const SHUTDOWN_GRACE_MS = 10_000;

/** Counts the HTTP requests being served, so that shutdown lets them finish. */
class InFlightRequests {
  closing = false;
  private count = 0;
  private idle: (() => void)[] = [];

  middleware(): express.RequestHandler {
    return (_req, res, next) => {
      this.count++;
      if (this.closing) res.setHeader('connection', 'close');
      res.once('close', () => {
        this.count--;
        if (this.count === 0) this.idle.splice(0).forEach((wake) => wake());
      });
      next();
    };
  }

  /** Resolves when no request is being served, or after `timeoutMs`. */
  settled(timeoutMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/**
 * Errors raised before GraphQL runs (malformed JSON, a body over 1 MiB) answer in the GraphQL error shape
 * with code BAD_REQUEST; anything else is logged and answers INTERNAL_SERVER_ERROR. Never a stack trace.
 */
function httpErrorHandler(deps: AppDeps): express.ErrorRequestHandler {
  return (error: { status?: number; type?: string }, _req, res, _next) => {
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) deps.logger.error({ err: error, requestId: res.locals.requestId }, 'http request failed');
    const message =
      error.type === 'entity.parse.failed' ? 'Malformed JSON body'
      : error.type === 'entity.too.large' ? 'Request body larger than 1 MiB'
      : status === 500 ? 'Internal server error' : 'Bad request';
    sendError(res, status, status === 500 ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.BAD_REQUEST, message);
  };
}

/**
 * Answers 400 GRAPHQL_VALIDATION_FAILED, before Apollo validates, for a subscription whose root field carries a
 * directive: graphql-js 16 throws on it while validating, which Apollo would answer with a 500
 * (limits.ts, subscriptionRootDirective). Only documents that mention `subscription` are parsed here.
 */
function refuseSubscriptionRootDirectives(req: express.Request, res: express.Response, next: express.NextFunction): void {
  const query = (req.body as { query?: unknown } | undefined)?.query;
  if (typeof query !== 'string' || !query.includes('subscription')) return next();
  let document;
  try {
    document = parse(query, { maxTokens: QUERY_LIMITS.maxTokens.n });
  } catch {
    return next(); // Apollo answers the parse failure itself.
  }
  const refusal = subscriptionRootDirective(document);
  if (!refusal) return next();
  sendError(res, 400, String(refusal.extensions.code), refusal.message);
}
