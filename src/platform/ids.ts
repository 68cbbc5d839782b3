import { badUserInput } from './errors.js';

/** A UUID as the API writes ids: lower-case hexadecimal, 8-4-4-4-12. */
export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The message of an input field that must hold an id. */
export const ID_MESSAGE = 'must be an id (a lower-case UUID)';

/** True when `value` is an id as the API writes them (a lower-case UUID). */
export function isUuid(value: string): boolean {
  return ID_PATTERN.test(value);
}

/**
 * Checks ids received from a client before they reach the database.
 * @throws BAD_USER_INPUT naming `field` when an id is not a UUID.
 */
export function assertIds(field: string, ...ids: (string | null | undefined)[]): void {
  const bad = ids.find((id) => id != null && !isUuid(id));
  if (bad !== undefined) {
    throw badUserInput(`${field}: "${bad}" is not a valid id`, [{ field, message: 'must be an id as the API returns it (a lower-case UUID)' }]);
  }
}
