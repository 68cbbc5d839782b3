import type { Viewer } from '../../graphql/context.js';

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
