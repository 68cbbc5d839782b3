import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import type { TokenViewer } from '../modules/auth/auth.service.js';
import type { ViewerScope } from '../platform/viewer-scope.js';
import type { Context } from './context.js';
import { createAuthService, createServices, type AppDeps, type Services } from './services.js';

/** Who is signed in, as a token's viewer (with its expiry and credentials version), or why nobody is. */
export interface Authentication extends ViewerScope {
  viewer: TokenViewer | null;
}

/**
 * Reads the viewer behind an `Authorization` value (an HTTP header, or the graphql-ws connection parameter),
 * over `em`. A refused token does not throw: it is kept as `authError`, which fails only the operations that
 * need a viewer (so `login` still works). No value gives `{ viewer: null }`.
 * @throws whatever is not a refusal (e.g. the database is unreachable).
 */
export async function authenticate(deps: AppDeps, em: EntityManager, authorization: unknown): Promise<Authentication> {
  try {
    return { viewer: await createAuthService(em, deps).viewerFor(authorization) };
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return { viewer: null, authError: error };
  }
}

/** Where a request or subscription comes from. */
export interface ContextOptions {
  /** The client's request id; a new UUID when absent. */
  requestId?: string;
  clientAddress?: string;
  /** Over WebSocket: the group of identical subscriptions (see RequestContext.operationGroup). */
  operationGroup?: string;
  /** The EntityManager fork to start with (the one the viewer was read through); else one is forked on first use. */
  em?: EntityManager;
}

/**
 * The one context builder, for HTTP, WebSocket and the plain routes. The EntityManager fork and the services are
 * made on first use and let go by `release()` (a subscription between events: thousands of dashboards then hold
 * no ORM state, and the one subscriber that executes an event for its group makes them again if a field needs
 * them).
 */
export function createContext(deps: AppDeps, scope: ViewerScope, options: ContextOptions = {}): Context {
  let em = options.em;
  let services: Services | undefined;
  const context: Context = {
    scope,
    requestId: options.requestId ?? randomUUID(),
    clientAddress: options.clientAddress,
    operationGroup: options.operationGroup,
    get em() {
      em ??= deps.orm.em.fork();
      return em;
    },
    get services() {
      services ??= createServices(context.em, deps, scope);
      return services;
    },
    release() {
      em = undefined;
      services = undefined;
    },
  };
  return context;
}

/**
 * The context of one HTTP request (GraphQL or a plain route): the viewer read from `authorization` over the
 * request's own EntityManager fork, then services over the same fork.
 * @throws as `authenticate`.
 */
export async function requestContext(
  deps: AppDeps,
  request: { authorization: unknown; requestId: string; clientAddress?: string },
): Promise<Context> {
  const em = deps.orm.em.fork();
  const scope = await authenticate(deps, em, request.authorization);
  return createContext(deps, scope, { em, requestId: request.requestId, clientAddress: request.clientAddress });
}

/** The client's `x-request-id` when it is a plain token of up to 100 characters, else a new UUID. */
export function requestIdOf(header: unknown): string {
  return typeof header === 'string' && /^[\w.-]{1,100}$/.test(header) ? header : randomUUID();
}
