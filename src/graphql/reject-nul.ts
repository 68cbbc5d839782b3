import type { MiddlewareFn } from 'type-graphql';
import type { Context } from './context.js';
import { badUserInput } from './errors.js';

/**
 * Global middleware: refuses any argument text holding a NUL character (U+0000), which PostgreSQL cannot
 * store, with BAD_USER_INPUT naming the argument, before any resolver runs.
 */
export const rejectNulCharacters: MiddlewareFn<Context> = ({ args }, next) => {
  const field = nulPath(args, '');
  if (field !== null) {
    throw badUserInput(`${field}: text must not contain NUL characters`, [
      { field, message: 'must not contain NUL characters' },
    ]);
  }
  return next();
};

function nulPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || value instanceof Date) return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = nulPath(inner, path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}
