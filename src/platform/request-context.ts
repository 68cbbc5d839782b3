import type { EntityManager } from '@mikro-orm/postgresql';
import type { ViewerScope } from './viewer-scope.js';

/**
 * The audit entry of the mutation being resolved, which the operation may write itself, inside its own
 * transaction, so that its change and the entry commit together (api/audit-operations.ts writes it otherwise,
 * after the resolver, in a transaction of its own).
 */
export interface AuditedCall {
  /**
   * Adds the call's SUCCESS entry to transaction `tx` (written at its flush; gone if it rolls back, and then the
   * call's error is recorded as usual). `target` names the record changed, `detail` adds to the entry's detail
   * (ids and counts, never free text).
   */
  recordIn(tx: EntityManager, target?: { targetType: string; targetId: string }, detail?: Record<string, unknown>): void;
}

/**
 * What a resolver receives as its GraphQL context, typed by the services `S` it uses: each module's resolvers
 * name the services they need, and the API's one context (api/context.ts), which holds every service, fits
 * each of them. Built in one place (api/context-builder.ts) for HTTP, WebSocket and the plain routes.
 */
export interface RequestContext<S> {
  /** The request's own EntityManager fork (per request, or per subscription over WebSocket). */
  em: EntityManager;
  /** Who is signed in. */
  scope: ViewerScope;
  /** Services bound to `em` and `scope`. */
  services: S;
  /** The client's `x-request-id`, or a new UUID; logged with every error of the request. */
  requestId: string;
  /** The client's address (after `TRUST_PROXY`), for the audit trail. */
  clientAddress?: string;
  /**
   * Over WebSocket: subscriptions with the same operation, variables, role and agency, whose events are
   * executed once for all of them over entities loaded beforehand (http/shared-execution.ts).
   */
  operationGroup?: string;
  /** While a mutation field resolves: its audit entry, for the operation to write in its own transaction. */
  auditCall?: AuditedCall;
  /** Over WebSocket: lets go of the EntityManager fork and services until they are needed again. */
  release?(): void;
}
