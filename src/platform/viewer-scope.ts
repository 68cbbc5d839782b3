import type { GraphQLError } from 'graphql';
import type { ContactRole } from './contact-role.js';
import { unauthenticated } from './errors.js';

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

/** `path` of the viewer's agency (`/<id>/…/<own id>/`): an agency is at or under it when its path starts with it. */
export function viewerAgencyPath(viewer: Viewer): string {
  return `/${viewer.agencyLineage.join('/')}/`;
}

/** Fails the build when a switch over a union misses a member. */
export function unreachable(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
}

/**
 * `{ $in: <subquery> }` for a MikroORM condition. MikroORM renders a knex query given as an `$in` value as
 * `in (select …)`; its typings only know value lists, hence the cast in this one place.
 */
export function inSubquery(query: { getKnexQuery(): unknown }): { $in: string[] } {
  return { $in: query.getKnexQuery() as unknown as string[] };
}
