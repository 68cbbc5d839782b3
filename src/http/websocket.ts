import type { IncomingMessage, Server } from 'node:http';
import { getOperationAST, GraphQLError, Kind, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { authenticate, createContext } from '../api/context-builder.js';
import type { Context } from '../api/context.js';
import { ErrorCode } from '../platform/errors.js';
import { parseAndValidate } from '../api/limits.js';
import { refusalOf } from '../api/admission.js';
import type { AppDeps } from '../api/services.js';
import { auditRefusedDocument } from '../api/audit-operations.js';
import { clientErrors } from '../api/error-log.js';
import type { TokenViewer } from '../modules/auth/auth.service.js';
import { metrics } from '../platform/metrics.js';
import { GRAPHQL_PATH, MAX_BODY_BYTES, MAX_SUBSCRIPTIONS_PER_SOCKET } from './limits.js';
import { Sessions } from './sessions.js';
import { SharedExecution } from './shared-execution.js';

/** RFC 6455 close code 1013 "Try Again Later": the client may reconnect (graphql-ws clients retry it). */
const TRY_AGAIN_LATER = 1013;

/** What graphql-ws keeps per socket besides the socket itself. */
interface SocketExtra extends Record<PropertyKey, unknown> {
  socket: WebSocket;
  /** The client's address, read from the upgrade request (which is then let go: it holds every header). */
  clientAddress?: string;
  viewer?: TokenViewer;
  /** The root field of each running subscription, by operation id (for the subscriptions gauge). */
  kinds?: Map<string, string>;
  expiryTimer?: NodeJS.Timeout;
}

/**
 * Serves graphql-ws on `GRAPHQL_PATH` of `httpServer`. The token comes in the connection params
 * (`{ authorization: "Bearer <token>" }`); without a valid one the socket is closed with 4401, and it is
 * closed with 4401 again when the token expires. Only subscriptions are served (queries and mutations go over
 * HTTP, where they are audited); they get the same limits and error mapping as HTTP.
 * @returns `dispose`, which closes every socket with 1001 (going away) so clients reconnect elsewhere.
 */
export function attachGraphQLWebSocket(httpServer: Server, schema: GraphQLSchema, deps: AppDeps): { dispose(): Promise<void> } {
  const { orm, logger } = deps;
  const sessions = new Sessions(deps, deps.config.maxSocketsPerContact, deps.config.sessionCheckMs);
  const shared = new SharedExecution((result) => (result.errors ? { ...result, errors: clientErrors(logger, result.errors, 'ws:shared') } : result));
  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH, maxPayload: MAX_BODY_BYTES });
  const server = useServer<Record<string, unknown>, SocketExtra>(
    {
      schema,
      onConnect: async (ctx) => {
        const { socket } = ctx.extra;
        ctx.extra.clientAddress = ctx.extra.request?.socket.remoteAddress;
        (ctx.extra as { request?: IncomingMessage }).request = undefined;
        try {
          // The viewer is read with one plain statement (no entity is loaded): no EntityManager fork is needed.
          const { viewer, authError } = await authenticate(deps, orm.em, ctx.connectionParams?.authorization);
          if (authError) throw authError;
          if (!viewer) throw new GraphQLError('Authentication required: send { authorization: "Bearer <token>" } as connection params');
          // The client may have gone while the token was checked: graphql-ws has then already run onClose, so a
          // session registered now would never be let go (and would count against the account's limit).
          if (socket.readyState !== socket.OPEN) return false;
          if (!sessions.open(socket, viewer)) {
            socket.close(TRY_AGAIN_LATER, `Too many connections for this account (${deps.config.maxSocketsPerContact})`);
            return false;
          }
          ctx.extra.viewer = viewer;
          metrics.websocketConnections.inc();
          const msLeft = viewer.tokenExpiresAt * 1000 - Date.now();
          ctx.extra.expiryTimer = setTimeout(() => socket.close(CloseCode.Unauthorized, 'Unauthorized: token expired'), msLeft);
          return true;
        } catch (error) {
          const reason = error instanceof GraphQLError ? error.message : 'Unauthorized';
          socket.close(CloseCode.Unauthorized, `Unauthorized: ${reason}`.slice(0, 120));
          return false;
        }
      },
      onClose: (ctx) => {
        clearTimeout(ctx.extra.expiryTimer);
        if (ctx.extra.viewer) {
          sessions.close(ctx.extra.socket, ctx.extra.viewer.contactId);
          metrics.websocketConnections.dec();
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_SOCKET) {
          return [
            new GraphQLError(`At most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions per connection`, {
              extensions: { code: ErrorCode.BAD_REQUEST },
            }),
          ];
        }
        const parsed = parseAndValidate(schema, payload.query);
        if (Array.isArray(parsed)) return parsed as readonly GraphQLError[];
        const operation = getOperationAST(parsed as DocumentNode, payload.operationName);
        // No such operation: refused below (refusalOf), as over HTTP.
        if (operation && operation.operation !== 'subscription') {
          const refusal = new GraphQLError(`Only subscriptions are served over WebSocket; send queries and mutations to POST ${GRAPHQL_PATH}`, {
            extensions: { code: ErrorCode.BAD_REQUEST },
          });
          const actor = { viewer: ctx.extra.viewer ?? null, clientAddress: ctx.extra.clientAddress, requestId: `ws:${id}` };
          await auditRefusedDocument(deps.auditTrail, actor, parsed as DocumentNode, payload.operationName, refusal);
          return [refusal];
        }
        const refusal = refusalOf(schema, parsed as DocumentNode, payload.variables, payload.operationName);
        if (refusal) return [refusal];
        // refusalOf found the operation, so `operation` is one.
        const kind = rootFieldOf(operation!);
        (ctx.extra.kinds ??= new Map()).set(id, kind);
        metrics.subscriptions.inc({ kind });
        return { schema, document: parsed as DocumentNode, operationName: payload.operationName, variableValues: payload.variables };
      },
      context: (ctx, id, payload): Context => {
        const viewer = ctx.extra.viewer ?? null;
        const group = viewer
          ? [payload.query, payload.operationName ?? '', JSON.stringify(payload.variables ?? {}), viewer.role, viewer.agencyId].join('\u0000')
          : undefined;
        const { socket } = ctx.extra;
        const context = createContext(deps, { viewer }, { clientAddress: ctx.extra.clientAddress, operationGroup: group });
        context.delivery = {
          operationId: id,
          send: (data) => {
            if (socket.readyState !== socket.OPEN) return;
            // A client that stops reading would make the server buffer without end: its connection is cut
            // (graphql-ws clients reconnect after an abnormal closure) and it resumes with `after`.
            if (socket.bufferedAmount > deps.config.wsMaxBufferedBytes) {
              socket.terminate();
              return;
            }
            socket.send(data);
          },
        };
        return context;
      },
      subscribe: (args) => shared.subscribe(args),
      onComplete: (ctx, id) => {
        const kind = ctx.extra.kinds?.get(id);
        if (kind === undefined) return;
        ctx.extra.kinds!.delete(id);
        metrics.subscriptions.dec({ kind });
      },
      onNext: (_ctx, id, _payload, _args, result) => (result.errors ? { ...result, errors: clientErrors(logger, result.errors, `ws:${id}`) } : undefined),
      onError: (_ctx, id, _payload, errors) => clientErrors(logger, errors, `ws:${id}`),
    },
    wsServer,
  );
  return {
    dispose: async () => {
      await sessions.stop();
      await server.dispose();
    },
  };
}

/** The root field a subscription asks for (`alertPosted`, `alertAcknowledged`): the label of its gauge. */
function rootFieldOf(operation: OperationDefinitionNode): string {
  const selection = operation.selectionSet.selections[0];
  return selection?.kind === Kind.FIELD ? selection.name.value : 'other';
}
