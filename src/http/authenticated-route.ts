import type express from 'express';
import { GraphQLError } from 'graphql';
import { requestContext, requestIdOf } from '../api/context-builder.js';
import type { Context } from '../api/context.js';
import type { AppDeps } from '../api/services.js';
import { ErrorCode } from '../platform/errors.js';
import { requireViewer, type Viewer } from '../platform/viewer-scope.js';
import { sendError } from './error-response.js';

/** What a plain HTTP route (CAP XML, CSV reports) gets: the request's context, and its viewer (always signed in). */
export interface RouteContext extends Context {
  viewer: Viewer;
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
 * the same context builder, token checks and visibility rules (services bound to the viewer). Errors answer
 * in the GraphQL error shape (sendError) with the matching status (401, 403, 404, 400); anything unexpected is
 * logged with the request id and answers 500 with no detail. When the response has already started streaming,
 * an error cuts the connection so that a partial body is not mistaken for a whole one.
 */
export function authenticatedRoute(
  deps: AppDeps,
  handler: (req: express.Request, res: express.Response, ctx: RouteContext) => Promise<void>,
): express.RequestHandler {
  return async (req, res) => {
    const requestId = (res.locals.requestId as string | undefined) ?? requestIdOf(req.headers['x-request-id']);
    try {
      const context = await requestContext(deps, { authorization: req.headers.authorization, requestId, clientAddress: req.ip ?? req.socket.remoteAddress });
      if (context.scope.authError) throw context.scope.authError;
      const viewer = requireViewer(context.scope);
      await handler(req, res, Object.assign(context, { viewer }));
    } catch (error) {
      const code = error instanceof GraphQLError ? String(error.extensions.code ?? '') : '';
      const status = STATUS_OF[code];
      if (!status) deps.logger.error({ err: error, requestId, path: req.path }, 'http route failed');
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (status === 401) res.setHeader('www-authenticate', 'Bearer');
      if (status) sendError(res, status, code, (error as GraphQLError).message);
      else sendError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
    }
  };
}
