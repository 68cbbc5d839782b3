import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type express from 'express';
import { GraphQLError } from 'graphql';
import type { Viewer, ViewerScope } from '../graphql/context.js';
import { ErrorCode } from '../graphql/errors.js';
import { createAuthService, createServices, type AppDeps, type Services } from '../graphql/services.js';

/** What a plain HTTP route (CAP XML, CSV reports) gets: the signed-in viewer and services bound to them. */
export interface RouteContext {
  /** The request's own EntityManager fork (the services read through it). */
  em: EntityManager;
  viewer: Viewer;
  services: Services;
  requestId: string;
}

/** HTTP status for each public error code of a plain route. */
const STATUS_OF: Partial<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.BAD_REQUEST]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
};

/**
 * Wraps a plain HTTP handler so that it runs authenticated like GraphQL: `Authorization: Bearer <token>`,
 * the same token checks and the same visibility rules (services bound to the viewer). Errors answer in the
 * GraphQL error shape `{ errors: [{ message, extensions: { code } }] }` with the matching status (401, 403,
 * 404, 400); anything unexpected is logged with the request id and answers 500 with no detail. When the
 * response has already started streaming, an error cuts the connection so that a partial body is not
 * mistaken for a whole one.
 */
export function authenticatedRoute(
  deps: AppDeps,
  handler: (req: express.Request, res: express.Response, ctx: RouteContext) => Promise<void>,
): express.RequestHandler {
  return async (req, res) => {
    const requestId = requestIdOf(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    try {
      const em = deps.orm.em.fork();
      const viewer = await createAuthService(em, deps).viewerFor(req.headers.authorization);
      if (!viewer) {
        throw new GraphQLError('Authentication required: send a valid bearer token', {
          extensions: { code: ErrorCode.UNAUTHENTICATED },
        });
      }
      const scope: ViewerScope = { viewer };
      await handler(req, res, { em, viewer, services: createServices(em, deps, scope), requestId });
    } catch (error) {
      const code = error instanceof GraphQLError ? String(error.extensions.code ?? '') : '';
      const status = STATUS_OF[code];
      if (!status) deps.logger.error({ err: error, requestId, path: req.path }, 'http route failed');
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (status === 401) res.setHeader('www-authenticate', 'Bearer');
      res.status(status ?? 500).json({
        errors: [
          status
            ? { message: (error as GraphQLError).message, extensions: { code } }
            : { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } },
        ],
      });
    }
  };
}

/** The client's `x-request-id` when it is a plain token of up to 100 characters, else a new UUID. */
export function requestIdOf(header: unknown): string {
  return typeof header === 'string' && /^[\w.-]{1,100}$/.test(header) ? header : randomUUID();
}
