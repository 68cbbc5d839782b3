import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Context, Viewer } from '../graphql/context.js';
import { publicErrorOf, toClientError } from '../graphql/errors.js';
import { apolloLimits, parseAndValidate, QUERY_LIMITS } from '../graphql/limits.js';
import { createServices, type AppDeps } from '../graphql/services.js';

/** Largest HTTP body or WebSocket message accepted: 1 MiB. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Live subscriptions one WebSocket may hold at once (a dashboard needs one per branch it shows). */
const MAX_SUBSCRIPTIONS_PER_SOCKET = 20;

/** The path of both the HTTP and the WebSocket GraphQL endpoints. */
export const GRAPHQL_PATH = '/graphql';

/** A listening server and how to stop it. */
export interface RunningServer {
  /** Port actually bound (useful with PORT=0). */
  port: number;
  /** Stops accepting, closes WebSockets (1001, so clients reconnect elsewhere), drains HTTP requests. */
  close(): Promise<void>;
}

/** What graphql-ws keeps per socket besides the socket itself. */
interface SocketExtra extends Record<PropertyKey, unknown> {
  socket: WebSocket;
  request: IncomingMessage;
  viewer?: Viewer;
  expiryTimer?: NodeJS.Timeout;
}

/**
 * Serves, on one port: `POST /graphql` (Apollo Server 5 on express), WebSocket `/graphql` (graphql-ws),
 * `GET /healthz` (the process is up) and `GET /readyz` (the database answers).
 */
export async function startHttpServer(schema: GraphQLSchema, deps: AppDeps): Promise<RunningServer> {
  const { config, logger, orm } = deps;
  const app = express();
  const httpServer = createServer(app);
  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH, maxPayload: MAX_BODY_BYTES });

  const wsCleanup = useServer<Record<string, unknown>, SocketExtra>(
    {
      schema,
      onConnect: async (ctx) => {
        const services = createServices(orm.em.fork(), deps);
        try {
          const viewer = await services.auth.viewerFor(ctx.connectionParams?.authorization);
          if (!viewer) throw new GraphQLError('Authentication required: send { authorization: "Bearer <token>" } as connection params');
          ctx.extra.viewer = viewer;
          const msLeft = viewer.tokenExpiresAt * 1000 - Date.now();
          ctx.extra.expiryTimer = setTimeout(() => ctx.extra.socket.close(CloseCode.Unauthorized, 'Unauthorized: token expired'), msLeft);
          return true;
        } catch (error) {
          const reason = error instanceof GraphQLError ? error.message : 'Unauthorized';
          ctx.extra.socket.close(CloseCode.Unauthorized, `Unauthorized: ${reason}`.slice(0, 120));
          return false;
        }
      },
      onClose: (ctx) => clearTimeout(ctx.extra.expiryTimer),
      onSubscribe: (ctx, _id, payload) => {
        if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_SOCKET) {
          return [
            new GraphQLError(`At most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions per connection`, {
              extensions: { code: 'BAD_REQUEST' },
            }),
          ];
        }
        const parsed = parseAndValidate(schema, payload.query);
        if (Array.isArray(parsed)) return parsed as readonly GraphQLError[];
        return {
          schema,
          document: parsed as DocumentNode,
          operationName: payload.operationName,
          variableValues: payload.variables,
        };
      },
      context: (ctx): Context => {
        const em = orm.em.fork();
        return {
          em,
          viewer: ctx.extra.viewer ?? null,
          services: createServices(em, deps),
          requestId: randomUUID(),
          clientAddress: ctx.extra.request.socket.remoteAddress,
        };
      },
      onNext: (_ctx, id, _payload, _args, result) => {
        if (!result.errors) return;
        logInternalErrors(deps, result.errors, `ws:${id}`);
        return { ...result, errors: result.errors.map(toClientError) };
      },
      onError: (_ctx, id, _payload, errors) => {
        logInternalErrors(deps, errors, `ws:${id}`);
        return errors.map(toClientError);
      },
    },
    wsServer,
  );

  const limits = apolloLimits();
  const apollo = new ApolloServer<Context>({
    schema,
    validationRules: limits.validationRules,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens.n },
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    introspection: true,
    formatError: (formatted, error) =>
      error instanceof GraphQLError ? toClientError(error) : { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        async serverWillStart() {
          return { drainServer: async () => wsCleanup.dispose() };
        },
      },
      errorLoggingPlugin(deps),
      subscriptionsOnlyOverWebSocket,
      ...(limits.plugins as unknown as ApolloServerPlugin<Context>[]),
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ready', database: 'ok' });
    } catch (err) {
      logger.warn({ err }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });
  app.use(
    GRAPHQL_PATH,
    cors(),
    express.json({ limit: MAX_BODY_BYTES }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<Context> => {
        const requestId = requestIdOf(req.headers['x-request-id']);
        res.setHeader('x-request-id', requestId);
        const em = orm.em.fork();
        const services = createServices(em, deps);
        let viewer: Viewer | null = null;
        let authError: GraphQLError | undefined;
        try {
          viewer = await services.auth.viewerFor(req.headers.authorization);
        } catch (error) {
          // A refused token fails only the operations that need a viewer, so `login` still works.
          if (!(error instanceof GraphQLError)) throw error;
          authError = error;
        }
        return { em, viewer, authError, services, requestId, clientAddress: req.socket.remoteAddress };
      },
    }),
  );

  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
  });
  app.use(httpErrorHandler(deps));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;

  return {
    port,
    close: async () => {
      await apollo.stop();
    },
  };
}

/**
 * Errors raised before GraphQL runs (malformed JSON, a body over 1 MB) answer in the GraphQL error shape
 * with code BAD_REQUEST; anything else is logged and answers INTERNAL_SERVER_ERROR. Never a stack trace.
 */
function httpErrorHandler(deps: AppDeps): express.ErrorRequestHandler {
  return (error: { status?: number; type?: string }, _req, res, _next) => {
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) deps.logger.error({ err: error }, 'http request failed');
    const message =
      error.type === 'entity.parse.failed' ? 'Malformed JSON body'
      : error.type === 'entity.too.large' ? 'Request body larger than 1 MiB'
      : status === 500 ? 'Internal server error' : 'Bad request';
    res.status(status).json({ errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }] });
  };
}

/** A subscription sent over HTTP is refused up front: there is nothing to stream it on. */
const subscriptionsOnlyOverWebSocket: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation === 'subscription') {
          throw new GraphQLError(`Subscriptions are served over WebSocket (graphql-ws) at ${GRAPHQL_PATH}`, {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        }
      },
    };
  },
};

function requestIdOf(header: unknown): string {
  return typeof header === 'string' && /^[\w.-]{1,100}$/.test(header) ? header : randomUUID();
}

/** Logs, with the request id, every error the client only sees as INTERNAL_SERVER_ERROR. */
function errorLoggingPlugin(deps: AppDeps): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          logInternalErrors(deps, errors, contextValue?.requestId);
        },
      };
    },
  };
}

function logInternalErrors(deps: AppDeps, errors: readonly GraphQLError[], requestId: string | undefined): void {
  for (const error of errors) {
    if (publicErrorOf(error)) continue;
    deps.logger.error({ err: error.originalError ?? error, requestId, path: error.path }, 'internal error');
  }
}

export type { Server };
