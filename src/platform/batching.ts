import DataLoader from 'dataloader';
import type { EntityManager, ObjectQuery } from '@mikro-orm/postgresql';

/**
 * Batching of one request's reads (one per EntityManager fork, i.e. per request or subscription).
 *
 * DataLoader's default sends a batch at the end of the tick in which it was filled. GraphQL resolves a level
 * of a query in waves, as the parents of its fields arrive from different statements, so that default would
 * send one statement per wave, and how many waves there are depends on timing. Here a batch waits until the
 * request has no batch in flight and the event loop has run what was queued (`setImmediate`); then every
 * waiting batch goes out together. The number of statements then follows the query's shape (one per loader
 * and level), never the page size or the timing.
 *
 * A batch function must not itself wait for a loader of the same request (it would wait for itself).
 */
export class RequestBatcher {
  private waiting: (() => void)[] = [];
  private readonly byName = new Map<string, DataLoader<string, unknown>>();
  private inFlight = 0;
  private scheduled = false;

  /** A DataLoader over `fetch` (which returns one value per key, in the keys' order), batched as above. */
  loader<K, V>(fetch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    return new DataLoader<K, V>(
      async (keys) => {
        this.inFlight++;
        try {
          return await fetch(keys);
        } finally {
          this.inFlight--;
          this.schedule();
        }
      },
      {
        batchScheduleFn: (dispatch) => {
          this.waiting.push(dispatch);
          this.schedule();
        },
      },
    );
  }

  /** Entities of class `entity` by id (null for an unknown id), over `em`; one loader per class. */
  entities<T extends { id: string }>(em: EntityManager, entity: new (...args: never[]) => T): DataLoader<string, T | null> {
    return this.named(entity.name, () => this.byId(em, entity, () => ({})));
  }

  /**
   * A new loader of entities of class `entity` by id that also match `where` (read when the batch goes out,
   * e.g. the viewer's visibility rule), null for the others, over `em`.
   */
  byId<T extends { id: string }>(
    em: EntityManager,
    entity: new (...args: never[]) => T,
    where: () => ObjectQuery<T>,
  ): DataLoader<string, T | null> {
    return this.loader<string, T | null>(async (ids) => {
      const found = (await em.find(entity, { $and: [{ id: { $in: [...ids] } }, where()] } as never)) as T[];
      return ids.map((id) => found.find((row) => row.id === id) ?? null);
    });
  }

  /** The items of collection `property` of `owner` entities, by owner id, over `em`; one loader per collection. */
  collections<T extends { id: string }, I extends object>(
    em: EntityManager,
    owner: new (...args: never[]) => T,
    property: keyof T & string,
  ): DataLoader<string, I[]> {
    return this.named(`${owner.name}.${property}`, () =>
      this.loader<string, I[]>(async (ids) => {
        const owners = (await em.find(owner, { id: { $in: [...ids] } } as never, { populate: [property] as never })) as T[];
        return ids.map((id) => {
          const found = owners.find((row) => row.id === id);
          return found ? ((found[property] as { getItems(): I[] }).getItems()) : [];
        });
      }),
    );
  }

  private named<L extends DataLoader<string, unknown>>(name: string, create: () => L): L {
    let loader = this.byName.get(name) as L | undefined;
    if (!loader) this.byName.set(name, (loader = create()));
    return loader;
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      // The batch in flight calls schedule() again when it settles, after its results have been handed out.
      if (this.inFlight > 0) return;
      for (const dispatch of this.waiting.splice(0)) dispatch();
    });
  }
}

const batchers = new WeakMap<object, RequestBatcher>();

/** The batcher of the request that owns `em` (its EntityManager fork). */
export function batcherOf(em: object): RequestBatcher {
  let batcher = batchers.get(em);
  if (!batcher) batchers.set(em, (batcher = new RequestBatcher()));
  return batcher;
}

/** Loaders shared by all requests, by owner (e.g. a database connection) and name. */
const sharedLoaders = new WeakMap<object, Map<string, DataLoader<unknown, unknown>>>();

/**
 * A DataLoader shared by every request and socket on `owner` (e.g. the database connection), without a cache:
 * the loads made in one turn of the event loop go out together, in one call of `fetch`, once that turn's I/O is
 * handled (`setImmediate`), at most 500 at a time. Each value is as fresh as a read of its own made at that
 * moment, which is after every load of the batch was asked for. Under load (tens of requests, or thousands of
 * dashboards reconnecting) one statement then serves many.
 */
export function sharedPerTurn<K, V>(owner: object, name: string, fetch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
  let byName = sharedLoaders.get(owner);
  if (!byName) sharedLoaders.set(owner, (byName = new Map()));
  let loader = byName.get(name) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(fetch, { cache: false, maxBatchSize: 500, batchScheduleFn: (send) => setImmediate(send) });
    byName.set(name, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}
