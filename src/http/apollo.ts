import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Context } from '../api/context.js';
import { refusalOf } from '../api/admission.js';
import { ErrorCode, toClientError } from '../platform/errors.js';
import { apolloLimits, QUERY_LIMITS } from '../api/limits.js';
import type { Logger } from '../logger.js';
import { countClientErrors, metrics, operationLabel } from '../platform/metrics.js';
import { actorOf, auditRefusedDocument } from '../api/audit-operations.js';
import type { AuditTrail } from '../modules/audit/audit-trail.js';
import { logInternalErrors } from '../api/error-log.js';
import { GRAPHQL_PATH } from './limits.js';

/**
 * Apollo Server for `POST /graphql`: query limits, the one error mapping, no stack traces, no batching.
 * The HTTP server around it drains itself on shutdown (server.ts).
 */
export async function startApollo(
  schema: GraphQLSchema,
  deps: { logger: Logger; auditTrail: AuditTrail },
): Promise<ApolloServer<Context>> {
  const { logger } = deps;
  const limits = apolloLimits();
  const apollo = new ApolloServer<Context>({
    schema,
    validationRules: limits.validationRules,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens.n },
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    introspection: true,
    // Apollo's own messages (e.g. an error it could not process) as JSON lines of the server's log.
    logger: {
      debug: (message: unknown) => logger.debug({ apollo: String(message) }, 'apollo server'),
      info: (message: unknown) => logger.info({ apollo: String(message) }, 'apollo server'),
      warn: (message: unknown) => logger.warn({ apollo: String(message) }, 'apollo server'),
      error: (message: unknown) => logger.error({ apollo: String(message) }, 'apollo server'),
    },
    formatError: (_formatted, error) =>
      error instanceof GraphQLError
        ? toClientError(error)
        : { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    plugins: [
      // Apollo's landing page loads its IDE from the internet; browsers are sent to the bundled /graphiql.
      ApolloServerPluginLandingPageDisabled(),
      // Nothing here sets cache hints (answers depend on the viewer and are sent `no-store`); Apollo's cache-control
      // plugin would otherwise wrap every field's resolver to read them, a fifth of the time of a long list.
      ApolloServerPluginCacheControlDisabled(),
      operationMetrics,
      errorLogging(logger),
      auditRefusedMutations(deps.auditTrail),
      refusedBeforeExecution,
      ...(limits.plugins as unknown as ApolloServerPlugin<Context>[]),
    ],
  });
  await apollo.start();
  return apollo;
}

/**
 * Refuses up front what admission.ts refuses (variables too deep or of the wrong type, NUL characters, too
 * costly), and a subscription sent over HTTP (there is nothing to stream it on). Each refusal answers 400.
 */
const refusedBeforeExecution: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, document, request, schema }) {
        const refusal = refusalOf(schema, document, request.variables, request.operationName);
        if (refusal) throw refusal;
        if (operation?.operation === 'subscription') {
          throw new GraphQLError(`Subscriptions are served over WebSocket (graphql-ws) at ${GRAPHQL_PATH}`, {
            extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } },
          });
        }
      },
    };
  },
};

function errorLogging(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          logInternalErrors(logger, errors, contextValue?.requestId);
        },
      };
    },
  };
}

/** Audits mutations refused before any resolver ran (invalid document or variables); resolvers audit the rest. */
function auditRefusedMutations(trail: AuditTrail): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, document, request }) {
          const early = errors.find((error) => !error.path);
          if (early) await auditRefusedDocument(trail, actorOf(contextValue), document, request.operationName, early);
        },
      };
    },
  };
}

/**
 * Times each operation into `postwatch_graphql_operation_duration_seconds` (type and bounded name) and counts
 * the error codes clients receive into `postwatch_graphql_errors_total`.
 */
const operationMetrics: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    const end = metrics.graphqlOperationDuration.startTimer();
    return {
      async willSendResponse({ operation, operationName, response, contextValue }) {
        // A name gets a label of its own only from a signed-in contact's operation that resolved.
        const mayAdd = Boolean(operation && contextValue?.scope?.viewer);
        end({ type: operation?.operation ?? 'unknown', operation: operationLabel(operationName, mayAdd) });
        const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
        countClientErrors(errors ?? []);
      },
    };
  },
};
