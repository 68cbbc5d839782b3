import type DataLoader from 'dataloader';
import type { EntityManager, ObjectQuery } from '@mikro-orm/postgresql';
import { batcherOf } from './batching.js';
import { notFound } from './errors.js';
import { assertIds } from './ids.js';

/**
 * The records of one entity class that the viewer may see, by id, for one request: `find` is batched over the
 * request's batcher (batching.ts) and gives null for a record that does not exist or that the viewer may not
 * see; `get` answers NOT_FOUND for both, without telling them apart. Each service keeps its own rule (`where`,
 * read when a batch goes out) and uses this one lookup.
 */
export class VisibleById<T extends { id: string }> {
  private readonly loader: DataLoader<string, T | null>;

  /**
   * @param what how NOT_FOUND names the record, e.g. `Alert`.
   * @param where the viewer's visibility rule for the class (`{}`: every record).
   */
  constructor(
    em: EntityManager,
    entity: new (...args: never[]) => T,
    private readonly what: string,
    where: () => ObjectQuery<T>,
  ) {
    this.loader = batcherOf(em).byId(em, entity, where);
  }

  /** The record when it exists and the viewer may see it, else null. `id` must already be an id. */
  find(id: string): Promise<T | null> {
    return this.loader.load(id);
  }

  /**
   * The record `id`, as `find`.
   * @throws BAD_USER_INPUT naming `field` when `id` is not an id; NOT_FOUND when there is no such record or
   *   the viewer may not see it.
   */
  async get(id: string, field = 'id'): Promise<T> {
    assertIds(field, id);
    const found = await this.find(id);
    if (!found) throw notFound(this.what, id);
    return found;
  }
}
