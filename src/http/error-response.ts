import type express from 'express';
import type { ErrorCode } from '../platform/errors.js';

/**
 * Answers `status` with the GraphQL error shape `{ errors: [{ message, extensions: { code } }] }`, for what is
 * answered outside GraphQL execution (unknown paths, malformed bodies, the plain routes), so that every client
 * reads one shape.
 */
export function sendError(res: express.Response, status: number, code: ErrorCode | string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}
