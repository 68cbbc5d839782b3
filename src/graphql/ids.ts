import { badUserInput } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` has the shape of the UUIDs Postwatch uses as ids. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * Checks ids received from a client before they reach the database.
 * @throws BAD_USER_INPUT naming `field` when an id is not a UUID.
 */
export function assertIds(field: string, ...ids: (string | null | undefined)[]): void {
  const bad = ids.find((id) => id != null && !isUuid(id));
  if (bad !== undefined) {
    throw badUserInput(`${field}: "${bad}" is not a valid id`, [{ field, message: 'must be an id (UUID)' }]);
  }
}
