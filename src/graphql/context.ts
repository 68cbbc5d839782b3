import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLError } from 'graphql';
import type { ContactRole } from '../modules/contact/contact-role.js';
import { unauthenticated } from './errors.js';
import type { DirectDelivery } from '../http/shared-execution.js';
import type { Services } from './services.js';

/** The authenticated contact behind a request or WebSocket, read fresh from the database. */
export interface Viewer {
  contactId: string;
  role: ContactRole;
  agencyId: string;
  /** Ids of the viewer's agency's ancestors and of the agency itself, top first. */
  agencyLineage: string[];
  email: string;
}

/**
 * Who is signed in for one request (or WebSocket operation). One object per request, shared by reference by
 * the context (which Apollo copies per operation) and the services, so that `login` can sign the rest of its
 * own request in.
 */
export interface ViewerScope {
  viewer: Viewer | null;
  /** Why the token sent with the request was refused; operations that need a viewer raise it. */
  authError?: GraphQLError;
}

/**
 * The viewer of `scope`.
 * @throws UNAUTHENTICATED when nobody is signed in (resolvers normally refuse earlier, through @Authorized).
 */
export function requireViewer(scope: ViewerScope): Viewer {
  if (!scope.viewer) throw unauthenticated();
  return scope.viewer;
}

/** What every resolver receives: one EntityManager fork per request (or per subscription), the viewer's scope. */
export interface Context {
  em: EntityManager;
  scope: ViewerScope;
  services: Services;
  requestId: string;
  clientAddress?: string;
  /**
   * Over WebSocket: subscriptions with the same operation, variables, role and agency, whose events are
   * executed once for all of them (http/shared-execution.ts).
   */
  operationGroup?: string;
  /** Over WebSocket: lets go of the EntityManager fork and services until they are needed again. */
  release?(): void;
  /** Over WebSocket: where the subscription's messages can be sent without graphql-ws serialising each. */
  delivery?: DirectDelivery;
}
