import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs `work` in a database transaction on `em` (a request's own fork): flushes and commits when it returns,
 * rolls back when it throws. Unlike `em.transactional`, it does not enter MikroORM's AsyncLocalStorage
 * context, which would switch on Node's promise hooks for the whole process and tax every promise of every
 * live delivery afterwards.
 */
export async function inTransaction<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  await em.begin();
  try {
    const result = await work(em);
    await em.commit();
    return result;
  } catch (error) {
    await em.rollback();
    throw error;
  }
}
