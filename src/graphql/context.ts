import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLError } from 'graphql';
import type { ContactRole } from '../modules/contact/contact-role.js';
import type { Services } from './services.js';

/** The authenticated contact behind a request or WebSocket, read fresh from the database. */
export interface Viewer {
  contactId: string;
  role: ContactRole;
  agencyId: string;
  email: string;
}

/** What every resolver receives: one EntityManager fork per request (or per subscription), the viewer. */
export interface Context {
  em: EntityManager;
  viewer: Viewer | null;
  /** Why the token sent with the request was refused; operations that need a viewer raise it. */
  authError?: GraphQLError;
  services: Services;
  requestId: string;
  clientAddress?: string;
}
