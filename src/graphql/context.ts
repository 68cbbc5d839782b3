import type { EntityManager } from '@mikro-orm/postgresql';
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
  services: Services;
  requestId: string;
  clientAddress?: string;
}
