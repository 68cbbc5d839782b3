import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { badUserInput } from './errors.js';

/**
 * Runs a write and turns a unique-constraint violation (the database's word on a duplicate, race-free) into
 * BAD_USER_INPUT naming `field`. The transaction of the write is rolled back, so nothing is stored.
 */
export async function writeUnique<T>(write: () => Promise<T>, field: string, message: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw badUserInput(message, [{ field, message: 'is already used' }]);
    }
    throw error;
  }
}
