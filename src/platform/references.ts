import type { Collection, Reference } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { batcherOf } from './batching.js';

/**
 * The entity behind `reference`.
 * - With `em` (a request's queries): always through the request's batcher (batching.ts), even when another
 *   statement of the request happened to load it already, so that how many statements a query costs does not
 *   depend on which statement came back first.
 * - Without (live delivery over entities loaded beforehand): at once when it is loaded (no promise, so that the
 *   selection executes synchronously), else through MikroORM's dataloader.
 */
export function loadedOr<T extends { id: string }>(reference: Reference<T>, em?: EntityManager): T | Promise<T> {
  if (!em) return reference.isInitialized() ? reference.getEntity() : reference.loadOrFail();
  const entity = reference.unwrap();
  return batcherOf(em)
    .entities(em, entity.constructor as new () => T)
    .load(entity.id)
    .then((found) => {
      if (!found) throw new Error(`${entity.constructor.name} ${entity.id} is referenced but does not exist`);
      return found;
    });
}

/** The items of `collection`, loaded as `loadedOr` says. */
export function itemsOf<T extends object>(collection: Collection<T, object>, em?: EntityManager): T[] | Promise<T[]> {
  if (!em) return collection.isInitialized() ? collection.getItems() : collection.load().then((loaded) => loaded.getItems());
  type Owner = { id: string };
  const owner = collection.owner as Owner;
  const property = collection.property.name as keyof Owner & string;
  return batcherOf(em).collections<Owner, T>(em, owner.constructor as new () => Owner, property).load(owner.id);
}

/**
 * The EntityManager to batch a resolver's reads over: the request's, except in a WebSocket subscription, whose
 * events are executed over entities loaded beforehand (realtime/alert-snapshots.ts) and must not query again.
 */
export function batchingEm(context: { em: EntityManager; operationGroup?: string }): EntityManager | undefined {
  return context.operationGroup === undefined ? context.em : undefined;
}
