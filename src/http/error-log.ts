import type { GraphQLError } from 'graphql';
import { publicErrorOf } from '../graphql/errors.js';
import type { Logger } from '../logger.js';

/** Logs, with the request id, every error that the client only sees as INTERNAL_SERVER_ERROR. */
export function logInternalErrors(logger: Logger, errors: readonly GraphQLError[], requestId: string | undefined): void {
  for (const error of errors) {
    if (publicErrorOf(error)) continue;
    logger.error({ err: error.originalError ?? error, requestId, path: error.path }, 'internal error');
  }
}
