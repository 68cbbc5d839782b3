import type { Collection, Reference } from '@mikro-orm/core';

/**
 * The entity behind `reference`: at once when it is already loaded (no promise, so that a selection over
 * loaded entities executes synchronously), else loaded (batched by MikroORM's dataloader).
 */
export function loadedOr<T extends object>(reference: Reference<T>): T | Promise<T> {
  return reference.isInitialized() ? reference.getEntity() : reference.loadOrFail();
}

/** The items of `collection`: at once when already loaded, else loaded. */
export function itemsOf<T extends object>(collection: Collection<T>): T[] | Promise<T[]> {
  return collection.isInitialized() ? collection.getItems() : collection.load().then((loaded) => loaded.getItems());
}
