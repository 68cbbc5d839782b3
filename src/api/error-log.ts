import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { publicErrorOf, toClientError } from '../platform/errors.js';
import type { Logger } from '../logger.js';
import { countClientErrors } from '../platform/metrics.js';

/** Logs, with the request id, every error that the client only sees as INTERNAL_SERVER_ERROR. */
export function logInternalErrors(logger: Logger, errors: readonly GraphQLError[], requestId: string | undefined): void {
  for (const error of errors) {
    if (publicErrorOf(error)) continue;
    logger.error({ err: error.originalError ?? error, requestId, path: error.path }, 'internal error');
  }
}

/** `errors` as the client receives them (toClientError), the internal ones logged with `requestId` first; counted by code. */
export function clientErrors(logger: Logger, errors: readonly GraphQLError[], requestId: string | undefined): GraphQLFormattedError[] {
  logInternalErrors(logger, errors, requestId);
  const formatted = errors.map(toClientError);
  countClientErrors(formatted);
  return formatted;
}
