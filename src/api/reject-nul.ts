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

/** The path of the first text holding a NUL character in `root`, walked without recursion (any depth). */
function nulPath(root: unknown, rootPath: string): string | null {
  const stack: [unknown, string][] = [[root, rootPath]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const entries = Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, inner] = entries[i]!;
      stack.push([inner, path ? `${path}.${key}` : key]);
    }
  }
  return null;
}

/** True when `variables` nest objects or lists more than `maxDepth` levels deep (walked without recursion). */
export function variablesTooDeep(variables: unknown, maxDepth: number): boolean {
  const stack: [unknown, number][] = [[variables, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) return true;
    for (const inner of Object.values(value)) stack.push([inner, depth + 1]);
  }
  return false;
}
