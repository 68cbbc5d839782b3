import { Kind, visit, type DocumentNode } from 'graphql';
import { type AppError, badUserInput } from '../platform/errors.js';

/**
 * Where a request carries text holding a NUL character (U+0000), which PostgreSQL cannot store: the
 * variable's path (`input.headline`), `a string literal` for one written in the document, or null.
 * Checked once per request, before anything runs, so resolvers need no per-field check.
 */
export function nulCharacterIn(document: DocumentNode, variables: Record<string, unknown> | null | undefined): string | null {
  const inVariables = nulPath(variables ?? {}, '');
  if (inVariables !== null) return inVariables;
  let literal = false;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (node.value.includes('\u0000')) literal = true;
    },
  });
  return literal ? 'a string literal' : null;
}

/** BAD_USER_INPUT for text holding a NUL character at `where`. */
export function nulRefusal(where: string): AppError {
  const refusal = badUserInput(`${where}: text must not contain NUL characters`, [{ field: where, message: 'must not contain NUL characters' }]);
  // Raised before execution: Apollo answers with this status (400) instead of 500.
  refusal.extensions.http = { status: 400 };
  return refusal;
}

function nulPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = nulPath(inner, path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}
